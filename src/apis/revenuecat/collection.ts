/**
 * What RevenueCat's Postman collection is built from besides its registry:
 * `buildCollection(revenuecat, REVENUECAT_COLLECTION)` writes
 * collections/revenuecat.postman_collection.json.
 */
import type { CollectionSource } from '../../collection/request-spec.ts'
import { REVENUECAT_REQUESTS } from './requests.ts'

/** RevenueCat's collection: its requests, and no collection-level script (nothing to set up). */
export const REVENUECAT_COLLECTION: CollectionSource = {
  info: {
    _postman_id: 'a0c5a7b2-4ec0-4885-bdfe-5701ec490b37',
    name: 'RevenueCat REST API v2 (subcontract)',
    description:
      'Written by subcontract from its operation registry. One folder per tag and, for now, one request per operation that sends no key and expects 401 authentication_error. Run it with environments/revenuecat.local.postman_environment.json against `npm run sandbox`, or fill environments/revenuecat.remote.postman_environment.json.',
  },
  folders: REVENUECAT_REQUESTS,
}

/** Variables the collection sets itself while it runs: none yet. */
export const REVENUECAT_RUNTIME_VARIABLES: Readonly<Record<string, string>> = {}
