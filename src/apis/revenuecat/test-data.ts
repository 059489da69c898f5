/**
 * What a RevenueCat run creates on a remote target, and how it is removed (ApiDefinition.testData):
 * the run ledger records a reference before the creating request leaves, and the teardown (or
 * `cleanup`) deletes it through the API.
 *
 * - A customer: `<project_id>/<customer_id>`; its id is the run's (`subcontract-<run>-…`).
 * - A configuration object: `<project_id>/@<kind>/<label>`, or for a package
 *   `<project_id>/@package/<offering_id>/<label>`. Its id is the server's, unknown before the
 *   answer, so the ledger keys it by the run-scoped name the test gave it (an app's `name`, a
 *   product's `store_identifier`, an entitlement's, offering's or package's `lookup_key`, a
 *   webhook's or virtual currency's `name`), and removal finds it by that name in its list.
 *
 * Removal goes in reverse order of references (`order`): webhooks and packages, then offerings
 * (with their paywalls, which carry no name of their own), entitlements and currencies, products,
 * apps. A project cannot be deleted through the API, so create-project records nothing (its test
 * is sandbox-only).
 */
import type { CreatedInput, TestDataClient } from '../../api/api-definition.ts'

type Kind = 'app' | 'product' | 'entitlement' | 'offering' | 'package' | 'webhook' | 'currency'

/** How each kind is named at creation, found in its list, and deleted. */
interface KindSpec {
  create: string
  /** The body field that carries the run-scoped label. */
  labelField: string
  list: string
  /** The item field the label is found in (the same name on the wire). */
  itemField: string
  /** The delete operation and the path parameter its id goes in. */
  remove: { operationId: string; param: string; idField: string }
  /** Removal rank: lower goes first. */
  rank: number
}

const KINDS: Readonly<Record<Kind, KindSpec>> = {
  webhook: {
    create: 'create-webhook-integration',
    labelField: 'name',
    list: 'list-webhook-integrations',
    itemField: 'name',
    remove: {
      operationId: 'delete-webhook-integration',
      param: 'webhook_integration_id',
      idField: 'id',
    },
    rank: 1,
  },
  package: {
    create: 'create-packages',
    labelField: 'lookup_key',
    list: 'list-packages',
    itemField: 'lookup_key',
    remove: { operationId: 'delete-package-from-offering', param: 'package_id', idField: 'id' },
    rank: 1,
  },
  offering: {
    create: 'create-offering',
    labelField: 'lookup_key',
    list: 'list-offerings',
    itemField: 'lookup_key',
    remove: { operationId: 'delete-offering', param: 'offering_id', idField: 'id' },
    rank: 2,
  },
  entitlement: {
    create: 'create-entitlement',
    labelField: 'lookup_key',
    list: 'list-entitlements',
    itemField: 'lookup_key',
    remove: { operationId: 'delete-entitlement', param: 'entitlement_id', idField: 'id' },
    rank: 3,
  },
  currency: {
    create: 'create-virtual-currency',
    labelField: 'name',
    list: 'list-virtual-currencies',
    itemField: 'name',
    remove: {
      operationId: 'delete-virtual-currency',
      param: 'virtual_currency_code',
      idField: 'code',
    },
    rank: 3,
  },
  product: {
    create: 'create-product',
    labelField: 'store_identifier',
    list: 'list-products',
    itemField: 'store_identifier',
    remove: { operationId: 'delete-product', param: 'product_id', idField: 'id' },
    rank: 4,
  },
  app: {
    create: 'create-app',
    labelField: 'name',
    list: 'list-apps',
    itemField: 'name',
    remove: { operationId: 'delete-app', param: 'app_id', idField: 'id' },
    rank: 5,
  },
}

const KIND_OF_CREATE = new Map(
  (Object.entries(KINDS) as Array<[Kind, KindSpec]>).map(([kind, spec]) => [spec.create, kind]),
)

/** The ledger reference of what a successful call creates, if it creates anything. */
export function createdBy(operationId: string, input: CreatedInput): string | undefined {
  const project = input.path.project_id
  if (typeof project !== 'string') return undefined
  const body = (input.body ?? {}) as Record<string, unknown>
  if (operationId === 'create-customer')
    return typeof body.id === 'string' ? `${project}/${body.id}` : undefined
  const kind = KIND_OF_CREATE.get(operationId)
  if (kind === undefined) return undefined
  const label = body[KINDS[kind].labelField]
  if (typeof label !== 'string' || label.includes('/')) return undefined
  if (kind === 'package') {
    const offering = input.path.offering_id
    return typeof offering === 'string' ? `${project}/@package/${offering}/${label}` : undefined
  }
  return `${project}/@${kind}/${label}`
}

interface ConfigRef {
  project: string
  kind: Kind
  /** The offering of a package. */
  offering?: string
  label: string
}

function parseConfig(ref: string): ConfigRef | undefined {
  const parts = ref.split('/')
  const kind = parts[1]?.startsWith('@') ? (parts[1].slice(1) as Kind) : undefined
  if (kind === undefined || !(kind in KINDS)) return undefined
  const [project, , ...rest] = parts
  if (kind === 'package' && rest.length === 2)
    return {
      project: project as string,
      kind,
      offering: rest[0] as string,
      label: rest[1] as string,
    }
  if (kind !== 'package' && rest.length === 1)
    return { project: project as string, kind, label: rest[0] as string }
  return undefined
}

/** Removal rank of a reference: customers first, then configuration in reverse reference order. */
export function order(ref: string): number {
  const config = parseConfig(ref)
  return config === undefined ? 0 : KINDS[config.kind].rank
}

/** How many pages removal reads of one list before it gives up looking for a name. */
const MAX_PAGES = 50

type Item = Record<string, unknown>

/** The items of a list whose `field` is `value`, reading page after page. */
async function findAll(
  client: TestDataClient,
  operationId: string,
  path: Record<string, string>,
  match: (item: Item) => boolean,
): Promise<Item[] | { failed: string; status: number }> {
  const found: Item[] = []
  let startingAfter: string | undefined
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: Record<string, string> = { limit: '100' }
    if (startingAfter !== undefined) query.starting_after = startingAfter
    const res = await client.call(operationId, { path, query })
    if (res.response.status !== 200)
      return {
        failed: `${operationId} answered ${res.response.status}`,
        status: res.response.status,
      }
    const list = res.response.json as { items?: Item[]; next_page?: string | null } | undefined
    const items = list?.items ?? []
    found.push(...items.filter(match))
    const last = items.at(-1)
    if (list?.next_page == null || last === undefined) return found
    startingAfter = String(last.id ?? last.code)
  }
  return found
}

async function removeConfig(
  client: TestDataClient,
  ref: ConfigRef,
): Promise<'removed' | 'gone' | { failed: string }> {
  const spec = KINDS[ref.kind]
  const listPath: Record<string, string> = { project_id: ref.project }
  if (ref.offering !== undefined) listPath.offering_id = ref.offering
  const found = await findAll(
    client,
    spec.list,
    listPath,
    (item) => item[spec.itemField] === ref.label,
  )
  // A package whose offering is gone went with it (S-40): its list is 404.
  if (!Array.isArray(found) && ref.offering !== undefined && found.status === 404) return 'gone'
  if (!Array.isArray(found)) return { failed: found.failed }
  if (found.length === 0) return 'gone'
  for (const item of found) {
    const id = String(item[spec.remove.idField])
    if (ref.kind === 'offering') {
      // A paywall shows one offering and has no name of its own: it goes with its offering.
      const paywalls = await findAll(
        client,
        'list-paywalls',
        { project_id: ref.project },
        (p) => p.offering_id === id,
      )
      if (!Array.isArray(paywalls)) return { failed: paywalls.failed }
      for (const paywall of paywalls) {
        const res = await client.call('delete-paywall', {
          path: { project_id: ref.project, paywall_id: String(paywall.id) },
        })
        if (res.response.status !== 200 && res.response.status !== 404)
          return { failed: `delete-paywall answered ${res.response.status}` }
      }
    }
    const res = await client.call(spec.remove.operationId, {
      path: { project_id: ref.project, [spec.remove.param]: id },
    })
    if (res.response.status !== 200 && res.response.status !== 404)
      return { failed: `${spec.remove.operationId} answered ${res.response.status}` }
  }
  return 'removed'
}

/** Removes one recorded reference through the API. */
export async function remove(
  client: TestDataClient,
  ref: string,
): Promise<'removed' | 'gone' | { failed: string }> {
  const config = parseConfig(ref)
  if (config !== undefined) return removeConfig(client, config)
  // `<project_id>/<customer_id>`: a project id has no slash, a customer id may.
  const slash = ref.indexOf('/')
  const project_id = ref.slice(0, slash)
  const customer_id = ref.slice(slash + 1)
  const res = await client.call('delete-customer', { path: { project_id, customer_id } })
  if (res.response.status === 200) return 'removed'
  if (res.response.status === 404) return 'gone'
  return { failed: `status ${res.response.status}` }
}
