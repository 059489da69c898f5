/** The collection's access requests (granted and active entitlements, subscriptions): one per operation, then its named negative variants. */
import type { RequestSpec } from '../../../collection/request-spec.ts'

/** Requests by operationId, in run order. */
export const ACCESS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {}
