/**
 * The requests of the RevenueCat Postman collection, one folder per tag: each operation's own
 * requests (`<operationId>` and its named negative variants, from requests/<area>.ts), then its
 * `<operationId>: no auth` variant. Customer is the last folder, and its delete-customer request
 * removes the run's test customer (created by the collection's pre-request script) at the end.
 * The registry supplies method and path, so nothing here repeats a URL.
 */
import type { RequestFolder, RequestSpec } from '../../collection/request-spec.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'
import { ACCESS_REQUESTS } from './requests/access.ts'
import { APPS_REQUESTS } from './requests/apps.ts'
import { BLOCKED_REQUESTS } from './requests/blocked.ts'
import { CHARTS_REQUESTS } from './requests/charts.ts'
import { CUSTOMERS_REQUESTS } from './requests/customers.ts'
import { ENTITLEMENTS_REQUESTS } from './requests/entitlements.ts'
import { INTEGRATIONS_REQUESTS } from './requests/integrations.ts'
import { OFFERINGS_REQUESTS } from './requests/offerings.ts'
import { PAYWALLS_REQUESTS } from './requests/paywalls.ts'
import { PRODUCTS_REQUESTS } from './requests/products.ts'
import { PROJECTS_REQUESTS } from './requests/projects.ts'
import { PURCHASES_REQUESTS } from './requests/purchases.ts'
import { noAuth } from './requests/shared.ts'
import { VIRTUAL_CURRENCIES_REQUESTS } from './requests/virtual-currencies.ts'

const OWN: Readonly<Record<string, readonly RequestSpec[]>> = {
  ...ACCESS_REQUESTS,
  ...PURCHASES_REQUESTS,
  // Before CUSTOMERS_REQUESTS: block-customer needs the test customer delete-customer removes.
  ...BLOCKED_REQUESTS,
  ...CUSTOMERS_REQUESTS,
  ...CHARTS_REQUESTS,
  ...ENTITLEMENTS_REQUESTS,
  ...VIRTUAL_CURRENCIES_REQUESTS,
  ...INTEGRATIONS_REQUESTS,
  ...PROJECTS_REQUESTS,
  ...APPS_REQUESTS,
  ...PRODUCTS_REQUESTS,
  ...OFFERINGS_REQUESTS,
  ...PAYWALLS_REQUESTS,
}

/** Tags in the order the spec first uses them, with Customer moved last (see above). */
const TAGS = [...new Set(REVENUECAT_OPERATIONS.map((op) => op.tag))].sort(
  (a, b) => Number(a === 'Customer') - Number(b === 'Customer'),
)

/** The operations of a tag in run order: those with own requests as listed, then the others. */
function requestsOf(tag: string): RequestSpec[] {
  const ops = REVENUECAT_OPERATIONS.filter((op) => op.tag === tag)
  const listed = Object.keys(OWN)
  const ordered = [...ops].sort((a, b) => {
    const [ia, ib] = [listed.indexOf(a.operationId), listed.indexOf(b.operationId)]
    return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib)
  })
  return ordered.flatMap((op) => [...(OWN[op.operationId] ?? []), noAuth(op)])
}

/** Requests by folder. */
export const REVENUECAT_REQUESTS: readonly RequestFolder[] = TAGS.map((tag) => ({
  tag,
  requests: requestsOf(tag),
}))
