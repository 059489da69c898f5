/** The process that owns a run's ledger entries, so cleanup can leave a live run alone. */
export interface LedgerOwner {
  pid: number
  hostname: string
  /** When the owning process started (ISO). */
  startedAt: string
}

/** One created test profile, as the run ledger records it. */
export interface LedgerEntry {
  runId: string
  /** The target's origin (scheme, host, port), so cleanup only touches the target it was made on. */
  origin: string
  customerUserId: string
  createdAt: string
  /** The run's owning process (absent in ledgers written before owners were recorded). */
  owner?: LedgerOwner
}
