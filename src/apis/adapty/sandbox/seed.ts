/** Named sandbox states ("provider states") for the Adapty emulator, read from fixtures/seeds/adapty/. */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HarnessError } from '../../../errors.ts'
import type { Clock } from '../../../sandbox/clock.ts'
import type { Ids } from '../../../sandbox/ids.ts'
import { newProfile } from './state/profiles.ts'
import type {
  AccessLevelRecord,
  AdaptyStore,
  AppSettings,
  NonSubscriptionRecord,
  PaddleTokenRecord,
  PaywallProductRecord,
  ProfileRecord,
  StripeTokenRecord,
  SubscriptionRecord,
} from './state/store.ts'
import { createStore } from './state/store.ts'

const SEED_DIR = fileURLToPath(new URL('../../../../fixtures/seeds/adapty/', import.meta.url))

interface SeedPaywall {
  paywallId: string
  title: string
  state: 'draft' | 'live' | 'inactive' | 'archived'
  usePaywallBuilder: boolean
  webPurchaseUrl: string | null
  products: PaywallProductRecord[]
  remoteConfigs: Array<{ locale: string; data: string }>
  mainScreenshot: { imageId: number; url: string } | null
}

/**
 * A purchase history that seeded profiles can start with, by name: the access levels, the
 * subscriptions and the one-time purchases (records in their internal form), and the revenue
 * they add up to. Each profile that names a history gets its own copy.
 */
interface SeedHistory {
  accessLevels: AccessLevelRecord[]
  subscriptions: SubscriptionRecord[]
  nonSubscriptions: NonSubscriptionRecord[]
  totalRevenueUsd: number
}

/** A seeded profile: its ids, the levels granted at seeding time, and optionally a history. */
interface SeedProfile {
  customerUserId: string
  profileId: string
  /** Levels granted through the dashboard when the sandbox starts (no transaction behind them). */
  accessLevels: string[]
  /** The name of one of the app's `purchaseHistories`, copied into this profile. */
  history?: string
  /** Refund Saver settings other than the default (consent, no preference). */
  refundSaver?: ProfileRecord['refundSaver']
}

/** One app of a seed file. */
export interface SeedApp {
  name: string
  apiKey: string
  appId: string
  settings: AppSettings
  accessLevels: string[]
  currencies: Record<string, string>
  profiles: SeedProfile[]
  purchaseHistories?: Record<string, SeedHistory>
  stripeTokens: StripeTokenRecord[]
  paddleTokens: PaddleTokenRecord[]
  paywalls: SeedPaywall[]
}

/** A parsed seed file. */
export interface Seed {
  apps: SeedApp[]
}

/** Reads a named seed. Unknown names fail with the list of known ones. */
export function readSeed(name: string): Seed {
  const path = `${SEED_DIR}${name}.json`
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(path)) {
    throw new HarnessError('SANDBOX_UNKNOWN_SEED', `Failed to load seed "${name}": no such seed.`, {
      hint: `use a file name from fixtures/seeds/adapty/ without .json (for example "default").`,
    })
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Seed
}

/** Builds one store per app of the seed, keyed by API key. */
export function buildStores(seed: Seed, clock: Clock, ids: Ids): Map<string, AdaptyStore> {
  const stores = new Map<string, AdaptyStore>()
  const seededAt = clock.now().toISOString()
  for (const app of seed.apps) {
    const store = createStore(clock, ids, app.appId, { ...app.settings })
    for (const level of app.accessLevels) store.accessLevels.add(level)
    for (const [code, name] of Object.entries(app.currencies)) store.currencies.set(code, name)
    for (const token of app.stripeTokens) store.stripeTokens.set(token.token, { ...token })
    for (const token of app.paddleTokens) store.paddleTokens.set(token.token, { ...token })
    // Every paywall is stored whatever its state (draft, live, inactive, archived), and
    // listPaywalls lists them all: the spec documents no state filter on the list, and its
    // PaywallListItem carries `state` precisely so a client can tell them apart. Only deleted
    // paywalls (is_deleted) are left out, as the sandbox did before.
    for (const p of app.paywalls) {
      store.paywalls.set(p.paywallId, {
        ...p,
        usePaywallBuilderLegacy: false,
        createdAt: seededAt,
        updatedAt: seededAt,
        isDeleted: false,
        products: p.products.map((product) => ({ ...product })),
        remoteConfigs: p.remoteConfigs.map((r) => ({ ...r })),
      })
    }
    for (const seeded of app.profiles) {
      const profile = newProfile(seeded.profileId, seeded.customerUserId)
      for (const level of seeded.accessLevels) {
        profile.accessLevels.set(level, {
          accessLevelId: level,
          store: 'adapty',
          storeProductId: 'seeded',
          storeBasePlanId: null,
          storeTransactionId: `seed-${level}`,
          storeOriginalTransactionId: `seed-${level}`,
          offer: null,
          startsAt: seededAt,
          purchasedAt: seededAt,
          originallyPurchasedAt: seededAt,
          expiresAt: null,
          renewalCancelledAt: null,
          billingIssueDetectedAt: null,
          isInGracePeriod: false,
          cancellationReason: null,
        })
      }
      if (seeded.history !== undefined) copyHistory(profile, historyOf(app, seeded.history))
      if (seeded.refundSaver !== undefined) profile.refundSaver = { ...seeded.refundSaver }
      store.profiles.set(profile.profileId, profile)
      store.profileIdByCustomerUserId.set(seeded.customerUserId, profile.profileId)
    }
    stores.set(app.apiKey, store)
  }
  return stores
}

/** The named purchase history of an app; an unknown name is a broken seed. */
function historyOf(app: SeedApp, name: string): SeedHistory {
  const history = app.purchaseHistories?.[name]
  if (history === undefined) {
    throw new HarnessError(
      'SANDBOX_UNKNOWN_SEED',
      `Failed to load the seed: app "${app.name}" has no purchase history "${name}".`,
      { hint: `add "${name}" to the app's purchaseHistories, or name one of its histories.` },
    )
  }
  return history
}

/** Gives a profile its own copy of a history (the seed's records are never shared). */
function copyHistory(profile: ProfileRecord, history: SeedHistory): void {
  for (const level of history.accessLevels) {
    profile.accessLevels.set(level.accessLevelId, {
      ...level,
      offer: level.offer === null ? null : { ...level.offer },
    })
  }
  profile.subscriptions.push(
    ...history.subscriptions.map((s) => ({
      ...s,
      offer: s.offer === null ? null : { ...s.offer },
    })),
  )
  profile.nonSubscriptions.push(...history.nonSubscriptions.map((n) => ({ ...n })))
  profile.totalRevenueUsd += history.totalRevenueUsd
}
