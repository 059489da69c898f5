/**
 * Virtual currency definitions of a project's catalog, free of HTTP: create, update, delete
 * (S-36). The customers' balances of them are virtual-currency.ts. A code is unique in its project
 * (409 `resource_already_exists` on `code`, compared exactly, as the path looks it up). Product
 * grants must name products of the project (404 on the product's place in the body), and a product
 * grants one currency once (a product in two grants of one currency is 422). Deleting a currency
 * takes its balances from every customer, so a currency made again with that code starts at 0.
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type {
  ProjectData,
  VirtualCurrencyProductGrantRecord,
  VirtualCurrencyRecord,
} from './model.ts'
import { removeFrom } from './model.ts'

/** A code the spec allows (`^[a-zA-Z0-9_]+$`, 1 to 10 characters). */
export const CURRENCY_CODE = /^[a-zA-Z0-9_]{1,10}$/

/** A product grant as the request gives it (VirtualCurrencyProductGrantInput). */
export interface ProductGrantInput {
  product_ids: string[]
  amount: number
  trial_amount?: number | null
  expire_at_cycle_end?: boolean | null
}

export interface CurrencyInput {
  name?: string
  description?: string | null
  product_grants?: ProductGrantInput[] | null
}

/** The grants of a request, checked against the project's products. */
function productGrants(
  project: ProjectData,
  input: readonly ProductGrantInput[],
): VirtualCurrencyProductGrantRecord[] | RevenueCatFailure {
  const seen = new Set<string>()
  for (const [i, grant] of input.entries())
    for (const [j, id] of grant.product_ids.entries()) {
      if (!project.products.has(id))
        return revenuecatFailure(
          404,
          'resource_missing',
          `Product "${id}" does not exist in this project.`,
          `product_grants.${i}.product_ids.${j}`,
        )
      if (seen.has(id))
        return revenuecatFailure(
          422,
          'unprocessable_entity_error',
          `Product "${id}" is in more than one grant: a product grants a currency once.`,
          'product_grants',
        )
      seen.add(id)
    }
  return input.map((grant) => ({
    productIds: [...grant.product_ids],
    amount: grant.amount,
    trialAmount: grant.trial_amount ?? 0,
    expireAtCycleEnd: grant.expire_at_cycle_end ?? false,
  }))
}

/** Creates a currency; its code must be new to the project. */
export function createCurrency(
  project: ProjectData,
  input: CurrencyInput & { code: string; name: string },
  now: number,
): VirtualCurrencyRecord | RevenueCatFailure {
  if (project.virtualCurrencies.has(input.code))
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `A virtual currency with code "${input.code}" already exists.`,
      'code',
    )
  const grants = productGrants(project, input.product_grants ?? [])
  if (!Array.isArray(grants)) return grants
  const currency: VirtualCurrencyRecord = {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    createdAt: now,
    productGrants: grants,
  }
  project.virtualCurrencies.set(currency.code, currency)
  return currency
}

/**
 * Changes what the body gives: a name, a description (null removes it), the product grants (the
 * list replaces them; null removes them all). A field left out stays as it was.
 */
export function updateCurrency(
  project: ProjectData,
  currency: VirtualCurrencyRecord,
  input: CurrencyInput,
): VirtualCurrencyRecord | RevenueCatFailure {
  let grants: VirtualCurrencyProductGrantRecord[] | undefined
  if (input.product_grants !== undefined) {
    const checked = productGrants(project, input.product_grants ?? [])
    if (!Array.isArray(checked)) return checked
    grants = checked
  }
  if (input.name !== undefined) currency.name = input.name
  if (input.description !== undefined) currency.description = input.description
  if (grants !== undefined) currency.productGrants = grants
  return currency
}

/** Deletes a currency and every customer's balance of it. */
export function deleteCurrency(project: ProjectData, currency: VirtualCurrencyRecord): void {
  removeFrom(project, project.virtualCurrencies, currency.code)
  for (const customer of project.customers.values()) customer.balances.delete(currency.code)
}
