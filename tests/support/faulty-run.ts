// A whole `subcontract run` in a child process against a sandbox in this process that misbehaves
// on purpose (fault rules), as a remote target: what the report, canary and browser tests read.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { adapty as adaptyApi } from '../../src/apis/adapty/api.ts'
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
  options: Omit<SandboxOptions, 'apis'> & { args: string[]; key?: string },
): Promise<FaultyRun> {
  const { args, key, ...sandboxOptions } = options
  const sandbox = await createSandbox({ apis: [adaptyApi], clock: 'system', ...sandboxOptions })
  const adapty = sandbox.apis.adapty
  if (adapty === undefined) throw new Error('runAgainstFaultySandbox needs the adapty API')
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-faulty-'))
  const envFile = join(reportDir, '.env.faulty')
  writeFileSync(
    envFile,
    [
      ...['ADAPTY_BASE_URL', 'ADAPTY_PAYWALL_ID', 'ADAPTY_STRIPE_TOKEN', 'ADAPTY_PADDLE_TOKEN']
        .concat('ADAPTY_VC_CURRENCY_CODES')
        .map((name) => `${name}=${adapty.values[name] ?? ''}`),
      `ADAPTY_SECRET_API_KEY="${key ?? adapty.apiKey}"`,
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
