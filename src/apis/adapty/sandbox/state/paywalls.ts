/** Paywall rules: page-number pagination, lookup and remote config updates. */
import { type AdaptyStore, fail, nowIso, ok, type PaywallRecord, type Result } from './store.ts'

/** Page size bounds and default of listPaywalls. */
export const PAGE_SIZE = { min: 1, max: 100, default: 20 } as const

/**
 * A whole number from 1 (to `max`), of any size: `page[number]` has no upper bound, because a
 * page past the end is an empty page, however far past (DECISIONS.md, A-30).
 */
function parsePositive(
  raw: string | undefined,
  name: string,
  fallback: number,
  max?: number,
): Result<bigint> {
  if (raw === undefined || raw === '') return ok(BigInt(fallback))
  const value = /^\d+$/.test(raw) ? BigInt(raw) : 0n
  if (value < 1n || (max !== undefined && value > BigInt(max))) {
    const range = max === undefined ? 'a whole number from 1' : `a whole number from 1 to ${max}`
    return fail(400, 'validation_error', name, `${name} must be ${range}; got "${raw}".`)
  }
  return ok(value)
}

/** One page of paywalls, in creation order, with the pagination meta. */
export function listPaywalls(
  store: AdaptyStore,
  pageRaw: string | undefined,
  sizeRaw: string | undefined,
): Result<{ items: PaywallRecord[]; count: number; page: bigint; pages: number }> {
  const page = parsePositive(pageRaw, 'page[number]', 1)
  if (!page.ok) return page
  const size = parsePositive(sizeRaw, 'page[size]', PAGE_SIZE.default, PAGE_SIZE.max)
  if (!size.ok) return size
  const all = [...store.paywalls.values()].filter((p) => !p.isDeleted)
  const perPage = Number(size.value)
  const pages = Math.max(1, Math.ceil(all.length / perPage))
  // Only a page up to the last one has items; any later page (up to 10^20 and beyond) is empty.
  const start = page.value <= BigInt(pages) ? (Number(page.value) - 1) * perPage : all.length
  return ok({
    items: all.slice(start, start + perPage),
    count: all.length,
    page: page.value,
    pages,
  })
}

/** Finds a paywall or answers 404 paywall_does_not_exist. */
export function findPaywall(store: AdaptyStore, paywallId: string): Result<PaywallRecord> {
  const paywall = store.paywalls.get(paywallId)
  if (paywall === undefined || paywall.isDeleted) {
    return fail(404, 'paywall_does_not_exist', null, `Paywall "${paywallId}" does not exist.`)
  }
  return ok(paywall)
}

/** Replaces a paywall's remote configs; each `data` must be a JSON document, one per locale. */
export function updatePaywall(
  store: AdaptyStore,
  paywall: PaywallRecord,
  remoteConfigs: Array<{ locale: string; data: string }>,
): Result<PaywallRecord> {
  const seen = new Set<string>()
  for (const [index, config] of remoteConfigs.entries()) {
    if (seen.has(config.locale)) {
      return fail(
        400,
        'validation_error',
        `remote_configs.${index}.locale`,
        `Locale "${config.locale}" appears twice.`,
      )
    }
    seen.add(config.locale)
    try {
      JSON.parse(config.data)
    } catch {
      return fail(
        400,
        'validation_error',
        `remote_configs.${index}.data`,
        'data must be a JSON document serialised as a string.',
      )
    }
  }
  paywall.remoteConfigs = remoteConfigs.map((r) => ({ locale: r.locale, data: r.data }))
  paywall.updatedAt = nowIso(store)
  return ok(paywall)
}
