/** The process that owns a run's ledger entries, so cleanup can leave a live run alone. */
export interface LedgerOwner {
  pid: number
  hostname: string
  /** When the owning process started (ISO). */
  startedAt: string
}

/** One thing a run created (an Adapty test profile, a RevenueCat customer), as the ledger records it. */
export interface LedgerEntry {
  runId: string
  /** The API it was created through. */
  api: string
  /** The target's origin (scheme, host, port), so cleanup only touches the target it was made on. */
  origin: string
  /** What the API's testData.remove takes (Adapty: the customer user id). */
  id: string
  createdAt: string
  /** The run's owning process (absent in ledgers written before owners were recorded). */
  owner?: LedgerOwner
}
