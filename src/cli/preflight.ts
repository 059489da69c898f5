/**
 * One cheap authenticated read before a remote run: a key the target refuses, a base URL that is
 * not the API, or a host that does not answer stops the run with one message, instead of a wall
 * of identical failures. The read goes through the same client as the suites (pace, timeouts,
 * retries), so a target that is only slow or throttling still gets its retries.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import type { Config } from '../config/load-config.ts'
import { variableOf } from '../config/target-variables.ts'
import { HarnessError } from '../errors.ts'
import { HttpError } from '../http/http-error.ts'
import { createTargetClient } from '../http/target-client.ts'
import { redactText } from '../redact/redact.ts'

/** What the check found; `transport` means the target did not answer (exit 3). */
export type PreflightResult =
  | { ok: true; status: number; operationId: string }
  | { ok: false; transport: true; message: string; operationId: string }

/**
 * Checks one API of the configured remote target with its preflight read. A refused key
 * (401/403) or a URL that is not the API (404) throws a configuration error (exit 2); no answer
 * at all is returned as a transport failure; anything else, a 5xx included, lets the run go on.
 */
export async function preflight(
  config: Config,
  api: ApiDefinition,
  envFile: string,
): Promise<PreflightResult> {
  const { operationId } = api.target.preflight
  const target = config.targets[api.name]
  if (target === undefined) return { ok: true, status: 0, operationId }
  const client = createTargetClient(config, api, target)
  const keyName = variableOf(api, 'apiKey').name
  const urlName = variableOf(api, 'baseUrl').name
  try {
    const query = api.target.preflight.query
    const res = await client.call(operationId, query === undefined ? {} : { query })
    const { status } = res.response
    const json = res.response.json as { error_code?: unknown; type?: unknown } | undefined
    const code = json?.error_code ?? json?.type
    const answer = `${status}${typeof code === 'string' ? ` ${code}` : ''}`
    if (status === 401 || status === 403) {
      throw new HarnessError(
        'CONFIG_BAD_VARIABLE',
        `Failed to start the run: the target refused the ${api.title} key (${operationId} answered ${answer}).`,
        {
          hint: `check ${keyName} in ${envFile}: it must be ${api.target.keyHint}, for ${redactText(target.baseUrl)}.`,
        },
      )
    }
    if (status === 404) {
      throw new HarnessError(
        'CONFIG_BAD_VARIABLE',
        `Failed to start the run: ${redactText(target.baseUrl)} does not look like the ${api.title} (${operationId} answered ${answer}).`,
        {
          hint: `check ${urlName} in ${envFile} (for ${api.title}: ${api.target.defaultBaseUrl}).`,
        },
      )
    }
    return { ok: true, status, operationId }
  } catch (error) {
    if (error instanceof HttpError) {
      return { ok: false, transport: true, message: redactText(error.message), operationId }
    }
    throw error
  } finally {
    await client.close()
  }
}
