/** Named sandbox states ("provider states") for the RevenueCat emulator, read from fixtures/seeds/revenuecat/. */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HarnessError } from '../../../errors.ts'
import type { Clock } from '../../../sandbox/clock.ts'
import type { Ids } from '../../../sandbox/ids.ts'
import { isScope } from './permissions.ts'
import { loadProjectData, projectDataProblem, type SeedProjectData } from './seed-data.ts'
import {
  addProject,
  createKeyState,
  createStore,
  type RevenueCatState,
  type RevenueCatStore,
} from './state.ts'

const SEED_DIR = fileURLToPath(new URL('../../../../fixtures/seeds/revenuecat/', import.meta.url))

/**
 * The shape of a seeded key: RevenueCat's `sk_` prefix, then `sandbox_fake_` and a name, so no
 * reader (or secret scanner) takes it for a real v2 key (`sk_` and 32 letters or digits).
 */
export const SECRET_KEY_PATTERN = /^sk_sandbox_fake_[a-z0-9]+$/

/** One API key of a seed file. */
export interface SeedApiKey {
  /** The name tests and SandboxDeps.apiKeys use (`main`, `read-only`). */
  name: string
  key: string
  /** The ids of the projects it opens. */
  projects: string[]
  /** Its permissions, `x-scopes` strings. */
  scopes: string[]
  /** Requests per minute in every domain for this key, instead of the domains' limits. */
  ratePerMinute?: number
}

/** A parsed seed file. */
export interface Seed {
  /** Each project, with its catalog and customers (seed-data.ts). */
  projects: Array<{
    id: string
    name: string
    iconUrl?: string | null
    iconUrlLarge?: string | null
    data?: SeedProjectData
  }>
  apiKeys: SeedApiKey[]
  /**
   * The seeded ids the sandbox publishes as target variables (REVENUECAT_CUSTOMER_ID → an
   * existing customer), so that suites and the collection name no seeded id themselves.
   */
  values?: Record<string, string>
}

/** Reads a named seed. Unknown names fail with the list of known ones. */
export function readSeed(name: string): Seed {
  const path = `${SEED_DIR}${name}.json`
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(path)) {
    throw new HarnessError('SANDBOX_UNKNOWN_SEED', `Failed to load seed "${name}": no such seed.`, {
      hint: 'use a file name from fixtures/seeds/revenuecat/ without .json (for example "default").',
    })
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Seed
}

/** A seeded sandbox: the shared store, and the state each key opens, by key. */
export interface SeededSandbox {
  store: RevenueCatStore
  /** API key → what it opens. */
  keys: Map<string, RevenueCatState>
  /** Key name → API key (after SandboxDeps.apiKeys replaced some). */
  keyByName: Map<string, string>
  /** API key → its own per-minute limit in every domain, for the keys that have one. */
  keyLimits: Map<string, number>
}

/**
 * Builds the store of a seed. `apiKeys` replaces seeded keys by name (a canary key for redaction
 * tests). A seed that names an unknown project, repeats a key or holds a malformed scope fails.
 */
export function buildSandbox(
  seed: Seed,
  clock: Clock,
  ids: Ids,
  apiKeys: Readonly<Record<string, string>> = {},
): SeededSandbox {
  const store = createStore(clock, ids)
  const now = clock.now().getTime()
  for (const seeded of seed.projects) {
    const project = addProject(store, seeded)
    if (seeded.data === undefined) continue
    loadProjectData(project.data, seeded.data, now)
    const problem = projectDataProblem(project.data)
    if (problem !== undefined)
      throw new HarnessError(
        'SANDBOX_INTERNAL',
        `Failed to seed the RevenueCat sandbox: in project "${seeded.id}", ${problem}.`,
        { hint: 'fix the seed file under fixtures/seeds/revenuecat/.' },
      )
  }
  const keys = new Map<string, RevenueCatState>()
  const keyByName = new Map<string, string>()
  const keyLimits = new Map<string, number>()
  for (const seeded of seed.apiKeys) {
    const key = apiKeys[seeded.name] ?? seeded.key
    const problem = seedProblem(seeded, store, keys.has(key))
    if (problem !== undefined) {
      throw new HarnessError(
        'SANDBOX_INTERNAL',
        `Failed to seed the RevenueCat sandbox: key "${seeded.name}" ${problem}.`,
        { hint: 'fix the seed file under fixtures/seeds/revenuecat/.' },
      )
    }
    keys.set(key, createKeyState(store, { ...seeded, projectIds: seeded.projects }))
    keyByName.set(seeded.name, key)
    if (seeded.ratePerMinute !== undefined) keyLimits.set(key, seeded.ratePerMinute)
  }
  return { store, keys, keyByName, keyLimits }
}

function seedProblem(
  seeded: SeedApiKey,
  store: RevenueCatStore,
  duplicate: boolean,
): string | undefined {
  if (duplicate) return 'repeats the key of another seeded key'
  const unknown = seeded.projects.find((id) => !store.projects.has(id))
  if (unknown !== undefined) return `opens project "${unknown}", which the seed does not hold`
  const bad = seeded.scopes.find((scope) => !isScope(scope))
  if (bad !== undefined) return `holds "${bad}", which is not a domain:resource:read[_write] scope`
  const rate = seeded.ratePerMinute
  if (rate !== undefined && (!Number.isSafeInteger(rate) || rate < 1))
    return `has ratePerMinute ${String(rate)}, which is not a whole number from 1`
  return undefined
}
