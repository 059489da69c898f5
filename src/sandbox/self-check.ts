/**
 * Sandbox self-check: every response the emulator sends is validated against our contract, so
 * the contract and the sandbox keep each other honest. A failing response is replaced by a 500
 * that says why, and the failure is recorded for the test run to assert on.
 */
import type { MiddlewareHandler } from 'hono'
import { formatFailures } from '../contract/failure.ts'
import type { Contract } from '../contract/load-schemas.ts'
import { validateExchange } from '../contract/validate-exchange.ts'
import { parseBody } from '../exchange.ts'
import type { ApiName, Operation } from '../registry/types.ts'

/** Collects self-check failures (and crashes) for the whole sandbox. */
export interface SelfCheckLog {
  record(problem: string): void
  readonly problems: readonly string[]
}

/** Creates an empty self-check log. */
export function createSelfCheckLog(): SelfCheckLog {
  const problems: string[] = []
  return { record: (p) => problems.push(p), problems }
}

/** Middleware validating each response of a matched operation against the contract. */
export function createSelfCheck(
  api: ApiName,
  contract: Contract,
  log: SelfCheckLog,
): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const op = c.get('op') as Operation | undefined
    if (op === undefined || c.res.status === 413 || c.res.status === 405) return
    if (c.get('fault') !== undefined) return
    const bodyText = await c.res.clone().text()
    const headers: Record<string, string> = {}
    c.res.headers.forEach((value, name) => {
      headers[name] = value
    })
    const exchange = {
      api,
      operationId: op.operationId,
      request: { method: c.req.method, url: c.req.url, headers: {} },
      response: { status: c.res.status, headers, bodyText, ...parseBody(bodyText) },
      durationMs: 0,
      attempts: 1,
    }
    const failures = validateExchange(contract, exchange)
    if (failures.length === 0) return
    const text = formatFailures(failures)
    log.record(`${op.operationId}: ${text}`)
    c.res = new Response(
      JSON.stringify({
        errors: [{ source: 'sandbox_self_check', errors: [text] }],
        error_code: 'sandbox_self_check_failed',
        status_code: 500,
      }),
      {
        status: 500,
        headers: { 'content-type': 'application/json', 'x-sandbox-self-check': 'failed' },
      },
    )
  }
}
