// The CI workflow users copy (.github/workflows/regression.yml): its shards add up to one run,
// every part reaches the merge, the actions are GitHub's own, and each subcontract command in it
// parses.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseShard } from '../../src/cli/shard.ts'
import { ROOT } from './files.ts'

const WORKFLOW = '.github/workflows/regression.yml'

interface Step {
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}

interface Job {
  needs?: string | string[]
  if?: string
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> }
  steps?: Step[]
}

interface Workflow {
  on?: unknown
  jobs?: Record<string, Job>
}

function readWorkflow(): Workflow {
  return parse(readFileSync(join(ROOT, WORKFLOW), 'utf8')) as Workflow
}

/** `${{ matrix.shard }}` → `${{matrix.shard}}`, so that an expression is one token. */
function tight(text: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => `\${{${e.replace(/\s+/g, '')}}}`)
}

/** A value as shard `i` of `n` sees it; undefined when another expression is left in it. */
function instantiate(text: string, i: number, n: number): string | undefined {
  const out = tight(text)
    .replaceAll(`\${{matrix.shard}}`, String(i))
    .replaceAll(`\${{strategy.job-total}}`, String(n))
  return out.includes('${{') ? undefined : out
}

/** The arguments after `subcontract <command>` on each line of a step's script. */
function subcontractCommands(script: string, command: string): string[][] {
  const out: string[][] = []
  for (const line of tight(script).split('\n')) {
    const match = new RegExp(`\\bsubcontract\\s+${command}\\b([^|;&>]*)`).exec(line)
    if (match !== null) out.push((match[1] ?? '').trim().split(/\s+/).filter(Boolean))
  }
  return out
}

/** The value of `--name v` or `--name=v`. */
function flag(args: readonly string[], name: string): string | undefined {
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (at < 0) return undefined
  const arg = args[at] ?? ''
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1]
}

/** The arguments that are not flags or flag values (merge's parts). */
function positionals(args: readonly string[]): string[] {
  const out: string[] = []
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] ?? ''
    if (arg.startsWith('--')) {
      if (!arg.includes('=')) k++
    } else out.push(arg)
  }
  return out
}

const dir = (path: string) => path.replace(/^\.\//, '').replace(/\/+$/, '')

/** Whether a shell glob (`*`, `?`) matches a path. */
function globMatches(glob: string, path: string): boolean {
  const source = dir(glob)
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`).test(dir(path))
}

const stepsOf = (job: Job | undefined): Step[] => job?.steps ?? []
const usesOf = (step: Step, action: string) => (step.uses ?? '').startsWith(`actions/${action}@`)
const always = (condition: string | undefined) =>
  condition !== undefined && /^(\$\{\{\s*)?always\(\)(\s*\}\})?$/.test(condition.trim())

/** The shard matrix's values, or undefined when it is not a plain list of numbers. */
function shardList(job: Job | undefined): number[] | undefined {
  const list = job?.strategy?.matrix?.shard
  return Array.isArray(list) && list.every((v) => typeof v === 'number') ? list : undefined
}

/**
 * What keeps the shards of `workflow` from adding up to one merged run. Empty when: the matrix
 * is shards 1..n; each part runs `--shard i/n` with that n into its own report directory and
 * uploads it under its own name; and the merge job, after every part and even when one failed,
 * downloads every part and names each one's directory.
 */
function shardProblems(workflow: Workflow): string[] {
  const problems: string[] = []
  const regression = workflow.jobs?.regression
  const shards = shardList(regression)
  if (shards === undefined)
    return ['jobs.regression.strategy.matrix.shard is not a list of numbers']
  const n = shards.length
  if (shards.join() !== Array.from({ length: n }, (_, k) => k + 1).join())
    problems.push(`the shard matrix is [${shards}], not 1..${n}`)
  const matrixKeys = Object.keys(regression?.strategy?.matrix ?? {})
  if (matrixKeys.join() !== 'shard')
    problems.push(`the matrix has [${matrixKeys}]: more than shards changes strategy.job-total`)
  if (regression?.strategy?.['fail-fast'] !== false)
    problems.push('the regression job does not set fail-fast: false, so one failure cancels parts')

  const runSteps = stepsOf(regression).filter(
    (s) => subcontractCommands(s.run ?? '', 'run').length > 0,
  )
  const runArgs = runSteps.flatMap((s) => subcontractCommands(s.run ?? '', 'run'))
  if (runArgs.length !== 1)
    return [...problems, `${runArgs.length} subcontract run commands, not 1`]
  const args = runArgs[0] ?? []
  const shard = flag(args, 'shard')
  const reportDir = flag(args, 'report-dir')
  if (shard === undefined || reportDir === undefined)
    return [...problems, 'subcontract run has no --shard or no --report-dir']

  const upload = stepsOf(regression).find((s) => usesOf(s, 'upload-artifact'))
  if (upload === undefined) return [...problems, 'the regression job uploads no artifact']
  if (!always(upload.if)) problems.push('the shard upload does not run if: always()')

  const names: string[] = []
  const reportDirs: string[] = []
  for (const i of shards) {
    const part = instantiate(shard, i, n)
    if (part !== `${i}/${n}`) problems.push(`shard ${i} of ${n} runs --shard ${part}`)
    const partDir = instantiate(reportDir, i, n)
    const path = instantiate(String(upload.with?.path ?? ''), i, n)
    const name = instantiate(String(upload.with?.name ?? ''), i, n)
    if (partDir === undefined || path === undefined || name === undefined) {
      problems.push(`shard ${i}: an expression other than matrix.shard or strategy.job-total`)
      continue
    }
    if (dir(path) !== dir(partDir))
      problems.push(`shard ${i} writes ${partDir} but uploads ${path}`)
    reportDirs.push(dir(partDir))
    names.push(name)
  }
  if (new Set(reportDirs).size !== n) problems.push(`report dirs [${reportDirs}] are not distinct`)
  if (new Set(names).size !== n) problems.push(`artifact names [${names}] are not distinct`)

  const merge = workflow.jobs?.merge
  const needs = merge?.needs === undefined ? [] : [merge.needs].flat()
  if (!needs.includes('regression')) problems.push('the merge job does not need regression')
  if (!always(merge?.if)) problems.push('the merge job does not run if: always()')
  const download = stepsOf(merge).find((s) => usesOf(s, 'download-artifact'))
  const pattern = String(download?.with?.pattern ?? '')
  const downloadPath = String(download?.with?.path ?? '.')
  if (download === undefined) return [...problems, 'the merge job downloads no artifact']
  if (download.with?.['merge-multiple'] === true)
    problems.push('merge-multiple puts every part into one directory')
  const missed = names.filter((name) => !globMatches(pattern, name))
  if (missed.length > 0) problems.push(`download pattern "${pattern}" misses [${missed}]`)
  // download-artifact@v4 puts each artifact of a pattern into <path>/<artifact name>.
  const landed = names.map((name) => `${dir(downloadPath)}/${name}`)

  const mergeStep = stepsOf(merge).find((s) => subcontractCommands(s.run ?? '', 'merge').length)
  const mergeArgs = subcontractCommands(mergeStep?.run ?? '', 'merge')[0]
  if (mergeStep === undefined || mergeArgs === undefined)
    return [...problems, 'the merge job runs no subcontract merge']
  const parts = positionals(mergeArgs)
  for (const path of landed)
    if (!parts.some((p) => globMatches(p, path))) problems.push(`merge does not name ${path}`)
  for (const p of parts)
    if (!landed.some((path) => globMatches(p, path)))
      problems.push(`merge names ${p}, which no part lands in`)
  if ((mergeStep.run ?? '').includes('|') && !(mergeStep.run ?? '').includes('pipefail'))
    problems.push("the merge command is piped without pipefail: the step loses merge's exit code")
  const merged = dir(flag(mergeArgs, 'report-dir') ?? 'reports')
  if (landed.includes(merged)) problems.push(`merge writes into the part ${merged}`)
  const report = stepsOf(merge).find((s) => usesOf(s, 'upload-artifact'))
  if (report === undefined || dir(String(report.with?.path ?? '')) !== merged || !always(report.if))
    problems.push(`the merge job does not upload ${merged} if: always()`)
  return problems
}

describe(WORKFLOW, () => {
  const workflow = readWorkflow()
  const steps = Object.values(workflow.jobs ?? {}).flatMap(stepsOf)

  it('runs on push, pull_request and by hand', () => {
    expect(Object.keys(workflow.on as object).sort()).toEqual(
      ['pull_request', 'push', 'workflow_dispatch'].sort(),
    )
  })

  it('splits the regression into shards 1..n that one merge job combines', () => {
    expect(shardProblems(workflow)).toEqual([])
    expect(shardList(workflow.jobs?.regression)?.length).toBeGreaterThan(1)
  })

  it('notices a shard count, report directory or part that does not add up', () => {
    const broken = (edit: (w: Workflow) => void): string[] => {
      const copy = readWorkflow()
      edit(copy)
      return shardProblems(copy)
    }
    const regression = (w: Workflow) => w.jobs?.regression as Job
    const runStep = (w: Workflow) =>
      stepsOf(regression(w)).find((s) => subcontractCommands(s.run ?? '', 'run').length) as Step
    const matrix = (w: Workflow) => regression(w).strategy?.matrix as Record<string, unknown>
    const literal = (w: Workflow, n: number) => {
      const step = runStep(w)
      step.run = tight(step.run ?? '').replace(/--shard \S+/, `--shard \${{ matrix.shard }}/${n}`)
    }
    // The literal form, as a user may write it: right for 3 shards, wrong once the matrix has 4.
    expect(broken((w) => literal(w, 3))).toEqual([])
    expect(
      broken((w) => {
        literal(w, 3)
        matrix(w).shard = [1, 2, 3, 4]
      }),
    ).toContain('shard 1 of 4 runs --shard 1/3')
    const shards = (w: Workflow, list: number[]) => {
      matrix(w).shard = list
    }
    expect(broken((w) => shards(w, [1, 2, 4]))).toContain('the shard matrix is [1,2,4], not 1..3')
    expect(
      broken((w) => {
        matrix(w).node = [20, 22]
      }),
    ).toContain('the matrix has [shard,node]: more than shards changes strategy.job-total')
    expect(
      broken((w) => {
        const step = runStep(w)
        step.run = tight(step.run ?? '').replace(/--report-dir \S+/, '--report-dir reports')
      }),
    ).toContain('report dirs [reports,reports,reports] are not distinct')
    expect(
      broken((w) => {
        delete regression(w).strategy?.['fail-fast']
      }).length,
    ).toBe(1)
    expect(
      broken((w) => {
        const merge = w.jobs?.merge as Job
        delete merge.if
      }),
    ).toEqual(['the merge job does not run if: always()'])
    expect(
      broken((w) => {
        const step = stepsOf(w.jobs?.merge).find(
          (s) => subcontractCommands(s.run ?? '', 'merge').length,
        ) as Step
        step.run = (step.run ?? '').replace(/merge\s+\S+/, 'merge shards/shard-1 shards/shard-2')
      }),
    ).toEqual(['merge does not name shards/shard-3'])
    expect(
      broken((w) => {
        const step = stepsOf(w.jobs?.merge).find(
          (s) => subcontractCommands(s.run ?? '', 'merge').length,
        ) as Step
        step.run = (step.run ?? '').replace('set -o pipefail', '')
      }),
    ).toEqual(["the merge command is piped without pipefail: the step loses merge's exit code"])
  })

  it('sets up a Node that satisfies package.json engines.node', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string }
    }
    const min = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(pkg.engines.node)?.slice(1).map(Number)
    expect(min, `engines.node "${pkg.engines.node}" is not >=x.y.z`).toBeDefined()
    const setups = steps.filter((s) => usesOf(s, 'setup-node'))
    expect(setups.length).toBe(Object.keys(workflow.jobs ?? {}).length)
    for (const step of setups) {
      const version = step.with?.['node-version']
      // A string: unquoted, YAML would read 20.10 as the number 20.1.
      expect(typeof version).toBe('string')
      const parts = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(String(version))
      expect(parts, `node-version "${version}" is not x.y or x.y.z`).not.toBeNull()
      const [major, minor, patch] = (parts ?? []).slice(1).map((p) => Number(p ?? 0))
      const [minMajor, minMinor, minPatch] = min ?? []
      const atLeast =
        major !== minMajor
          ? (major ?? 0) > (minMajor ?? 0)
          : minor !== minMinor
            ? (minor ?? 0) > (minMinor ?? 0)
            : (patch ?? 0) >= (minPatch ?? 0)
      expect(atLeast, `node-version ${version} < ${pkg.engines.node}`).toBe(true)
      expect(step.with?.cache).toBe('npm')
    }
  })

  it('uses only actions/* actions, each pinned to a major version', () => {
    const uses = steps.flatMap((s) => (s.uses === undefined ? [] : [s.uses]))
    expect(uses.length).toBeGreaterThan(0)
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z0-9-]+@v\d+$/)
  })

  it('names, in its commented remote example, only variables of .env.example', () => {
    const text = readFileSync(join(ROOT, WORKFLOW), 'utf8')
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8')
    const names = [...text.matchAll(/^\s*#\s+([A-Z][A-Z0-9_]*):\s*\$\{\{\s*(?:secrets|vars)\./gm)]
    expect(names.length).toBeGreaterThan(0)
    for (const [, name] of names) expect(example).toMatch(new RegExp(`^${name}=`, 'm'))
  })

  it('has subcontract commands that the CLI accepts as written', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--', 'bin/subcontract.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', SUBCONTRACT_TARGET: undefined },
      })
    const n = shardList(workflow.jobs?.regression)?.length ?? 0
    const runs = steps.flatMap((s) => subcontractCommands(s.run ?? '', 'run'))
    const merges = steps.flatMap((s) => subcontractCommands(s.run ?? '', 'merge'))
    expect(runs.length).toBeGreaterThan(0)
    expect(merges.length).toBeGreaterThan(0)
    for (const args of runs) {
      const first = args.map((a) => instantiate(a, 1, n) ?? a)
      // --list reads every flag and the selection, prints it and exits without running.
      const listed = cli(['run', ...first, '--list'])
      expect(listed.stderr).toBe('')
      expect(listed.status).toBe(0)
      // --list reads --shard too; each shard's value is also checked against its own index.
      for (let i = 1; i <= n; i++) {
        const shard = flag(
          args.map((a) => instantiate(a, i, n) ?? a),
          'shard',
        )
        expect(parseShard(shard ?? '')).toEqual({ index: i, count: n })
      }
    }
    for (const args of merges) {
      // --help after the flags: merge reads them all (an unknown one is exit 2), then prints usage.
      const help = cli(['merge', ...args, '--help'])
      expect(help.stderr).toBe('')
      expect(help.status).toBe(0)
      expect(help.stdout).toMatch(/^Usage: subcontract merge/)
    }
    // Two CLI processes: seconds each on a loaded 2-core CI machine, like the other CLI tests.
  }, 30_000)
})
