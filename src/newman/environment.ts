/**
 * Builds an API's Postman environment, in memory for a run (from the target's values: the
 * embedded sandbox or .env) and for the committed files. Its variables are the API's target
 * variables that feed a Postman variable (`ApiVariable.postman`; a `secret` one has type secret)
 * and the variables the collection sets itself (`collection.runtimeVariables`). Secrets are never
 * written to disk: the committed files carry only the sandbox's fake key or empty secret slots.
 */
import { createHash } from 'node:crypto'
import type { ApiDefinition } from '../api/api-definition.ts'
import type { PostmanEnvironment } from './run-collection.ts'

/** What an environment needs of an API. */
export type EnvironmentApi = Pick<ApiDefinition, 'name' | 'collection'> & {
  target: Pick<ApiDefinition['target'], 'defaultBaseUrl' | 'variables'>
}

/** Values of one API's target, by .env variable name (`ADAPTY_BASE_URL`). */
export type EnvironmentValues = Readonly<Record<string, string>>

/**
 * The runtime variable that carries the run's id, when a collection declares it: the harness
 * sets it, so names the collection derives from it (test profiles) are the run's.
 */
export const RUN_ID_VARIABLE = 'run_id'

/** The Postman variables of an API that hold secrets (type "secret" in environment files). */
export function secretVariables(api: EnvironmentApi): string[] {
  return api.target.variables.flatMap((v) =>
    v.postman !== undefined && v.secret === true ? [v.postman] : [],
  )
}

/** Builds the in-memory environment newman runs with. */
export function buildEnvironment(
  api: EnvironmentApi,
  values: EnvironmentValues,
  runId: string,
): PostmanEnvironment {
  const fed = api.target.variables.flatMap((v) =>
    v.postman === undefined
      ? []
      : [
          {
            key: v.postman,
            value: values[v.name] ?? '',
            type: v.secret === true ? 'secret' : 'default',
            enabled: true,
          },
        ],
  )
  const runtime = Object.entries(api.collection.runtimeVariables).map(([key, value]) => ({
    key,
    value: key === RUN_ID_VARIABLE ? runId : value,
    type: 'default',
    enabled: true,
  }))
  return { name: `subcontract ${api.name} run`, values: [...fed, ...runtime] }
}

/** A committed environment file as Postman exports it. */
export type EnvironmentFile = PostmanEnvironment & { id: string; _postman_variable_scope: string }

/** `environments/<api>.<kind>.postman_environment.json`: the committed file of one API. */
export function environmentPath(
  api: Pick<ApiDefinition, 'name'>,
  kind: 'local' | 'remote',
): string {
  return `environments/${api.name}.${kind}.postman_environment.json`
}

/** A fixed UUID for a name, so Postman replaces the environment on import instead of copying it. */
function stableId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex')
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * The committed environment files of one API: `local` points at `npm run sandbox` (the sandbox's
 * seeded values, base URL included), `remote` is a template with the default base URL and empty
 * slots for everything else.
 */
export function environmentFile(
  api: EnvironmentApi,
  kind: 'local' | 'remote',
  sandboxValues: EnvironmentValues,
): EnvironmentFile {
  const baseUrl = api.target.variables.find((v) => v.role === 'baseUrl')
  const values: EnvironmentValues =
    kind === 'local'
      ? sandboxValues
      : baseUrl === undefined
        ? {}
        : { [baseUrl.name]: api.target.defaultBaseUrl }
  const name =
    kind === 'local'
      ? `subcontract ${api.name} local sandbox`
      : `subcontract ${api.name} remote (template)`
  return {
    id: stableId(`subcontract:${api.name}:${kind}`),
    name,
    values: buildEnvironment(api, values, '').values,
    _postman_variable_scope: 'environment',
  }
}
