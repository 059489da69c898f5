/** Which operations a command works on: --api, --operation (ids or globs) and --tag. */

import { APIS, OPERATIONS as INDEX } from '../apis/all.ts'
import { HarnessError } from '../errors.ts'
import type { ApiName, Operation } from '../registry/types.ts'
import { suggest } from './args.ts'

/** The APIs the registry has operations for. */
export const KNOWN_APIS: readonly ApiName[] = APIS.map((api) => api.name)

const OPERATIONS = INDEX.all

/**
 * Every `--tag` value: the vendor's tags that `list` shows (Profile, Paywalls, …) and our labels
 * (smoke). Matching ignores case, spaces and dashes: `--tag 'virtual currency'` works.
 */
export const KNOWN_TAGS: readonly string[] = [
  ...new Set([...OPERATIONS.map((op) => op.tag), ...OPERATIONS.flatMap((op) => op.labels)]),
]

const tagKey = (tag: string) => tag.toLowerCase().replace(/[^a-z0-9]/g, '')

/** True when the operation carries `tag`, as its vendor tag or as a label. */
function hasTag(op: Operation, tag: string): boolean {
  const key = tagKey(tag)
  return tagKey(op.tag) === key || op.labels.some((label) => tagKey(label) === key)
}

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
    if (!KNOWN_TAGS.some((known) => tagKey(known) === tagKey(tag))) {
      const near = suggest(tag, KNOWN_TAGS)
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown tag "${tag}".`, {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}Known tags: ${KNOWN_TAGS.join(', ')}.`,
      })
    }
  }
  return selectOperations(values.api ?? [], values.operation ?? []).filter(
    (op) => tags.length === 0 || tags.some((t) => hasTag(op, t)),
  )
}
