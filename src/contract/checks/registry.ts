/** The check registry: every contract check, in the order failures are reported. */
import { bodyPresence } from './body-presence.ts'
import { contentType } from './content-type.ts'
import { responseHeaders } from './response-headers.ts'
import { responseSchema } from './response-schema.ts'
import { statusDocumented } from './status-documented.ts'
import type { Check } from './types.ts'

/** Ordered, read-only list of checks run on every exchange by every runner. */
export const CHECKS: readonly Check[] = [
  statusDocumented,
  contentType,
  bodyPresence,
  responseSchema,
  responseHeaders,
]
