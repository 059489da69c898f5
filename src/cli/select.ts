/** Which operations a command works on: --api, --operation (ids or globs) and --tag. */

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { APIS, OPERATIONS as INDEX } from '../apis/all.ts'
import { HarnessError } from '../errors.ts'
import { suiteStem } from '../registry/operations.ts'
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

/**
 * Labels of operations a run takes only when asked for by `--operation` or `--tag`: `beta`
 * (RevenueCat's blocked-customer operations, decision 0023). A project without the beta would
 * fail them in every default run, and a beta contract changes without notice.
 */
export const OPT_IN_LABELS: readonly string[] = ['beta']

/** Whether an operation carries an opt-in label. */
export function isOptIn(op: Operation): boolean {
  return op.labels.some((label) => OPT_IN_LABELS.includes(label))
}

/** The flags that select operations. */
export interface SelectionFlags {
  api?: string[] | undefined
  operation?: string[] | undefined
  tag?: string[] | undefined
}

/** Whether the flags name operations or tags (a filtered selection), not just APIs. */
export function isFiltered(values: SelectionFlags): boolean {
  return (values.operation ?? []).length > 0 || (values.tag ?? []).length > 0
}

/**
 * Applies --api, --operation and --tag together; an unknown tag is a usage error. An opt-in
 * operation (OPT_IN_LABELS) is selected only when asked for: an --operation pattern matches it,
 * or a --tag names its opt-in label (`--tag beta`); `--tag Customer` alone leaves it out.
 * `withOptIn` keeps them all (`list` shows every operation, with its labels).
 */
export function selectByFlags(
  values: SelectionFlags,
  options: { withOptIn?: boolean } = {},
): Operation[] {
  const tags = values.tag ?? []
  for (const tag of tags) {
    if (!KNOWN_TAGS.some((known) => tagKey(known) === tagKey(tag))) {
      const near = suggest(tag, KNOWN_TAGS)
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown tag "${tag}".`, {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}Known tags: ${KNOWN_TAGS.join(', ')}.`,
      })
    }
  }
  const patterns = values.operation ?? []
  const selected = selectOperations(values.api ?? [], patterns).filter(
    (op) => tags.length === 0 || tags.some((t) => hasTag(op, t)),
  )
  if (options.withOptIn === true || patterns.length > 0) return selected
  const askedFor = (op: Operation) =>
    op.labels.some(
      (label) => OPT_IN_LABELS.includes(label) && tags.some((t) => tagKey(t) === tagKey(label)),
    )
  return selected.filter((op) => !isOptIn(op) || askedFor(op))
}

/**
 * The opt-in operations of the selected APIs that an unfiltered selection (no --operation, no
 * --tag) leaves out; none for a filtered one, whose suite files are its operations' own.
 */
export function optedOut(values: SelectionFlags): Operation[] {
  if (isFiltered(values)) return []
  return selectOperations(values.api ?? [], []).filter(isOptIn)
}

/**
 * The suite files (vitest filters) of an unfiltered run of one API: its whole folder, or, when
 * the run leaves opt-in operations out, every suite file under it but their own.
 */
export function unfilteredSuites(
  api: string,
  left: readonly Operation[],
  root = process.cwd(),
): string[] {
  const folder = `tests/${api}/`
  const skipped = new Set(
    left.filter((op) => op.api === api).map((op) => `${folder}${suiteStem(op)}.test.ts`),
  )
  if (skipped.size === 0) return [folder]
  return (readdirSync(join(root, folder), { recursive: true }) as string[])
    .map((file) => `${folder}${file.split('\\').join('/')}`)
    .filter((file) => file.endsWith('.test.ts') && !skipped.has(file))
    .sort()
}
