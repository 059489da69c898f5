/**
 * `npm run bench`: figures, not a timed test. Measures sandbox throughput (bench-throughput.ts:
 * one read per API, 10 connections, self-check on and off, median of fresh processes), contract validations per
 * second for a full profile, the wall time of the Adapty suite, and whole regressions (passing,
 * and with faults) with the size of the reports they write and the time to render report.html.
 * Prints them and writes bench/results.json.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { OPERATIONS } from '../apis/all.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { validateExchange } from '../contract/validate-exchange.ts'
import { parseBody } from '../exchange.ts'
import { renderHtml } from '../report/reporters/html.ts'
import type { RunTimings } from '../report/run-result.ts'
import {
  formatFigure,
  hasWrk,
  LOAD_TARGETS,
  type LoadTarget,
  measureThroughput,
  startSandbox,
  type ThroughputFigure,
  type ThroughputSkip,
} from './bench-throughput.ts'
import { formatTimings } from './regression.ts'
import { readSummary } from './report.ts'
import { writeAtomically } from './write-report.ts'

const GET_PROFILE = OPERATIONS.get('adapty', 'getProfile')

async function validationsPerSecond(): Promise<{
  validationsPerSecond: number
  iterations: number
}> {
  const sandbox = await startSandbox('adapty', false)
  const { path, headers } = (LOAD_TARGETS[0] as LoadTarget).request(sandbox.values)
  const res = await fetch(`${sandbox.origin}${path}`, { headers })
  const bodyText = await res.text()
  await sandbox.stop()
  const contract = loadContract()
  const exchange = {
    api: 'adapty' as const,
    operationId: 'getProfile',
    request: { method: 'GET', url: '', headers: {} },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      bodyText,
      ...parseBody(bodyText),
    },
    durationMs: 0,
    attempts: 1,
  }
  const started = performance.now()
  let iterations = 0
  while (performance.now() - started < 2000) {
    for (let i = 0; i < 1000; i++) {
      if (validateExchange(contract, GET_PROFILE, exchange, 200).length > 0)
        throw new Error('benchmark profile does not validate')
    }
    iterations += 1000
  }
  return {
    validationsPerSecond: Math.round(iterations / ((performance.now() - started) / 1000)),
    iterations,
  }
}

function suiteWallTime(): Promise<{ wallSeconds: number; exitCode: number | null }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', 'contract'],
      {
        stdio: 'ignore',
      },
    )
    child.on('exit', (code) =>
      resolve({
        wallSeconds: Math.round((performance.now() - started) / 10) / 100,
        exitCode: code,
      }),
    )
  })
}

/** A whole `subcontract run` in a child process: wall time and the size of what it wrote. */
function regressionRun(args: string[]): Promise<{
  wallSeconds: number
  exitCode: number | null
  reportDir: string
  htmlBytes: number
  summaryBytes: number
  junitBytes: number
}> {
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-bench-'))
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--', 'bin/subcontract.js', 'run', '--report-dir', reportDir, ...args],
      { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
    )
    child.on('exit', (code) => {
      const size = (file: string) => statSync(join(reportDir, file)).size
      resolve({
        wallSeconds: Math.round((performance.now() - started) / 10) / 100,
        exitCode: code,
        reportDir,
        htmlBytes: size('report.html'),
        summaryBytes: size('summary.json'),
        junitBytes: size('junit.xml'),
      })
    })
  })
}

/** The phase timings a run wrote into its summary.json. */
function timingsOf(reportDir: string): RunTimings | undefined {
  const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as {
    timings?: RunTimings
  }
  return summary.timings
}

/** Milliseconds to render report.html from a summary, averaged over repeated renders. */
function renderMs(summaryPath: string): number {
  const summary = readSummary(summaryPath)
  const started = performance.now()
  const rounds = 50
  for (let i = 0; i < rounds; i++) renderHtml(summary)
  return Math.round(((performance.now() - started) / rounds) * 100) / 100
}

/** Runs every benchmark, prints the figures and writes bench/results.json. */
export async function runBench(print: (line: string) => void): Promise<number> {
  const seconds = Number(process.env.SUBCONTRACT_BENCH_SECONDS ?? '3')
  const trials = Number(process.env.SUBCONTRACT_BENCH_TRIALS ?? '3')
  print(`subcontract bench on ${cpus().length} cores, node ${process.version}`)
  const clients: Array<'autocannon' | 'wrk'> = hasWrk() ? ['autocannon', 'wrk'] : ['autocannon']
  if (clients.length === 1)
    print('wrk is not installed (apt-get install wrk): autocannon figures only')
  const throughput: Array<ThroughputFigure | ThroughputSkip> = []
  for (const target of LOAD_TARGETS) {
    const measured = await measureThroughput(target, { seconds, trials, clients })
    if (Array.isArray(measured)) {
      for (const figure of measured) print(formatFigure(figure))
      throughput.push(...measured)
    } else {
      print(`${measured.api} ${measured.operationId}: not measured, ${measured.skipped}`)
      throughput.push(measured)
    }
  }
  const validation = await validationsPerSecond()
  print(`contract validations of a full getProfile response: ${validation.validationsPerSecond}/s`)
  const suite = await suiteWallTime()
  print(
    `contract suites (vitest project "contract": Adapty and RevenueCat) wall time: ${suite.wallSeconds} s (exit ${suite.exitCode})`,
  )
  const full = await regressionRun([])
  print(
    `full regression on the sandbox (vitest + Newman): ${full.wallSeconds} s (exit ${full.exitCode}); report.html ${(full.htmlBytes / 1024).toFixed(1)} KiB, summary.json ${(full.summaryBytes / 1024).toFixed(1)} KiB, junit.xml ${(full.junitBytes / 1024).toFixed(1)} KiB`,
  )
  const fullTimings = timingsOf(full.reportDir)
  if (fullTimings !== undefined) print(`  ${formatTimings(fullTimings)}`)
  const one = await regressionRun(['--api', 'adapty', '--operation', 'getProfile'])
  const oneTimings = timingsOf(one.reportDir)
  print(
    `one operation (adapty getProfile, vitest + Newman): ${one.wallSeconds} s (exit ${one.exitCode})`,
  )
  if (oneTimings !== undefined) print(`  ${formatTimings(oneTimings)}`)
  const faulty = await startSandbox('adapty', true, [
    '--real-clock',
    '--fault',
    'getPaywall:malformed:times=1000000',
    '--fault',
    'updateProfile:503:times=1000000',
  ])
  let failing: Awaited<ReturnType<typeof regressionRun>>
  try {
    failing = await regressionRun([
      '--target',
      'remote',
      '--env-file',
      faulty.envFile,
      '--allow-writes',
    ])
  } finally {
    await faulty.stop()
  }
  const failures = (
    JSON.parse(readFileSync(join(failing.reportDir, 'summary.json'), 'utf8')) as {
      failures: unknown[]
    }
  ).failures.length
  print(
    `full regression with faults (getPaywall malformed, updateProfile 503): ${failures} failures, report.html ${(failing.htmlBytes / 1024).toFixed(1)} KiB, junit.xml ${(failing.junitBytes / 1024).toFixed(1)} KiB`,
  )
  const render = {
    passingMs: renderMs(join(full.reportDir, 'summary.json')),
    failingMs: renderMs(join(failing.reportDir, 'summary.json')),
  }
  print(
    `render report.html: ${render.passingMs} ms (passing run), ${render.failingMs} ms (${failures} failures)`,
  )
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cores: cpus().length, node: process.version },
    sandboxThroughput: throughput,
    contractValidation: validation,
    contractSuites: suite,
    regression: {
      passing: { ...full, reportDir: undefined, timings: fullTimings },
      oneOperation: { ...one, reportDir: undefined, timings: oneTimings },
      withFaults: { ...failing, reportDir: undefined, failures },
      renderHtmlMs: render,
    },
  }
  mkdirSync('bench', { recursive: true })
  writeAtomically('bench/results.json', `${JSON.stringify(results, null, 2)}\n`)
  print('wrote bench/results.json')
  const broken = throughput.some(
    (f) => 'trials' in f && f.trials.some((t) => t.non2xx > 0 || t.errors > 0),
  )
  return broken || suite.exitCode !== 0 || full.exitCode !== 0 || one.exitCode !== 0 ? 1 : 0
}
