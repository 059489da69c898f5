/** The collection's purchase requests (purchases, invoices, virtual currency balances): one per operation, then its named negative variants. */
import type { RequestSpec } from '../../../collection/request-spec.ts'

/** Requests by operationId, in run order. */
export const PURCHASES_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {}
