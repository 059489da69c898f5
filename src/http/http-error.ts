/** The transport failure of a call: timeouts, resets, exhausted retries. Never a contract failure. */
import { HarnessError } from '../errors.ts'
import type { ExchangeRequest } from '../exchange.ts'
import { redactHeaders, redactText } from '../redact/redact.ts'

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
  /** The request that got no answer, redacted (secret headers and registered values scrubbed). */
  readonly request: ExchangeRequest | undefined

  constructor(
    code: 'HTTP_TIMEOUT' | 'HTTP_RETRIES_EXHAUSTED' | 'HTTP_CONNECTION',
    message: string,
    details: {
      method: string
      url: string
      attempts: readonly AttemptRecord[]
      request?: ExchangeRequest
      cause?: unknown
    },
  ) {
    super(code, message, {
      hint: 'this is a transport failure, not a contract failure: check the target is reachable, or raise the timeouts.',
      cause: details.cause,
    })
    this.method = details.method
    this.url = details.url
    this.attempts = details.attempts
    const request = details.request
    this.request =
      request === undefined
        ? undefined
        : {
            method: request.method,
            url: redactText(request.url),
            headers: redactHeaders(request.headers),
            ...(request.body === undefined ? {} : { body: redactText(request.body) }),
          }
  }
}
