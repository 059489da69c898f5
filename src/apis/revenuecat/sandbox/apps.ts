/**
 * Apps and their public API keys, free of HTTP (S-31, S-32): create-app takes a store object of
 * the app's type (`app_store: {bundle_id, shared_secret, …}`), keeps the fields the spec's App
 * shows as `settings` and the credentials it never shows as `secrets`; update-app changes both;
 * delete-app refuses an app that products or webhooks still name. Each app has the public (SDK)
 * keys of its store, made when it is created.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { AppRecord, Environment, ProjectData, PublicApiKeyRecord } from './model.ts'
import { removeFrom } from './model.ts'

/** The store types the spec's App names. */
export type AppType =
  | 'amazon'
  | 'app_store'
  | 'mac_app_store'
  | 'play_store'
  | 'stripe'
  | 'rc_billing'
  | 'roku'
  | 'paddle'
  | 'test_store'

/**
 * Per store type: the fields of its store object that the spec's App answers (`shown`), and
 * those create-app and update-app take but the App never shows (`writeOnly`: shared secrets,
 * in-app keys, App Store Connect credentials, API keys).
 */
export const STORE_FIELDS: Readonly<
  Record<AppType, { shown: readonly string[]; writeOnly: readonly string[] }>
> = {
  amazon: { shown: ['package_name'], writeOnly: ['shared_secret'] },
  app_store: {
    shown: ['bundle_id'],
    writeOnly: [
      'shared_secret',
      'subscription_private_key',
      'subscription_key_id',
      'subscription_key_issuer',
      'app_store_connect_api_key',
      'app_store_connect_api_key_id',
      'app_store_connect_api_key_issuer',
      'app_store_connect_vendor_number',
    ],
  },
  mac_app_store: { shown: ['bundle_id'], writeOnly: ['shared_secret'] },
  play_store: { shown: ['package_name'], writeOnly: [] },
  stripe: { shown: ['stripe_account_id'], writeOnly: [] },
  rc_billing: {
    shown: ['stripe_account_id', 'app_name', 'support_email', 'default_currency'],
    writeOnly: [],
  },
  roku: { shown: ['roku_channel_id', 'roku_channel_name'], writeOnly: ['roku_api_key'] },
  paddle: { shown: ['paddle_is_sandbox'], writeOnly: ['paddle_api_key'] },
  test_store: { shown: [], writeOnly: [] },
}

/** The types create-app takes (the spec's AppCreate branches: no Test Store app). */
export const CREATE_TYPES: readonly string[] = [
  'amazon',
  'app_store',
  'mac_app_store',
  'play_store',
  'stripe',
  'rc_billing',
  'roku',
  'paddle',
]

/** The store objects a body may carry, one per type (test_store has none). */
const STORE_OBJECTS = Object.keys(STORE_FIELDS).filter((t) => t !== 'test_store')

/** A create-app body (already checked against the contract). */
export interface AppInput {
  name: string
  type: string
  [store: string]: unknown
}

/** An update-app body (already checked against the contract). */
export interface AppUpdate {
  name?: string
  [store: string]: unknown
}

/** The public key prefix of each store type (the SDKs' `appl_`, `goog_`, …). */
const KEY_PREFIX: Readonly<Record<AppType, string>> = {
  amazon: 'amzn_',
  app_store: 'appl_',
  mac_app_store: 'appl_',
  play_store: 'goog_',
  stripe: 'strp_',
  rc_billing: 'rcb_',
  roku: 'roku_',
  paddle: 'pdl_',
  test_store: 'test_',
}

/**
 * The environments an app of this type has a public key for: Web Billing apps have a sandbox
 * key beside their production key; Test Store apps only a sandbox key; the others one
 * production key (S-32).
 */
export function keyEnvironments(type: string): Environment[] {
  if (type === 'rc_billing') return ['production', 'sandbox']
  if (type === 'test_store') return ['sandbox']
  return ['production']
}

/** A public key of an app (not a secret: the SDKs ship it), `<prefix>[sb_]sandboxfake<hex>`. */
export function newPublicKey(
  app: AppRecord,
  environment: Environment,
  now: number,
  ids: Ids,
): PublicApiKeyRecord {
  const prefix = KEY_PREFIX[app.type as AppType] ?? 'app_'
  const token = ids.token('k').slice(2)
  return {
    id: `pubkey${token.slice(0, 10)}`,
    key: `${prefix}${environment === 'sandbox' ? 'sb_' : ''}sandboxfake${token}`,
    appId: app.id,
    environment,
    createdAt: now,
  }
}

/** The public keys of an app, production first, in creation order. */
export function publicKeysOf(data: ProjectData, appId: string): PublicApiKeyRecord[] {
  return [...data.publicApiKeys.values()]
    .filter((k) => k.appId === appId)
    .sort((a, b) => Number(a.environment === 'sandbox') - Number(b.environment === 'sandbox'))
}

/**
 * What a Paddle app's key says of its environment: a sandbox key starts `pdl_sdbx_` (the spec:
 * "the environment is determined by the paddle_api_key format").
 */
function paddleIsSandbox(key: unknown, flag: unknown, current: boolean): boolean {
  if (typeof key === 'string') return key.startsWith('pdl_sdbx_')
  if (typeof flag === 'boolean') return flag
  return current
}

/** Splits a store object into the settings shown and the write-only credentials. */
function split(
  type: AppType,
  given: Record<string, unknown>,
  settings: Record<string, string | boolean | null>,
  secrets: Record<string, string>,
): void {
  const fields = STORE_FIELDS[type]
  for (const [name, value] of Object.entries(given)) {
    if (fields.writeOnly.includes(name)) {
      if (typeof value === 'string') secrets[name] = value
      else delete secrets[name]
    } else if (fields.shown.includes(name) && name !== 'paddle_is_sandbox') {
      settings[name] = value as string | null
    }
  }
  if (type === 'paddle')
    settings.paddle_is_sandbox = paddleIsSandbox(
      given.paddle_api_key,
      given.paddle_is_sandbox,
      settings.paddle_is_sandbox === true,
    )
}

/** A store object in the body for another store type than the app's: 400 on it. */
function foreignStore(type: string, body: Record<string, unknown>): RevenueCatFailure | undefined {
  const other = STORE_OBJECTS.find((name) => name !== type && body[name] !== undefined)
  if (other === undefined) return undefined
  return revenuecatFailure(
    400,
    'parameter_error',
    `${other} is only for apps of type ${other}; this app is of type ${type}.`,
    other,
  )
}

/**
 * Creates an app with its public keys. A Mac App Store app is 422 on `type`: the spec says the
 * type is disabled by default (legacy Mac apps), so only the seed holds one.
 */
export function createApp(
  data: ProjectData,
  input: AppInput,
  now: number,
  ids: Ids,
): AppRecord | RevenueCatFailure {
  const type = input.type as AppType
  if (type === 'mac_app_store')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      'Mac App Store apps are disabled for this project (legacy Mac apps); create an app_store app instead.',
      'type',
    )
  const foreign = foreignStore(type, input)
  if (foreign !== undefined) return foreign
  const settings: Record<string, string | boolean | null> = {}
  const secrets: Record<string, string> = {}
  const given = input[type]
  split(type, (given ?? {}) as Record<string, unknown>, settings, secrets)
  const app: AppRecord = {
    id: ids.token('app').replace('_', ''),
    name: input.name,
    type,
    createdAt: now,
    settings,
    secrets,
  }
  data.apps.set(app.id, app)
  for (const environment of keyEnvironments(type)) {
    const key = newPublicKey(app, environment, now, ids)
    data.publicApiKeys.set(key.id, key)
  }
  return app
}

/** Changes an app's name and its store details; a store object of another type is 400 on it. */
export function updateApp(app: AppRecord, input: AppUpdate): AppRecord | RevenueCatFailure {
  const foreign = foreignStore(app.type, input)
  if (foreign !== undefined) return foreign
  if (input.name !== undefined) app.name = input.name
  const given = input[app.type]
  if (given !== undefined && given !== null) {
    app.settings = { ...app.settings }
    app.secrets = { ...app.secrets }
    split(app.type as AppType, given as Record<string, unknown>, app.settings, app.secrets)
  }
  return app
}

/**
 * Deletes an app and its public keys. An app that a product or a webhook still names is 422
 * `unprocessable_entity_error`, and nothing goes (S-33): delete or move those first.
 */
export function deleteApp(data: ProjectData, app: AppRecord): AppRecord | RevenueCatFailure {
  const products = [...data.products.values()].filter((p) => p.appId === app.id).length
  const webhooks = [...data.webhooks.values()].filter((w) => w.appId === app.id).length
  if (products > 0 || webhooks > 0) {
    const what = [
      products > 0 ? `${products} product${products === 1 ? '' : 's'}` : undefined,
      webhooks > 0 ? `${webhooks} webhook integration${webhooks === 1 ? '' : 's'}` : undefined,
    ]
      .filter((w) => w !== undefined)
      .join(' and ')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `App "${app.id}" still has ${what}; delete them first.`,
    )
  }
  removeFrom(data, data.apps, app.id)
  for (const key of publicKeysOf(data, app.id)) data.publicApiKeys.delete(key.id)
  return app
}

/** The StoreKit product types of the catalog's product types. */
const STOREKIT_TYPE: Readonly<Record<string, string>> = {
  consumable: 'Consumable',
  non_consumable: 'NonConsumable',
  one_time: 'NonConsumable',
  non_renewing_subscription: 'NonRenewingSubscription',
}

/**
 * The contents of a StoreKit configuration file (Xcode's `.storekit`, version 4) for an App Store
 * or Mac App Store app: its products, subscriptions in one group named after the app, with the
 * periods the catalog knows. Prices are the store's and the sandbox knows none, so none is
 * written. Any other app type is 400 `invalid_request` (S-32; the operation documents no 422).
 */
export function storeKitConfig(
  data: ProjectData,
  app: AppRecord,
): Record<string, unknown> | RevenueCatFailure {
  if (app.type !== 'app_store' && app.type !== 'mac_app_store')
    return revenuecatFailure(
      400,
      'invalid_request',
      `App "${app.id}" is of type ${app.type}; StoreKit configuration files are for App Store apps only.`,
    )
  const products = [...data.products.values()].filter((p) => p.appId === app.id)
  const localized = (name: string | null, id: string) => [
    { description: '', displayName: name ?? id, locale: 'en_US' },
  ]
  const groupId = `group_${app.id}`
  const subscriptions = products
    .filter((p) => p.type === 'subscription')
    .map((p, i) => ({
      adHocOffers: [],
      codeOffers: [],
      familyShareable: false,
      groupNumber: i + 1,
      internalID: p.id,
      introductoryOffer:
        p.subscription?.trialDuration == null
          ? null
          : {
              internalID: `${p.id}_trial`,
              numberOfPeriods: 1,
              paymentMode: 'free',
              subscriptionPeriod: p.subscription.trialDuration,
            },
      localizations: localized(p.displayName, p.storeIdentifier),
      productID: p.storeIdentifier,
      recurringSubscriptionPeriod: p.subscription?.duration ?? null,
      referenceName: p.displayName ?? p.storeIdentifier,
      subscriptionGroupID: groupId,
      type: 'RecurringSubscription',
    }))
  const others = products.filter((p) => p.type !== 'subscription')
  const item = (p: (typeof others)[number]) => ({
    familyShareable: false,
    internalID: p.id,
    localizations: localized(p.displayName, p.storeIdentifier),
    productID: p.storeIdentifier,
    referenceName: p.displayName ?? p.storeIdentifier,
    type: STOREKIT_TYPE[p.type] ?? 'NonConsumable',
  })
  return {
    identifier: app.id,
    nonRenewingSubscriptions: others
      .filter((p) => p.type === 'non_renewing_subscription')
      .map(item),
    products: others.filter((p) => p.type !== 'non_renewing_subscription').map(item),
    settings: {},
    subscriptionGroups:
      subscriptions.length === 0
        ? []
        : [{ id: groupId, localizations: [], name: app.name, subscriptions }],
    version: { major: 4, minor: 0 },
  }
}
