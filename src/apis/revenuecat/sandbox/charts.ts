/**
 * Charts & Metrics, free of HTTP: the overview metrics and the charts, computed from the
 * project's customers, subscriptions and purchases at request time on the sandbox clock, so they
 * follow every change a suite makes (DECISIONS.md, S-48 to S-50). Only production data counts, as
 * in the vendor's charts; promotional (granted) subscriptions are not subscriptions anyone pays for.
 *
 * A chart is a list of buckets (day, week, month, quarter, year) between two dates. A stock
 * (active subscriptions, MRR) is its value at the bucket's end (now, for the bucket that holds
 * now, which is what the overview shows); a flow (revenue, new customers) sums what happened in
 * the bucket. The summary's total is the sum of the bucket values and its average that sum over
 * the buckets, so a flow's total is the same at every resolution over the same dates.
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { CustomerRecord, ProjectData, PurchaseRecord, SubscriptionRecord } from './model.ts'
import { givesAccessNow, statusNow } from './views.ts'

export const DAY = 86_400_000
const WINDOW = 28 * DAY

/** The currencies the spec's `currency` parameter lists, with the sandbox's fixed USD rates. */
export const CURRENCY_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  AUD: 1.52,
  CAD: 1.36,
  JPY: 150,
  BRL: 5,
  KRW: 1330,
  CNY: 7.2,
  MXN: 17,
  SEK: 10.5,
  PLN: 4,
}

const round2 = (n: number) => Math.round(n * 100) / 100
const inCurrency = (usd: number, currency: string) => round2(usd * (CURRENCY_RATES[currency] ?? 1))

// ---------------------------------------------------------------------------------------------
// What the project's records say at a time.

/** Whether a subscription counts in the charts at all. */
function counted(sub: SubscriptionRecord): boolean {
  return sub.environment === 'production' && sub.store !== 'promotional'
}

/** When a subscription stopped giving access, or null while it still does. */
function accessEndOf(sub: SubscriptionRecord, now: number): number | null {
  if (givesAccessNow(sub, now)) return null
  const ends = [sub.refundedAt, sub.endsAt, sub.currentPeriodEndsAt].filter(
    (t): t is number => t !== null && t <= now,
  )
  return ends.length === 0 ? now : Math.min(...ends)
}

/**
 * What a subscription was at `t`: a paid subscription, a trial, or nothing. At or after now it is
 * what statusNow and givesAccessNow say; before now, it was running from its start until it
 * stopped giving access, a trial while the transaction covering `t` cost nothing.
 */
export function standingAt(
  sub: SubscriptionRecord,
  t: number,
  now: number,
): 'paid' | 'trial' | null {
  if (!counted(sub)) return null
  if (t >= now) {
    if (!givesAccessNow(sub, now)) return null
    return statusNow(sub, now) === 'trialing' ? 'trial' : 'paid'
  }
  if (t < sub.startsAt) return null
  const end = accessEndOf(sub, now)
  if (end !== null && t >= end) return null
  const covering = [...sub.transactions].reverse().find((tx) => tx.purchasedAt <= t && !tx.refunded)
  return covering !== undefined && covering.revenue.gross === 0 ? 'trial' : 'paid'
}

/** Months in an ISO 8601 duration (P1M 1, P1Y 12, P1W 7/30.4375, P3D 3/30.4375); 1 if none. */
export function monthsOf(duration: string | null | undefined): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration ?? '')
  if (m === null) return 1
  const [, y, mo, w, d] = m.map((v) => Number(v ?? 0))
  const months = (y ?? 0) * 12 + (mo ?? 0) + ((w ?? 0) * 7 + (d ?? 0)) / 30.4375
  return months > 0 ? months : 1
}

/** A paid subscription's monthly recurring revenue at `t`: its latest price, per month (USD). */
export function monthlyAt(project: ProjectData, sub: SubscriptionRecord, t: number): number {
  const latest = [...sub.transactions]
    .reverse()
    .find((tx) => tx.purchasedAt <= t && !tx.refunded && tx.revenue.gross > 0)
  if (latest === undefined) return 0
  const duration = project.products.get(sub.productId)?.subscription?.duration
  return latest.revenue.gross / monthsOf(duration)
}

/** A sale: a subscription's transaction or a one-time purchase, in production. */
interface Sale {
  at: number
  gross: number
  refunded: boolean
  customerId: string
  country: string | null
  store: string
  productId: string
}

function salesOf(project: ProjectData): Sale[] {
  const sales: Sale[] = []
  for (const sub of project.subscriptions.values()) {
    if (!counted(sub)) continue
    for (const tx of sub.transactions)
      sales.push({
        at: tx.purchasedAt,
        gross: tx.revenue.gross,
        refunded: tx.refunded || (sub.refundedAt !== null && tx.purchasedAt <= sub.refundedAt),
        customerId: sub.customerId,
        country: sub.country,
        store: sub.store,
        productId: sub.productId,
      })
  }
  for (const p of project.purchases.values()) {
    if (p.environment !== 'production' || p.store === 'promotional') continue
    sales.push(purchaseSale(p))
  }
  return sales
}

function purchaseSale(p: PurchaseRecord): Sale {
  return {
    at: p.purchasedAt,
    gross: p.revenue.gross,
    refunded: p.status === 'refunded',
    customerId: p.customerId,
    country: p.country,
    store: p.store,
    productId: p.productId,
  }
}

/** When a customer was last seen (first seen, if never since). */
const seenAt = (c: CustomerRecord) => c.lastSeenAt ?? c.firstSeenAt

// ---------------------------------------------------------------------------------------------
// The overview.

/** One overview metric, before its wire shape. */
export interface OverviewMetric {
  id: string
  name: string
  description: string
  unit: string
  period: 'P0D' | 'P28D'
  value: number
}

/**
 * The overview now: active subscriptions and trials (P0D, statusNow/givesAccessNow), MRR (the
 * active subscriptions' latest prices per month), and over the last 28 days revenue (gross, refunds
 * left out), new customers (first seen) and active users (seen).
 */
export function overviewMetrics(
  project: ProjectData,
  now: number,
  currency = 'USD',
): OverviewMetric[] {
  const subs = [...project.subscriptions.values()]
  const paid = subs.filter((s) => standingAt(s, now, now) === 'paid')
  const trials = subs.filter((s) => standingAt(s, now, now) === 'trial')
  const mrr = paid.reduce((sum, s) => sum + monthlyAt(project, s, now), 0)
  const since = now - WINDOW
  const revenue = salesOf(project)
    .filter((s) => !s.refunded && s.at > since && s.at <= now)
    .reduce((sum, s) => sum + s.gross, 0)
  const customers = [...project.customers.values()]
  const symbol = currencySymbol(currency)
  return [
    metric('active_trials', 'Active Trials', 'Trials running now.', '#', 'P0D', trials.length),
    metric(
      'active_subscriptions',
      'Active Subscriptions',
      'Paid subscriptions giving access now.',
      '#',
      'P0D',
      paid.length,
    ),
    metric(
      'mrr',
      'MRR',
      'Monthly recurring revenue of the active subscriptions.',
      symbol,
      'P0D',
      inCurrency(mrr, currency),
    ),
    metric(
      'revenue',
      'Revenue',
      'Revenue of the last 28 days, refunds left out.',
      symbol,
      'P28D',
      inCurrency(revenue, currency),
    ),
    metric(
      'new_customers',
      'New Customers',
      'Customers first seen in the last 28 days.',
      '#',
      'P28D',
      customers.filter((c) => c.firstSeenAt > since && c.firstSeenAt <= now).length,
    ),
    metric(
      'active_users',
      'Active Users',
      'Customers seen in the last 28 days.',
      '#',
      'P28D',
      customers.filter((c) => seenAt(c) > since && seenAt(c) <= now).length,
    ),
  ]
}

function metric(
  id: string,
  name: string,
  description: string,
  unit: string,
  period: 'P0D' | 'P28D',
  value: number,
): OverviewMetric {
  return { id, name, description, unit, period, value }
}

/** The y-axis unit of money in a currency. */
export function currencySymbol(currency: string): string {
  const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', KRW: '₩' }
  return symbols[currency] ?? currency
}

// ---------------------------------------------------------------------------------------------
// The charts: their names, what each shows, and its options.

export type Resolution = 'day' | 'week' | 'month' | 'quarter' | 'year'
/** Resolutions by the id the options endpoint gives them. */
export const RESOLUTIONS: ReadonlyArray<{ id: string; name: Resolution }> = [
  { id: '0', name: 'day' },
  { id: '1', name: 'week' },
  { id: '2', name: 'month' },
  { id: '3', name: 'quarter' },
  { id: '4', name: 'year' },
]

type Unit = 'count' | 'money' | 'percent'
type Basis = 'subscriptions' | 'customers' | 'sales'

/** How one chart is made. */
interface ChartSpec {
  category: string
  displayName: string
  description: string
  displayType: string
  unit: Unit
  /** What its filters and segments are about (a customer's country, a subscription's store). */
  basis: Basis
  /** Cohort charts answer rows of numbers (the oneOf's array branch), one row per cohort. */
  cohort?: boolean
  resolutions: readonly Resolution[]
  selectors?: Readonly<Record<string, { default: string; options: readonly string[] }>>
  /** Measure names, in order; the values' `measure` is an index into them. */
  measures: readonly string[]
}

const ALL: readonly Resolution[] = ['day', 'week', 'month', 'quarter', 'year']
const COHORT: readonly Resolution[] = ['week', 'month']
const REVENUE_TYPE = { revenue_type: { default: 'gross', options: ['gross', 'proceeds'] } }
const TIMEFRAME = {
  conversion_timeframe: { default: '7_days', options: ['3_days', '7_days', '14_days', '30_days'] },
}

const chart = (
  category: string,
  displayName: string,
  description: string,
  unit: Unit,
  basis: Basis,
  measures: readonly string[],
  extra: Partial<ChartSpec> = {},
): ChartSpec => ({
  category,
  displayName,
  description,
  displayType: extra.cohort === true ? 'table' : measures.length > 1 ? 'stacked_bar' : 'line',
  unit,
  basis,
  resolutions: ALL,
  measures,
  ...extra,
})

/** The spec's chart names (its enum of chart_name), each with what it shows. */
export const CHARTS: Readonly<Record<string, ChartSpec>> = {
  actives: chart(
    'subscriptions',
    'Active Subscriptions',
    'Paid subscriptions giving access at the end of each period.',
    'count',
    'subscriptions',
    ['Active Subscriptions'],
  ),
  actives_movement: chart(
    'subscriptions',
    'Active Subscriptions Movement',
    'Paid subscriptions that started and that ended in each period.',
    'count',
    'subscriptions',
    ['New', 'Churned', 'Net Movement'],
  ),
  actives_new: chart(
    'subscriptions',
    'New Paid Subscriptions',
    'Subscriptions whose first paid period started in each period.',
    'count',
    'subscriptions',
    ['New Paid Subscriptions'],
  ),
  arr: chart(
    'revenue',
    'ARR',
    'Annual recurring revenue (twelve times MRR) at the end of each period.',
    'money',
    'subscriptions',
    ['ARR'],
    { selectors: REVENUE_TYPE },
  ),
  churn: chart(
    'subscriptions',
    'Churn Rate',
    'Paid subscriptions that ended in each period, per active one at its start.',
    'percent',
    'subscriptions',
    ['Churn Rate'],
  ),
  cohort_explorer: chart(
    'customers',
    'Cohort Explorer',
    'Revenue per customer cohort (first seen in a period), period by period.',
    'money',
    'customers',
    ['Customers'],
    { cohort: true, resolutions: COHORT, selectors: REVENUE_TYPE },
  ),
  conversion_to_paying: chart(
    'conversion',
    'Conversion to Paying',
    'New customers who paid within the timeframe, per new customer.',
    'percent',
    'customers',
    ['Conversion to Paying'],
    { selectors: TIMEFRAME },
  ),
  customers_new: chart(
    'customers',
    'New Customers',
    'Customers first seen in each period.',
    'count',
    'customers',
    ['New Customers'],
  ),
  ltv_per_customer: chart(
    'revenue',
    'Realized LTV per Customer',
    'Revenue so far of the customers first seen in each period, per customer.',
    'money',
    'customers',
    ['Realized LTV per Customer'],
    { selectors: REVENUE_TYPE },
  ),
  ltv_per_paying_customer: chart(
    'revenue',
    'Realized LTV per Paying Customer',
    'Revenue so far of the customers first seen in each period, per paying customer.',
    'money',
    'customers',
    ['Realized LTV per Paying Customer'],
    { selectors: REVENUE_TYPE },
  ),
  mrr: chart(
    'revenue',
    'MRR',
    'Monthly recurring revenue at the end of each period.',
    'money',
    'subscriptions',
    ['MRR'],
    { selectors: REVENUE_TYPE },
  ),
  mrr_movement: chart(
    'revenue',
    'MRR Movement',
    'MRR that new paid subscriptions added and ended ones took away in each period.',
    'money',
    'subscriptions',
    ['New MRR', 'Churned MRR', 'Net Movement'],
    { selectors: REVENUE_TYPE },
  ),
  refund_rate: chart(
    'revenue',
    'Refund Rate',
    'Refunded sales per sale in each period.',
    'percent',
    'sales',
    ['Refund Rate'],
  ),
  revenue: chart(
    'revenue',
    'Revenue',
    'Revenue of the sales in each period, refunds left out.',
    'money',
    'sales',
    ['Revenue', 'Transactions'],
    { selectors: REVENUE_TYPE, displayType: 'bar' },
  ),
  subscription_retention: chart(
    'subscriptions',
    'Subscription Retention',
    'Share of each cohort of paid subscriptions still active period by period.',
    'percent',
    'subscriptions',
    ['Subscriptions'],
    { cohort: true, resolutions: COHORT },
  ),
  subscription_status: chart(
    'subscriptions',
    'Subscription Status',
    'Subscriptions by status at the end of each period.',
    'count',
    'subscriptions',
    ['Active', 'Trialing'],
  ),
  trials: chart(
    'trials',
    'Active Trials',
    'Trials running at the end of each period.',
    'count',
    'subscriptions',
    ['Active Trials'],
  ),
  trials_movement: chart(
    'trials',
    'Active Trials Movement',
    'Trials that started and that ended in each period.',
    'count',
    'subscriptions',
    ['New', 'Ended', 'Net Movement'],
  ),
  trials_new: chart(
    'trials',
    'New Trials',
    'Trials that started in each period.',
    'count',
    'subscriptions',
    ['New Trials'],
  ),
  customers_active: chart(
    'customers',
    'Active Customers',
    'Customers seen in each period.',
    'count',
    'customers',
    ['Active Customers'],
  ),
  trial_conversion_rate: chart(
    'conversion',
    'Trial Conversion Rate',
    'Trials started in each period that went on to a paid period, per trial.',
    'percent',
    'subscriptions',
    ['Trial Conversion Rate'],
  ),
}

/** The dimensions a chart filters and segments by: a customer's country, or also store and product. */
function dimensionsOf(spec: ChartSpec): readonly string[] {
  if (spec.cohort === true) return []
  return spec.basis === 'customers' ? ['country'] : ['country', 'store', 'product']
}

const DIMENSION_NAMES: Record<string, { name: string; group: string }> = {
  country: { name: 'Country', group: 'Geography' },
  store: { name: 'Store', group: 'Platform' },
  product: { name: 'Product', group: 'Product' },
}

/** One option of a filter or a segment's value: its id and what it shows. */
export interface OptionValue {
  id: string
  displayName: string
}

/** The values a dimension has in the project (countries, stores, products), sorted by id. */
function dimensionValues(project: ProjectData, dimension: string): OptionValue[] {
  const ids = new Set<string>()
  if (dimension === 'product') {
    for (const p of project.products.values()) ids.add(p.id)
  } else {
    for (const s of project.subscriptions.values()) {
      const v = dimension === 'store' ? s.store : s.country
      if (v !== null) ids.add(v)
    }
    for (const p of project.purchases.values()) {
      const v = dimension === 'store' ? p.store : p.country
      if (v !== null) ids.add(v)
    }
    if (dimension === 'country')
      for (const c of project.customers.values())
        if (c.lastSeenCountry !== null) ids.add(c.lastSeenCountry)
  }
  return [...ids].sort().map((id) => ({
    id,
    displayName:
      dimension === 'product' ? (project.products.get(id)?.displayName ?? id) : id.toString(),
  }))
}

/** A chart's options, before their wire shape. */
export interface ChartOptionsResult {
  resolutions: Array<{ id: string; displayName: string }>
  segments: Array<{ id: string; displayName: string; group: string | null }>
  filters: Array<{ id: string; displayName: string; group: string | null; options: OptionValue[] }>
  selectors: Record<string, { default: string; displayName: string; options: OptionValue[] }> | null
}

/** The chart name of the path, or 404 (a name the spec's enum does not list). */
export function chartOf(name: string): ChartSpec | RevenueCatFailure {
  const spec = CHARTS[name]
  if (spec === undefined)
    return revenuecatFailure(404, 'resource_missing', `Chart "${name}" does not exist.`)
  return spec
}

const titleOf = (id: string) =>
  id
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')

/** What a chart offers: its resolutions, segments, filters (with the project's values), selectors. */
export function chartOptions(project: ProjectData, spec: ChartSpec): ChartOptionsResult {
  const dims = dimensionsOf(spec)
  return {
    resolutions: RESOLUTIONS.filter((r) => spec.resolutions.includes(r.name)).map((r) => ({
      id: r.id,
      displayName: r.name,
    })),
    segments: dims.map((id) => ({
      id,
      displayName: DIMENSION_NAMES[id]?.name ?? id,
      group: DIMENSION_NAMES[id]?.group ?? null,
    })),
    filters: dims.map((id) => ({
      id,
      displayName: DIMENSION_NAMES[id]?.name ?? id,
      group: DIMENSION_NAMES[id]?.group ?? null,
      options: dimensionValues(project, id),
    })),
    selectors:
      spec.selectors === undefined
        ? null
        : Object.fromEntries(
            Object.entries(spec.selectors).map(([name, s]) => [
              name,
              {
                default: s.default,
                displayName: titleOf(name),
                options: s.options.map((id) => ({ id, displayName: titleOf(id) })),
              },
            ]),
          ),
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a chart request.

/** A chart request, as the query gives it (strings not yet read). */
export interface ChartQuery {
  realtime?: boolean
  filters?: string
  selectors?: string
  aggregate?: readonly string[]
  currency?: string
  resolution?: string
  startDate?: string
  endDate?: string
  segment?: string
}

/** A chart request once read and checked. */
export interface ChartRequest {
  resolution: Resolution
  /** The first day's midnight (UTC), in ms. */
  start: number
  /** The last day's midnight (UTC), in ms: the range holds it. */
  end: number
  currency: string
  realtime: boolean
  filters: Array<{ name: string; values: string[] }>
  unsupportedFilters: string[]
  segment: string | null
  unsupportedSegment: string | null
  selectors: Record<string, string>
  aggregate: readonly string[]
}

const bad = (param: string, message: string) =>
  revenuecatFailure(400, 'parameter_error', message, param)

/** `2024-01-31` as ms of its midnight (UTC), or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (m === null) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().startsWith(text) ? ms : undefined
}

const midnight = (t: number) => Math.floor(t / DAY) * DAY

/** The default first day of a range that ends on `end`: 28 days, 12 weeks or months, 8 quarters, 5 years. */
function defaultStart(end: number, resolution: Resolution): number {
  const d = new Date(end)
  const y = d.getUTCFullYear()
  const mo = d.getUTCMonth()
  switch (resolution) {
    case 'day':
      return end - 27 * DAY
    case 'week':
      return end - 11 * 7 * DAY
    case 'month':
      return Date.UTC(y, mo - 11, 1)
    case 'quarter':
      return Date.UTC(y, mo - (mo % 3) - 21, 1)
    case 'year':
      return Date.UTC(y - 4, 0, 1)
  }
}

/** The most buckets one answer holds. */
export const MAX_BUCKETS = 1000

/**
 * Reads a chart request: the resolution (an id of the options, or its name), the dates
 * (`YYYY-MM-DD`, start not after end), JSON `filters` (an array of `{name, values}`) and
 * `selectors` (an object of the chart's selectors and their options), the segment. A filter or a
 * segment the chart does not offer is not an error: the answer names it in unsupported_params.
 */
export function readChartRequest(
  spec: ChartSpec,
  query: ChartQuery,
  now: number,
): ChartRequest | RevenueCatFailure {
  const supported = RESOLUTIONS.filter((r) => spec.resolutions.includes(r.name))
  let resolution: Resolution = spec.resolutions[0] ?? 'day'
  if (query.resolution !== undefined) {
    const found = supported.find((r) => r.id === query.resolution || r.name === query.resolution)
    if (found === undefined)
      return bad(
        'resolution',
        `resolution must be one of ${supported.map((r) => `${r.id} (${r.name})`).join(', ')} for this chart, not "${query.resolution}".`,
      )
    resolution = found.name
  }
  let end = midnight(now)
  if (query.endDate !== undefined) {
    const parsed = parseDate(query.endDate)
    if (parsed === undefined)
      return bad('end_date', `end_date must be a date (YYYY-MM-DD), not "${query.endDate}".`)
    end = parsed
  }
  let start = defaultStart(end, resolution)
  if (query.startDate !== undefined) {
    const parsed = parseDate(query.startDate)
    if (parsed === undefined)
      return bad('start_date', `start_date must be a date (YYYY-MM-DD), not "${query.startDate}".`)
    start = parsed
  }
  if (start > end) return bad('start_date', 'start_date is after end_date.')
  if (bucketsOf(start, end, resolution).length > MAX_BUCKETS)
    return bad('start_date', `The range holds more than ${MAX_BUCKETS} ${resolution}s.`)

  const dims = dimensionsOf(spec)
  const filters: Array<{ name: string; values: string[] }> = []
  const unsupportedFilters: string[] = []
  if (query.filters !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(query.filters)
    } catch {
      return bad('filters', 'filters must be a JSON array of {"name", "values"} objects.')
    }
    if (!Array.isArray(parsed))
      return bad('filters', 'filters must be a JSON array of {"name", "values"} objects.')
    for (const [i, f] of parsed.entries()) {
      const ok =
        typeof f === 'object' &&
        f !== null &&
        typeof f.name === 'string' &&
        Array.isArray(f.values) &&
        f.values.every((v: unknown) => typeof v === 'string')
      if (!ok) return bad('filters', `filters[${i}] must be {"name": string, "values": [string]}.`)
      if (dims.includes(f.name)) filters.push({ name: f.name, values: f.values })
      else unsupportedFilters.push(f.name)
    }
  }
  let segment: string | null = null
  let unsupportedSegment: string | null = null
  if (query.segment !== undefined) {
    if (dims.includes(query.segment)) segment = query.segment
    else unsupportedSegment = query.segment
  }
  const selectors: Record<string, string> = {}
  for (const [name, s] of Object.entries(spec.selectors ?? {})) selectors[name] = s.default
  if (query.selectors !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(query.selectors)
    } catch {
      return bad('selectors', 'selectors must be a JSON object of selector names and values.')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return bad('selectors', 'selectors must be a JSON object of selector names and values.')
    for (const [name, value] of Object.entries(parsed)) {
      const selector = spec.selectors?.[name]
      if (selector === undefined) return bad('selectors', `This chart has no selector "${name}".`)
      if (typeof value !== 'string' || !selector.options.includes(value))
        return bad(
          'selectors',
          `selectors.${name} must be one of ${selector.options.join(', ')}, not ${JSON.stringify(value)}.`,
        )
      selectors[name] = value
    }
  }
  const aggregate = query.aggregate ?? []
  if (new Set(aggregate).size !== aggregate.length)
    return bad('aggregate', 'aggregate names an operation twice.')
  return {
    resolution,
    start,
    end,
    currency: query.currency ?? 'USD',
    realtime: query.realtime ?? true,
    filters,
    unsupportedFilters,
    segment,
    unsupportedSegment,
    selectors,
    aggregate,
  }
}

// ---------------------------------------------------------------------------------------------
// Computing a chart.

/** One bucket: from `start` (inclusive) to `end` (exclusive), in ms. */
export interface Bucket {
  start: number
  end: number
}

/** The buckets from the first day to the end of the last, each cut at the range's end. */
export function bucketsOf(start: number, lastDay: number, resolution: Resolution): Bucket[] {
  const stop = lastDay + DAY
  const buckets: Bucket[] = []
  let at = start
  while (at < stop && buckets.length <= MAX_BUCKETS) {
    const next = nextBoundary(at, resolution)
    buckets.push({ start: at, end: Math.min(next, stop) })
    at = next
  }
  return buckets
}

function nextBoundary(t: number, resolution: Resolution): number {
  const d = new Date(t)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  switch (resolution) {
    case 'day':
      return t + DAY
    case 'week':
      return t + 7 * DAY
    case 'month':
      return Date.UTC(y, m + 1, 1)
    case 'quarter':
      return Date.UTC(y, m - (m % 3) + 3, 1)
    case 'year':
      return Date.UTC(y + 1, 0, 1)
  }
}

/** One data point of a standard chart. */
export interface ChartPoint {
  cohort: number
  measure: number
  value: number
  incomplete: boolean
  segment?: number
}

/** A chart's data, before its wire shape. */
export interface ChartResult {
  request: ChartRequest
  /** Standard charts: points; cohort charts: rows of numbers (null: not over yet). */
  points: ChartPoint[]
  rows: Array<Array<number | null>>
  summary: Record<string, Record<string, number>>
  segments: OptionValue[] | null
  measures: readonly string[]
  lastComputedAt: number
}

/** Whether a subscription, sale or customer passes the filters and is in a segment's value. */
function dimensionOf(
  project: ProjectData,
  what: { country: string | null; store?: string; productId?: string; customerId?: string },
  dimension: string,
): string | null {
  if (dimension === 'store') return what.store ?? null
  if (dimension === 'product') return what.productId ?? null
  if (what.country !== null) return what.country
  const customer =
    what.customerId === undefined ? undefined : project.customers.get(what.customerId)
  return customer?.lastSeenCountry ?? null
}

/** Computes a chart over the request's buckets from the project's records at `now`. */
export function chartData(
  project: ProjectData,
  spec: ChartSpec,
  request: ChartRequest,
  now: number,
): ChartResult {
  const buckets = bucketsOf(request.start, request.end, request.resolution)
  const money = (usd: number) =>
    inCurrency(request.selectors.revenue_type === 'proceeds' ? usd * 0.75 : usd, request.currency)
  const passes = (what: Parameters<typeof dimensionOf>[1]) =>
    request.filters.every((f) => {
      const value = dimensionOf(project, what, f.name)
      return value !== null && f.values.includes(value)
    })
  const subs = [...project.subscriptions.values()].filter((s) => counted(s) && passes(s))
  const customers = [...project.customers.values()].filter((c) =>
    passes({ country: c.lastSeenCountry }),
  )
  // A customer chart's sales are its customers' (filtered by who they are, not by the sale).
  const memberIds = new Set(customers.map((c) => c.id))
  const sales = salesOf(project).filter((s) =>
    spec.basis === 'customers' ? memberIds.has(s.customerId) : passes(s),
  )
  const basis: Array<Parameters<typeof dimensionOf>[1]> =
    spec.basis === 'customers'
      ? customers.map((c) => ({ country: c.lastSeenCountry }))
      : spec.basis === 'sales'
        ? sales
        : subs
  const segmentValues =
    request.segment === null
      ? null
      : dimensionValues(project, request.segment).filter((v) =>
          basis.some((w) => dimensionOf(project, w, request.segment as string) === v.id),
        )
  const inSegment = (what: Parameters<typeof dimensionOf>[1], index: number | undefined) =>
    index === undefined ||
    dimensionOf(project, what, request.segment as string) === segmentValues?.[index]?.id

  const rows: Array<Array<number | null>> = []
  const points: ChartPoint[] = []
  if (spec.cohort === true) {
    rows.push(...cohortRows(spec, buckets, subs, customers, sales, now, money))
  } else {
    const segmentIndexes = segmentValues === null ? [undefined] : segmentValues.map((_, i) => i)
    for (const index of segmentIndexes) {
      const s = subs.filter((x) => inSegment(x, index))
      const c = customers.filter((x) => inSegment({ country: x.lastSeenCountry }, index))
      const ids = new Set(c.map((x) => x.id))
      const sa = sales.filter((x) =>
        spec.basis === 'customers' ? ids.has(x.customerId) : inSegment(x, index),
      )
      for (const bucket of buckets) {
        const values = bucketValues(project, spec, request, bucket, s, c, sa, now, money)
        values.forEach((value, measure) => {
          points.push({
            cohort: bucket.start,
            measure,
            value,
            incomplete: bucket.end > now,
            ...(index === undefined ? {} : { segment: index }),
          })
        })
      }
    }
  }

  const summary: Record<string, Record<string, number>> = {}
  const ops = request.aggregate.length > 0 ? request.aggregate : ['average', 'total']
  const totals = spec.measures.map((_, measure) =>
    spec.cohort === true
      ? rows.reduce((sum, row) => sum + (row[1] ?? 0), 0)
      : points.filter((p) => p.measure === measure).reduce((sum, p) => sum + p.value, 0),
  )
  const count = spec.cohort === true ? rows.length : buckets.length
  for (const op of ops) {
    summary[op] = Object.fromEntries(
      spec.measures.map((name, measure) => {
        const total = totals[measure] ?? 0
        return [name, round2(op === 'total' ? total : count === 0 ? 0 : total / count)]
      }),
    )
  }
  return {
    request,
    points: request.aggregate.length > 0 ? [] : points,
    rows: request.aggregate.length > 0 ? [] : rows,
    summary,
    segments: segmentValues,
    measures: spec.measures,
    lastComputedAt: request.realtime ? now : Math.floor(now / 3_600_000) * 3_600_000,
  }
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : round2((part / whole) * 100))

/** When a counted subscription's first paid period began, or null (never paid). */
const firstPaidAt = (sub: SubscriptionRecord) =>
  sub.transactions.find((tx) => tx.revenue.gross > 0)?.purchasedAt ?? null

/** When a subscription's trial began, or null (it had none). */
const trialAt = (sub: SubscriptionRecord) => {
  const first = sub.transactions[0]
  return first !== undefined && first.revenue.gross === 0 ? first.purchasedAt : null
}

/** The values of one bucket, measure by measure. */
function bucketValues(
  project: ProjectData,
  spec: ChartSpec,
  request: ChartRequest,
  bucket: Bucket,
  subs: SubscriptionRecord[],
  customers: CustomerRecord[],
  sales: Sale[],
  now: number,
  money: (usd: number) => number,
): number[] {
  const name = Object.entries(CHARTS).find(([, s]) => s === spec)?.[0]
  // A stock is read at the bucket's last instant, and at now for the bucket that holds now.
  const at = Math.min(bucket.end - 1, now)
  const within = (t: number | null) => t !== null && t >= bucket.start && t < bucket.end && t <= now
  const paidAt = (t: number) => subs.filter((s) => standingAt(s, t, now) === 'paid')
  const mrrAt = (t: number) => paidAt(t).reduce((sum, s) => sum + monthlyAt(project, s, t), 0)
  const churned = () =>
    subs.filter((s) => firstPaidAt(s) !== null && within(accessEndOf(s, now) ?? null))
  const newPaid = () => subs.filter((s) => within(firstPaidAt(s)))
  const newCustomers = () => customers.filter((c) => within(c.firstSeenAt))
  const revenueOf = (ids: Set<string>) =>
    sales
      .filter((s) => ids.has(s.customerId) && !s.refunded && s.at <= now)
      .reduce((sum, s) => sum + s.gross, 0)
  const days = Number((request.selectors.conversion_timeframe ?? '7_days').split('_')[0]) * DAY
  switch (name) {
    case 'actives':
      return [paidAt(at).length]
    case 'actives_new':
      return [newPaid().length]
    case 'actives_movement': {
      const added = newPaid().length
      const ended = churned().length
      return [added, ended, added - ended]
    }
    case 'arr':
      return [money(mrrAt(at) * 12)]
    case 'mrr':
      return [money(mrrAt(at))]
    case 'mrr_movement': {
      const added = newPaid().reduce((sum, s) => sum + monthlyAt(project, s, now), 0)
      const lost = churned().reduce((sum, s) => sum + monthlyAt(project, s, now), 0)
      return [money(added), money(lost), round2(money(added) - money(lost))]
    }
    case 'churn':
      return [pct(churned().length, paidAt(bucket.start).length)]
    case 'conversion_to_paying': {
      const fresh = newCustomers()
      const paying = fresh.filter((c) =>
        sales.some(
          (s) =>
            s.customerId === c.id && s.gross > 0 && s.at - c.firstSeenAt <= days && s.at <= now,
        ),
      )
      return [pct(paying.length, fresh.length)]
    }
    case 'customers_new':
      return [newCustomers().length]
    case 'customers_active':
      return [customers.filter((c) => within(seenAt(c))).length]
    case 'ltv_per_customer':
    case 'ltv_per_paying_customer': {
      const fresh = newCustomers()
      const ids = new Set(fresh.map((c) => c.id))
      const paying = fresh.filter((c) =>
        sales.some((s) => s.customerId === c.id && s.gross > 0 && !s.refunded),
      )
      const per = name === 'ltv_per_customer' ? fresh.length : paying.length
      return [per === 0 ? 0 : money(revenueOf(ids) / per)]
    }
    case 'refund_rate': {
      const made = sales.filter((s) => within(s.at))
      return [pct(made.filter((s) => s.refunded).length, made.length)]
    }
    case 'revenue': {
      const made = sales.filter((s) => within(s.at) && !s.refunded)
      return [money(made.reduce((sum, s) => sum + s.gross, 0)), made.length]
    }
    case 'subscription_status':
      return [paidAt(at).length, subs.filter((s) => standingAt(s, at, now) === 'trial').length]
    case 'trials':
      return [subs.filter((s) => standingAt(s, at, now) === 'trial').length]
    case 'trials_new':
      return [subs.filter((s) => within(trialAt(s))).length]
    case 'trials_movement': {
      const started = subs.filter((s) => within(trialAt(s))).length
      const ended = subs.filter((s) => trialAt(s) !== null && within(trialEndOf(s, now))).length
      return [started, ended, started - ended]
    }
    case 'trial_conversion_rate': {
      const started = subs.filter((s) => within(trialAt(s)))
      return [pct(started.filter((s) => firstPaidAt(s) !== null).length, started.length)]
    }
    default:
      return spec.measures.map(() => 0)
  }
}

/** When a trial ended: its first paid period, or the end of its access; null while it runs. */
function trialEndOf(sub: SubscriptionRecord, now: number): number | null {
  return firstPaidAt(sub) ?? accessEndOf(sub, now)
}

/**
 * The rows of a cohort chart, one per bucket: [cohort start, size, then one value per period
 * since], null for a period not over yet. Cohort explorer: customers first seen in the bucket and
 * their revenue per period; retention: paid subscriptions started in the bucket and the share
 * still active at the end of each period.
 */
function cohortRows(
  spec: ChartSpec,
  buckets: Bucket[],
  subs: SubscriptionRecord[],
  customers: CustomerRecord[],
  sales: Sale[],
  now: number,
  money: (usd: number) => number,
): Array<Array<number | null>> {
  const retention = spec === CHARTS.subscription_retention
  return buckets.map((bucket) => {
    const size = bucket.end - bucket.start
    const periods = buckets.length
    const row: Array<number | null> = [bucket.start]
    if (retention) {
      const cohort = subs.filter((s) => {
        const t = firstPaidAt(s)
        return t !== null && t >= bucket.start && t < bucket.end
      })
      row.push(cohort.length)
      for (let k = 0; k < periods; k++) {
        const t = bucket.start + (k + 1) * size - 1
        if (t > now) row.push(null)
        else
          row.push(
            pct(cohort.filter((s) => standingAt(s, t, now) === 'paid').length, cohort.length),
          )
      }
    } else {
      const cohort = customers.filter(
        (c) => c.firstSeenAt >= bucket.start && c.firstSeenAt < bucket.end,
      )
      const ids = new Set(cohort.map((c) => c.id))
      row.push(cohort.length)
      for (let k = 0; k < periods; k++) {
        const from = bucket.start + k * size
        const to = from + size
        if (to - 1 > now) row.push(null)
        else
          row.push(
            money(
              sales
                .filter((s) => ids.has(s.customerId) && !s.refunded && s.at >= from && s.at < to)
                .reduce((sum, s) => sum + s.gross, 0),
            ),
          )
      }
    }
    return row
  })
}
