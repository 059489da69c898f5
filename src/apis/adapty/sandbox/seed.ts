/** Named sandbox states ("provider states") for the Adapty emulator, read from fixtures/seeds/adapty/. */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HarnessError } from '../../../errors.ts'
import type { Clock } from '../../../sandbox/clock.ts'
import type { Ids } from '../../../sandbox/ids.ts'
import { newProfile } from './state/profiles.ts'
import type {
  AdaptyStore,
  AppSettings,
  PaddleTokenRecord,
  PaywallProductRecord,
  StripeTokenRecord,
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

/** One app of a seed file. */
export interface SeedApp {
  name: string
  apiKey: string
  appId: string
  settings: AppSettings
  accessLevels: string[]
  currencies: Record<string, string>
  profiles: Array<{ customerUserId: string; profileId: string; accessLevels: string[] }>
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
      store.profiles.set(profile.profileId, profile)
      store.profileIdByCustomerUserId.set(seeded.customerUserId, profile.profileId)
    }
    stores.set(app.apiKey, store)
  }
  return stores
}
