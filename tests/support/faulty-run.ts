// A whole `subcontract run` in a child process against a sandbox in this process that misbehaves
// on purpose (fault rules), as a remote target: what the report, canary and browser tests read.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sandbox/create-sandbox.ts'
import { runSubcontract } from './child-run.ts'

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
      `ADAPTY_VC_CURRENCY_CODES=${sandbox.adapty.currencyCodes.join(',')}`,
    ].join('\n'),
  )
  const { status, output } = await runSubcontract([
    'run',
    '--target',
    'remote',
    '--env',
    envFile,
    '--allow-writes',
    '--report-dir',
    reportDir,
    ...args,
  ])
  return { status, output, reportDir, sandbox }
}
