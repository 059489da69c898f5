// Entry of the Newman stage's worker thread (newman-stage.ts): the worker loads the TypeScript
// sources through tsx, as bin/subcontract.js does for the main thread.
import { register } from 'tsx/esm/api'

register()
await import('./newman-stage-worker.ts')
