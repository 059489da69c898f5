/**
 * Our choices on top of the schemas derived from RevenueCat's spec. Every id here has a section
 * in fixtures/schemas/revenuecat/DECISIONS.md that explains the reason.
 */
import type { SchemaDecision } from '../../contract/derive/schema-decision.ts'

/** The ordered list of RevenueCat schema decisions, applied after derivation. */
export const REVENUECAT_SCHEMA_DECISIONS: readonly SchemaDecision[] = []
