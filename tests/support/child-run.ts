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

/** A RevenueCat customer as the sandbox's control route lists it. */
export interface SandboxCustomer {
  project_id: string
  id: string
}

/**
 * Every customer of the projects the sandbox's RevenueCat key opens, as `<project_id>/<id>` (the
 * ledger's reference), sorted: what a test compares before and after a run.
 */
export async function customersOn(sandbox: {
  apis: { revenuecat?: { url: string; apiKey: string } }
}): Promise<string[]> {
  const revenuecat = sandbox.apis.revenuecat
  if (revenuecat === undefined)
    throw new Error('customersOn: the sandbox does not serve revenuecat')
  // Control routes live at the listener's root, outside the API's base path.
  const res = await fetch(`${new URL(revenuecat.url).origin}/__sandbox/customers`, {
    headers: { authorization: `Bearer ${revenuecat.apiKey}` },
  })
  if (!res.ok)
    throw new Error(`GET /__sandbox/customers answered ${res.status}: ${await res.text()}`)
  const { customers } = (await res.json()) as { customers: SandboxCustomer[] }
  return customers.map((c) => `${c.project_id}/${c.id}`).sort()
}

/**
 * What a RevenueCat sandbox holds that a run made (`subcontract-<runId>-…`: the ids of
 * useTarget's uniqueCustomerUserId, runLabel's names, the collection's), as the run ledger names
 * it: `<project_id>/<customer_id>` and `<project_id>/@<kind>/<name>` (control route
 * `/__sandbox/test-data`). The seeded ones (`subcontract-seed-…`) are left out. With `runId`,
 * that run's only.
 */
export async function testObjectsOn(
  sandbox: { apis: { revenuecat?: { url: string; apiKey: string } } },
  runId?: string,
): Promise<string[]> {
  const revenuecat = sandbox.apis.revenuecat
  if (revenuecat === undefined)
    throw new Error('testObjectsOn: the sandbox does not serve revenuecat')
  const res = await fetch(`${new URL(revenuecat.url).origin}/__sandbox/test-data`, {
    headers: { authorization: `Bearer ${revenuecat.apiKey}` },
  })
  if (!res.ok)
    throw new Error(`GET /__sandbox/test-data answered ${res.status}: ${await res.text()}`)
  const { objects } = (await res.json()) as {
    objects: Array<{ project_id: string; kind: string; name: string; offering_id?: string }>
  }
  const prefix = runId === undefined ? 'subcontract-' : `subcontract-${runId}-`
  return objects
    .filter((o) => o.name.startsWith(prefix) && !o.name.startsWith('subcontract-seed-'))
    .map((o) =>
      o.kind === 'customer'
        ? `${o.project_id}/${o.name}`
        : `${o.project_id}/@${o.kind}/${o.offering_id === undefined ? '' : `${o.offering_id}/`}${o.name}`,
    )
    .sort()
}
