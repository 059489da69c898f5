/**
 * Progress of a long run. On an interactive terminal: one live line per API (done / total per
 * runner, failures so far, elapsed time), redrawn in place under the permanent lines. In CI or
 * when piped: plain lines only, each permanent line followed by the API's running count, with no
 * control characters at all.
 */
import type { Terminal } from './terminal.ts'

/** What the runners tell the progress display. */
export interface Progress {
  /**
   * `runner` will run `files` files for `api`. Until every one is collected the test total is not
   * known, so the line shows files done and tests done instead of a total that keeps growing.
   */
  planFiles(api: string, runner: string, files: number): void
  /** Adds `count` tests (or requests) to what `runner` will do; `file` when a file was collected. */
  plan(api: string, runner: string, count: number, options?: { file?: boolean }): void
  /** One of the planned files finished. */
  fileDone(api: string, runner: string): void
  /** One test or request finished. */
  done(api: string, runner: string, failed: boolean): void
  /** A permanent line (a finished file, a runner's summary); `api` appends its count in CI. */
  log(line: string, api?: string): void
  /** Stops redrawing and leaves the last live lines in place. */
  stop(): void
}

interface Tally {
  done: number
  total: number
  /** Set when the runner planned files: how many, how many were collected, how many finished. */
  files?: { planned: number; collected: number; done: number }
}

interface ApiState {
  runners: Map<string, Tally>
  failed: number
}

/** Options: the terminal, a clock (ms) and how often the live line refreshes on its own. */
export interface ProgressOptions {
  terminal: Terminal
  now?: () => number
  refreshMs?: number
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

/** Creates the progress display for a run. */
export function createProgress(options: ProgressOptions): Progress {
  const { terminal } = options
  const now = options.now ?? (() => performance.now())
  const started = now()
  const apis = new Map<string, ApiState>()
  const c = terminal.colors
  let drawn = 0
  let lastDraw = Number.NEGATIVE_INFINITY
  let stopped = false

  const stateOf = (api: string): ApiState => {
    let state = apis.get(api)
    if (state === undefined) {
      state = { runners: new Map(), failed: 0 }
      apis.set(api, state)
    }
    return state
  }
  const tallyOf = (api: string, runner: string): Tally => {
    const state = stateOf(api)
    let tally = state.runners.get(runner)
    if (tally === undefined) {
      tally = { done: 0, total: 0 }
      state.runners.set(runner, tally)
    }
    return tally
  }

  const lineOf = (api: string, state: ApiState, colored: boolean): string => {
    const runners = [...state.runners]
      .map(([runner, t]) =>
        t.files !== undefined && t.files.collected < t.files.planned
          ? `${runner} files ${t.files.done}/${t.files.planned}, tests ${t.done} done`
          : `${runner} ${t.done}/${t.total}`,
      )
      .join(' · ')
    const failed = `${state.failed} failed`
    return [
      colored ? c.bold(api.padEnd(10)) : api,
      runners,
      colored && state.failed > 0 ? c.red(failed) : failed,
      colored ? c.dim(seconds(now() - started)) : seconds(now() - started),
    ].join(colored ? '  ' : ', ')
  }

  const clear = () => {
    // Cursor to the start of the first live line, then clear to the end of the screen.
    if (drawn > 0) terminal.write(`\x1b[${drawn}F\x1b[J`)
    drawn = 0
  }
  const draw = (force: boolean) => {
    if (!terminal.live || stopped) return
    const t = now()
    if (!force && t - lastDraw < 80) return
    lastDraw = t
    clear()
    const lines = [...apis].map(([api, state]) => lineOf(api, state, true))
    if (lines.length > 0) terminal.write(`${lines.join('\n')}\n`)
    drawn = lines.length
  }

  const timer = terminal.live ? setInterval(() => draw(true), options.refreshMs ?? 500) : undefined
  timer?.unref()

  return {
    planFiles(api, runner, files) {
      const tally = tallyOf(api, runner)
      tally.files ??= { planned: 0, collected: 0, done: 0 }
      tally.files.planned += files
      draw(false)
    },
    plan(api, runner, count, options) {
      const tally = tallyOf(api, runner)
      tally.total += count
      if (options?.file === true && tally.files !== undefined) tally.files.collected += 1
      draw(false)
    },
    fileDone(api, runner) {
      const files = tallyOf(api, runner).files
      if (files !== undefined) files.done += 1
      draw(false)
    },
    done(api, runner, failed) {
      tallyOf(api, runner).done += 1
      if (failed) stateOf(api).failed += 1
      draw(false)
    },
    log(line, api) {
      if (terminal.live && !stopped) {
        clear()
        terminal.write(`${line}\n`)
        draw(true)
        return
      }
      const state = api === undefined ? undefined : apis.get(api)
      const suffix =
        api === undefined || state === undefined ? '' : `  [${lineOf(api, state, false)}]`
      terminal.write(`${line}${suffix}\n`)
    },
    stop() {
      draw(true)
      stopped = true
      if (timer !== undefined) clearInterval(timer)
    },
  }
}
