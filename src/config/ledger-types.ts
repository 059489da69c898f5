/** One created test profile, as the run ledger records it. */
export interface LedgerEntry {
  runId: string
  /** The target's origin (scheme, host, port), so cleanup only touches the target it was made on. */
  origin: string
  customerUserId: string
  createdAt: string
}
