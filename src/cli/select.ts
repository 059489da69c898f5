/** Which operations a command works on: --api, --operation (ids or globs) and --tag. */
import { HarnessError } from '../errors.ts'
import { OPERATIONS } from '../registry/operations.ts'
import type { ApiName, Operation } from '../registry/types.ts'
import { suggest } from './args.ts'

/** The APIs the registry has operations for. */
export const KNOWN_APIS: readonly ApiName[] = [...new Set(OPERATIONS.map((op) => op.api))]

/** Every label operations carry (`--tag` values). */
export const KNOWN_TAGS: readonly string[] = [...new Set(OPERATIONS.flatMap((op) => op.labels))]

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`)
}

/** Resolves --api and --operation to registry operations; unknown names are usage errors. */
export function selectOperations(
  apis: readonly string[],
  patterns: readonly string[],
): Operation[] {
  for (const api of apis) {
    if (!KNOWN_APIS.includes(api as ApiName)) {
      const near = suggest(api, KNOWN_APIS)
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown API "${api}".`, {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}Known APIs: ${KNOWN_APIS.join(', ')}.`,
      })
    }
  }
  const pool = OPERATIONS.filter((op) => apis.length === 0 || apis.includes(op.api))
  if (patterns.length === 0) return pool
  const selected = new Set<Operation>()
  for (const pattern of patterns) {
    const regex = globToRegExp(pattern)
    const matches = pool.filter((op) => regex.test(op.operationId))
    if (matches.length === 0) {
      const near = suggest(
        pattern,
        pool.map((op) => op.operationId),
      )
      throw new HarnessError(
        'CONTRACT_UNKNOWN_OPERATION',
        `Failed to select operations: no operation matches "${pattern}".`,
        {
          hint: `${near === undefined ? '' : `did you mean "${near}"? `}Run subcontract list to see them all.`,
        },
      )
    }
    for (const op of matches) selected.add(op)
  }
  return [...selected]
}

/** Applies --api, --operation and --tag together; an unknown tag is a usage error. */
export function selectByFlags(values: {
  api?: string[] | undefined
  operation?: string[] | undefined
  tag?: string[] | undefined
}): Operation[] {
  const tags = values.tag ?? []
  for (const tag of tags) {
    if (!KNOWN_TAGS.includes(tag)) {
      const near = suggest(tag, KNOWN_TAGS)
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown tag "${tag}".`, {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}Known tags: ${KNOWN_TAGS.join(', ')}.`,
      })
    }
  }
  return selectOperations(values.api ?? [], values.operation ?? []).filter(
    (op) => tags.length === 0 || tags.some((t) => op.labels.includes(t)),
  )
}
