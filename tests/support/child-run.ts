// `subcontract <args>` in a child process, as a user starts it, with the environment a test
// chooses. Asynchronous on purpose: a sandbox in the test's own process must keep answering.
import { type ChildProcess, spawn } from 'node:child_process'

const ROOT = new URL('../../', import.meta.url).pathname

/** What a finished child run left: its exit code and what it printed. */
export interface ChildRun {
  status: number | null
  stdout: string
  stderr: string
  /** stdout and stderr, interleaved as they came. */
  output: string
}

/** A started child run: the process, and its result once it has exited. */
export interface StartedRun {
  child: ChildProcess
  /** Everything printed so far. */
  readonly output: string
  done: Promise<ChildRun>
}

/**
 * The environment of a child run: this process's, without the variables a test run sets for
 * itself (target, writes, run id), with a pace fit for loopback unless `env` names one.
 */
export function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, SUBCONTRACT_RATE_LIMIT: '500' }
  delete out.SUBCONTRACT_TARGET
  delete out.SUBCONTRACT_ALLOW_WRITES
  delete out.SUBCONTRACT_RUN_ID
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete out[name]
    else out[name] = value
  }
  return out
}

/** Starts `node -- bin/subcontract.js <args>`; `detached` gives it a process group of its own. */
export function startSubcontract(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {},
): StartedRun {
  const child = spawn(process.execPath, ['--', 'bin/subcontract.js', ...args], {
    cwd: ROOT,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  })
  let stdout = ''
  let stderr = ''
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    output += chunk.toString()
  })
  const done = new Promise<ChildRun>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr, output })),
  )
  return {
    child,
    get output() {
      return output
    },
    done,
  }
}

/** Runs `subcontract <args>` to the end. */
export function runSubcontract(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ChildRun> {
  return startSubcontract(args, options).done
}

/**
 * The customer user ids of the profiles a sandbox holds, without its seeded ones: what a run left
 * behind on a sandbox used as a remote target. `(anonymous)` stands for a profile without one.
 */
export async function testProfilesOn(sandbox: {
  apis: { adapty?: { url: string; apiKey: string } }
}): Promise<string[]> {
  const adapty = sandbox.apis.adapty
  if (adapty === undefined) throw new Error('testProfilesOn: the sandbox does not serve adapty')
  // Control routes live at the listener's root, outside the API's base path.
  const res = await fetch(`${new URL(adapty.url).origin}/__sandbox/profiles`, {
    headers: { authorization: `Api-Key ${adapty.apiKey}` },
  })
  if (!res.ok)
    throw new Error(`GET /__sandbox/profiles answered ${res.status}: ${await res.text()}`)
  const { profiles } = (await res.json()) as {
    profiles: Array<{ customer_user_id: string | null }>
  }
  return profiles
    .map((p) => p.customer_user_id ?? '(anonymous)')
    .filter((id) => !id.startsWith('subcontract-seed-'))
}
