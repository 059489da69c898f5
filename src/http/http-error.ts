/** The transport failure of a call: timeouts, resets, exhausted retries. Never a contract failure. */
import { HarnessError } from '../errors.ts'

/** One attempt of a call, as the report shows it. */
export interface AttemptRecord {
  attempt: number
  outcome: string
  waitMs: number
}

/** A call that got no usable answer. `url` is already redacted. */
export class HttpError extends HarnessError {
  override name = 'HttpError'
  readonly method: string
  readonly url: string
  readonly attempts: readonly AttemptRecord[]

  constructor(
    code: 'HTTP_TIMEOUT' | 'HTTP_RETRIES_EXHAUSTED' | 'HTTP_CONNECTION',
    message: string,
    details: { method: string; url: string; attempts: readonly AttemptRecord[]; cause?: unknown },
  ) {
    super(code, message, {
      hint: 'this is a transport failure, not a contract failure: check the target is reachable, or raise the timeouts.',
      cause: details.cause,
    })
    this.method = details.method
    this.url = details.url
    this.attempts = details.attempts
  }
}
