/**
 * Errors outside any test (a failing beforeAll or afterAll, a file that does not load, an
 * unhandled rejection, a collection-level script, the sandbox's self-check): built here, redacted
 * once, with the stack cut to the frames a reader can act on.
 */
import { redactText, truncate } from '../redact/redact.ts'

/** One error outside any test, as every reporter shows it. Every string is already redacted. */
export interface RunError {
  /** Who reported it. */
  source: 'vitest' | 'newman' | 'sandbox' | 'harness'
  /** The error's message (redacted, at most MESSAGE_CHARS). */
  message: string
  /** The file it belongs to, relative to the checkout (`tests/adapty/get-profile.test.ts`). */
  file?: string
  /** Where in that file: `beforeAll in "getProfile"`, `while loading the file`, `collection script`. */
  where?: string
  /** The useful frames of the stack (no node_modules, no node:internal), redacted and capped. */
  stack?: string
  /** `transport` when the target did not answer: it then counts like a transport failure. */
  kind?: 'transport' | 'error'
}

/** Longest message kept. */
export const MESSAGE_CHARS = 2000
/** Most stack frames kept, and the longest stack text. */
export const STACK_FRAMES = 8
export const STACK_CHARS = 1500

/** The error names and codes of a request that got no usable answer (see src/http). */
const TRANSPORT = /HttpError|HTTP_(TIMEOUT|RETRIES_EXHAUSTED|CONNECTION)|^transport:/m

/** True when an error's name, code or message (one per line) says the target did not answer. */
export function isTransportText(text: string): boolean {
  return TRANSPORT.test(text)
}

/** Turns absolute paths under the checkout (and file:// URLs) into relative ones. */
function relative(text: string, root: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`
  return text.split(`file://${prefix}`).join('').split(prefix).join('')
}

/**
 * Keeps the frames of a stack that point at our code: drops the message lines at the top,
 * node_modules and node:internal frames, keeps at most STACK_FRAMES, and redacts.
 */
export function trimStack(stack: string | undefined, root = process.cwd()): string | undefined {
  if (stack === undefined) return undefined
  const frames = stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .filter((line) => !/node_modules|node:internal|\(node:|^at node:|^at <anonymous>$/.test(line))
    .slice(0, STACK_FRAMES)
    .map((line) => relative(line, root))
  if (frames.length === 0) return undefined
  return truncate(redactText(frames.join('\n')), STACK_CHARS)
}

/** What an error looks like when it reaches us (an Error, or vitest's serialized form). */
interface ErrorLike {
  message?: unknown
  name?: unknown
  stack?: unknown
  code?: unknown
}

/** Builds a redacted RunError from anything thrown or reported. */
export function toRunError(
  source: RunError['source'],
  error: unknown,
  extra: { file?: string; where?: string; kind?: RunError['kind']; root?: string } = {},
): RunError {
  const like: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : {}
  const rawMessage =
    typeof error === 'string'
      ? error
      : typeof like.message === 'string' && like.message.length > 0
        ? like.message
        : String(error)
  const name = typeof like.name === 'string' ? like.name : ''
  const code = typeof like.code === 'string' ? like.code : ''
  const root = extra.root ?? process.cwd()
  const message = truncate(redactText(relative(rawMessage, root)), MESSAGE_CHARS)
  const stack = trimStack(typeof like.stack === 'string' ? like.stack : undefined, root)
  const kind =
    extra.kind ?? (isTransportText(`${name}\n${code}\n${rawMessage}`) ? 'transport' : 'error')
  return {
    source,
    message,
    ...(extra.file === undefined ? {} : { file: redactText(relative(extra.file, root)) }),
    ...(extra.where === undefined ? {} : { where: redactText(extra.where) }),
    ...(stack === undefined ? {} : { stack }),
    kind,
  }
}

/** One line naming a run error: `tests/adapty/x.test.ts (beforeAll in "x"): message`. */
export function runErrorHeadline(error: RunError): string {
  const place = [error.file, error.where === undefined ? undefined : `(${error.where})`]
    .filter((p) => p !== undefined)
    .join(' ')
  const first = error.message.split('\n')[0] ?? ''
  return `${place.length > 0 ? `${place}: ` : ''}${first}`
}
