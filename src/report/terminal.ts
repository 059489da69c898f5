/**
 * What the CLI knows about where it prints: whether it may redraw a live line (an interactive
 * terminal outside CI) and whether it may use colors (a TTY, unless NO_COLOR is set).
 */
import picocolors from 'picocolors'

/** The colour functions reporters use; identity functions when colours are off. */
export type Colors = ReturnType<typeof picocolors.createColors>

/** An output stream and what it allows. */
export interface Terminal {
  /** Writes raw text (no newline added). */
  write(text: string): void
  /** True when a live progress line may be redrawn in place. */
  live: boolean
  colors: Colors
  /** Whether `colors` emits escape codes. */
  colorEnabled: boolean
}

/** The environment variables and stream properties the decision reads. */
export interface TerminalContext {
  isTTY: boolean
  env: Readonly<Record<string, string | undefined>>
}

/**
 * Colours only on a TTY; NO_COLOR (any non-empty value, per no-color.org) and TERM=dumb turn
 * them off. FORCE_COLOR is deliberately not honoured: piped output and files stay plain.
 */
export function colorEnabled({ isTTY, env }: TerminalContext): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY && env.TERM !== 'dumb'
}

/** A live line only on an interactive terminal: never in CI (CI set), never when piped. */
export function liveEnabled({ isTTY, env }: TerminalContext): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0'
  return isTTY && !ci && env.TERM !== 'dumb'
}

/** The terminal of a writable stream, usually process.stdout. */
export function terminalOf(
  stream: { write(text: string): unknown; isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Terminal {
  const context = { isTTY: stream.isTTY === true, env }
  const enabled = colorEnabled(context)
  return {
    write: (text) => {
      stream.write(text)
    },
    live: liveEnabled(context),
    colors: picocolors.createColors(enabled),
    colorEnabled: enabled,
  }
}

/** True when text holds a control character other than newline and tab (an escape code, say). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 32 && code !== 10 && code !== 9) || code === 127) return true
  }
  return false
}
