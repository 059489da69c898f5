/**
 * One cheap authenticated read before a remote run: a key the target refuses, a base URL that is
 * not the API, or a host that does not answer stops the run with one message, instead of a wall
 * of identical failures. The read goes through the same client as the suites (pace, timeouts,
 * retries), so a target that is only slow or throttling still gets its retries.
 */
import type { Config } from '../config/load-config.ts'
import { HarnessError } from '../errors.ts'
import { HttpError } from '../http/http-error.ts'
import { createTargetClient } from '../http/target-client.ts'
import { redactText } from '../redact/redact.ts'

/** The operation the check calls: authenticated, read-only, present on every app. */
export const PREFLIGHT_OPERATION = 'listPaywalls'

/** What the check found; `transport` means the target did not answer (exit 3). */
export type PreflightResult =
  | { ok: true; status: number }
  | { ok: false; transport: true; message: string }

/**
 * Checks the configured remote target. A refused key (401/403) or a URL that is not the API (404)
 * throws a configuration error (exit 2); no answer at all is returned as a transport failure;
 * anything else, a 5xx included, lets the run go on and show it.
 */
export async function preflight(config: Config, envFile: string): Promise<PreflightResult> {
  const adapty = config.adapty
  if (adapty === undefined) return { ok: true, status: 0 }
  const client = createTargetClient(config)
  try {
    const res = await client.call(PREFLIGHT_OPERATION, { query: { 'page[size]': 1 } })
    const { status } = res.response
    const code = (res.response.json as { error_code?: unknown } | undefined)?.error_code
    const answer = `${status}${typeof code === 'string' ? ` ${code}` : ''}`
    if (status === 401 || status === 403) {
      throw new HarnessError(
        'CONFIG_BAD_VARIABLE',
        `Failed to start the run: the target refused the API key (${PREFLIGHT_OPERATION} answered ${answer}).`,
        {
          hint: `check ADAPTY_SECRET_API_KEY in ${envFile}: it must be the secret key of the app at ${redactText(adapty.baseUrl)} (Adapty dashboard, App settings, API keys).`,
        },
      )
    }
    if (status === 404) {
      throw new HarnessError(
        'CONFIG_BAD_VARIABLE',
        `Failed to start the run: ${redactText(adapty.baseUrl)} does not look like the Adapty API (${PREFLIGHT_OPERATION} answered ${answer}).`,
        { hint: `check ADAPTY_BASE_URL in ${envFile} (for Adapty: https://api.adapty.io).` },
      )
    }
    return { ok: true, status }
  } catch (error) {
    if (error instanceof HttpError) {
      return { ok: false, transport: true, message: redactText(error.message) }
    }
    throw error
  } finally {
    await client.close()
  }
}
