/**
 * One-time purchases and invoices, free of HTTP: a customer's purchases (by environment), the
 * search by store identifier, the refund of a Web Billing purchase, and an invoice's file. Each
 * returns the records asked for or the failure the route answers with.
 */
import { isFailure, type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import {
  type CustomerRecord,
  type Environment,
  type InvoiceRecord,
  type ProjectData,
  type PurchaseRecord,
  purchasesOf,
} from './model.ts'

/** The spec's limit of an `invoice_id` path parameter. */
export const INVOICE_ID_MAX_LENGTH = 1500

/** Where the sandbox says an invoice's file is: a host that never resolves (`.invalid`). */
export const INVOICE_FILE_ORIGIN = 'https://invoices.sandbox.subcontract.invalid'

/** A customer's purchases, oldest first, only those of `environment` when it is given. */
export function customerPurchases(
  project: ProjectData,
  customerId: string,
  environment?: Environment,
): PurchaseRecord[] {
  const all = purchasesOf(project, customerId)
  return environment === undefined ? all : all.filter((p) => p.environment === environment)
}

/** The project's purchases whose store identifier is exactly `identifier` (none, or one). */
export function searchPurchases(project: ProjectData, identifier: string): PurchaseRecord[] {
  return [...project.purchases.values()].filter((p) => p.storePurchaseIdentifier === identifier)
}

/**
 * Refunds a Web Billing purchase: it is `refunded` from now on, so the entitlements it unlocked
 * leave the customer's active entitlements (views.ts only counts owned purchases). A purchase of
 * another store (refunded through that store) or one refunded already is 422
 * `unprocessable_entity_error`, and nothing changes.
 */
export function refundPurchase(purchase: PurchaseRecord): PurchaseRecord | RevenueCatFailure {
  if (purchase.store !== 'rc_billing')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Purchase "${purchase.id}" was made in ${purchase.store}, not Web Billing: refund it through that store.`,
    )
  if (purchase.status === 'refunded')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Purchase "${purchase.id}" is refunded already.`,
    )
  purchase.status = 'refunded'
  return purchase
}

/** A customer's invoice by id; 404 `resource_missing` when it has none of that id. */
export function findInvoice(
  customer: CustomerRecord,
  invoiceId: string,
): InvoiceRecord | RevenueCatFailure {
  const invoice = customer.invoices.find((i) => i.id === invoiceId)
  return (
    invoice ??
    revenuecatFailure(
      404,
      'resource_missing',
      `Customer "${customer.id}" has no invoice "${invoiceId}".`,
    )
  )
}

/**
 * Where an invoice's PDF can be downloaded: an address of its own under INVOICE_FILE_ORIGIN. An
 * invoice that is not paid yet has no file (its `invoice_url` is null): 404 `resource_missing`.
 */
export function invoiceFileUrl(
  projectId: string,
  customer: CustomerRecord,
  invoiceId: string,
): string | RevenueCatFailure {
  const invoice = findInvoice(customer, invoiceId)
  if (isFailure(invoice)) return invoice
  if (invoice.paidAt === null)
    return revenuecatFailure(
      404,
      'resource_missing',
      `Invoice "${invoice.id}" is not paid yet, so it has no file.`,
    )
  return `${INVOICE_FILE_ORIGIN}/${encodeURIComponent(projectId)}/${encodeURIComponent(invoice.id)}.pdf`
}
