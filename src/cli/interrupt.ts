/**
 * Ctrl-C and SIGTERM during `subcontract run`: the first signal stops the runners and lets the run
 * go on to its teardown (which removes this run's test data and says what it removed); a second
 * one exits at once. vitest registers its own SIGINT/SIGTERM handlers, which exit the process 1 ms
 * later, before any teardown request could be sent; the reporter below detaches them as soon as
 * vitest has made them (its onInit), so ours are the only ones.
 */
import type { Reporter, Vitest } from 'vitest/node'

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** Exit code of a process stopped by a signal, as shells report it. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130
}

/** What the run loop asks of the interrupt watcher. */
export interface InterruptWatch {
  /** The first signal received, if any. */
  readonly signal: NodeJS.Signals | undefined
  /** Pass it among vitest's reporters: it detaches vitest's signal handlers and keeps the instance. */
  readonly vitestReporter: Reporter
  /** Called on the first signal (after vitest is cancelled): stop other work, e.g. Newman. */
  onInterrupt(stop: () => void): void
  /** Removes the handlers (the run is over). */
  dispose(): void
}

/**
 * Installs the SIGINT/SIGTERM handlers of a run. `say` prints one line; `afterSecond` is what a
 * second signal does (it exits by default).
 */
export function watchInterrupts(options: {
  say: (line: string) => void
  /** How to remove what is left if the user insists (printed on the second signal). */
  cleanupHint: string | undefined
  exit?: (code: number) => void
}): InterruptWatch {
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const existing = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]))
  let received: NodeJS.Signals | undefined
  let vitest: Vitest | undefined
  const stops: Array<() => void> = []
  const handler = (signal: NodeJS.Signals) => {
    if (received !== undefined) {
      options.say(
        `${signal} again: exiting now, without teardown.${options.cleanupHint === undefined ? '' : ` Remove what is left with: ${options.cleanupHint}`}`,
      )
      exit(signalExitCode(received))
      return
    }
    received = signal
    options.say(
      `${signal}: stopping the run; teardown follows (press Ctrl-C again to exit at once)`,
    )
    void vitest?.cancelCurrentRun('keyboard-input')
    for (const stop of stops) stop()
  }
  for (const signal of SIGNALS) process.on(signal, handler)
  const detachOthers = () => {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (listener !== handler && !existing.get(signal)?.has(listener))
          process.off(signal, listener)
      }
    }
  }
  return {
    get signal() {
      return received
    },
    vitestReporter: {
      onInit(instance: Vitest) {
        vitest = instance
        detachOthers()
        // A signal that came while vitest was starting cancels it now.
        if (received !== undefined) void instance.cancelCurrentRun('keyboard-input')
      },
    },
    onInterrupt(stop) {
      if (received !== undefined) stop()
      else stops.push(stop)
    },
    dispose() {
      for (const signal of SIGNALS) process.off(signal, handler)
    },
  }
}
