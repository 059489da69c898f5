/**
 * The Newman stage of a local run, in a worker thread of its own (see newman-stage.ts): it
 * starts its own sandbox of the selected APIs, runs each API's collection against it, and posts
 * progress and the results back. Newman's import and its run then overlap the vitest stage
 * instead of following it, and its requests never wait behind the suites' on one event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { apisNamed } from '../apis/all.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { runApiCollection } from '../newman/run-api-collection.ts'
import { redactText, registerSecret } from '../redact/redact.ts'
import { toRunError } from '../report/run-error.ts'
import { createSandbox } from '../sandbox/create-sandbox.ts'
import type { StageMessage, StageRequest, StageResult } from './newman-stage.ts'

const request = workerData as StageRequest
const port = parentPort
if (port === null) throw new Error('newman-stage-worker.ts runs only as a worker thread')
const post = (message: StageMessage) => port.postMessage(message)

let abort: AbortController | undefined
let aborted = false
port.on('message', (message: { type: string }) => {
  if (message.type !== 'abort') return
  aborted = true
  abort?.abort()
})

const apis = apisNamed(request.apis.map((a) => a.name))
const results: StageResult[] = []
const problems: string[] = []
try {
  const sandbox = await createSandbox({ apis })
  try {
    const contract = loadContract({ strictExtraFields: request.strictExtraFields })
    for (const api of apis) {
      const part = request.apis.find((a) => a.name === api.name)
      if (part === undefined || aborted) continue
      const values = sandbox.apis[api.name]?.values ?? {}
      for (const variable of api.target.variables)
        if (variable.secret === true && values[variable.name] !== undefined)
          registerSecret(values[variable.name] as string)
      const started = performance.now()
      abort = new AbortController()
      const result = await runApiCollection({
        api,
        collection: part.collection as PostmanCollection,
        environmentValues: values,
        runId: request.runId,
        operationIds: new Set(part.operationIds),
        ...(part.units === undefined ? {} : { units: new Set(part.units) }),
        contract,
        signal: abort.signal,
        ...(request.bail === undefined ? {} : { bail: request.bail }),
        onStart: (count) => post({ type: 'start', api: api.name, count }),
        onItemDone: (item) => post({ type: 'item', api: api.name, failed: item.failed }),
      })
      const entry: StageResult = {
        api: api.name,
        records: result.records,
        runErrors: result.runErrors,
        ms: Math.round(performance.now() - started),
      }
      results.push(entry)
      post({ type: 'api-done', result: entry })
    }
  } finally {
    problems.push(...sandbox.selfCheck.problems.map((p) => redactText(p)))
    await sandbox.close()
  }
  post({ type: 'done', results, selfCheckProblems: problems })
} catch (error) {
  post({
    type: 'done',
    results,
    selfCheckProblems: problems,
    error: toRunError('newman', error, { where: 'newman stage' }),
  })
}
