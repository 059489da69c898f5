// A whole `subcontract run` in a child process against a sandbox in this process that misbehaves
// on purpose (fault rules), as a remote target: what the report, canary and browser tests read.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sandbox/create-sandbox.ts'

const ROOT = new URL('../../', import.meta.url).pathname

/** What a faulty run left: exit code, everything printed, and where its reports are. */
export interface FaultyRun {
  status: number | null
  output: string
  reportDir: string
  sandbox: Sandbox
}

/** Starts the sandbox, points a remote run at it through an env file, and runs `args`. */
export async function runAgainstFaultySandbox(
  options: SandboxOptions & { args: string[]; key?: string },
): Promise<FaultyRun> {
  const { args, key, ...sandboxOptions } = options
  const sandbox = await createSandbox({ clock: 'system', ...sandboxOptions })
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-faulty-'))
  const envFile = join(reportDir, '.env.faulty')
  writeFileSync(
    envFile,
    [
      `ADAPTY_BASE_URL=${sandbox.adapty.url}`,
      `ADAPTY_SECRET_API_KEY="${key ?? sandbox.adapty.apiKey}"`,
      `ADAPTY_PAYWALL_ID=${sandbox.adapty.paywallId}`,
      `ADAPTY_STRIPE_TOKEN=${sandbox.adapty.stripeToken}`,
      `ADAPTY_PADDLE_TOKEN=${sandbox.adapty.paddleToken}`,
    ].join('\n'),
  )
  // The sandbox on loopback needs no pacing at the vendors' rate; a test run should not wait for it.
  const env: NodeJS.ProcessEnv = { SUBCONTRACT_RATE_LIMIT: '500', ...process.env }
  delete env.SUBCONTRACT_RUN_ID
  delete env.SUBCONTRACT_TARGET
  delete env.SUBCONTRACT_ALLOW_WRITES
  let output = ''
  // Asynchronous on purpose: the sandbox lives in this process and must keep answering.
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--',
        'bin/subcontract.js',
        'run',
        '--target',
        'remote',
        '--env-file',
        envFile,
        '--allow-writes',
        '--report-dir',
        reportDir,
        ...args,
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('close', resolve)
  })
  return { status, output, reportDir, sandbox }
}
