/**
 * The Newman stages of a process, in a worker thread of their own (see newman-stage.ts): for
 * each stage it starts a sandbox of the selected APIs, runs each API's collection against it,
 * and posts progress and the results back. Newman's import and its runs then overlap the vitest
 * stage instead of following it, and its requests never wait behind the suites' on one event
 * loop. Stages run one at a time, in the order they came.
 */
import { parentPort } from 'node:worker_threads'
import { apisNamed } from '../apis/all.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import { registerSecretValues } from '../config/target-variables.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { runApiCollection } from '../newman/run-api-collection.ts'
import { redactText } from '../redact/redact.ts'
import { toRunError } from '../report/run-error.ts'
import { createSandbox } from '../sandbox/create-sandbox.ts'
import type { StageCommand, StageMessage, StageRequest, StageResult } from './newman-stage.ts'

const port = parentPort
if (port === null) throw new Error('newman-stage-worker.ts runs only as a worker thread')
const post = (message: StageMessage) => port.postMessage(message)

const aborts = new Map<number, AbortController>()
const aborted = new Set<number>()
let queue = Promise.resolve()

port.on('message', (command: StageCommand) => {
  if (command.type === 'abort') {
    aborted.add(command.id)
    aborts.get(command.id)?.abort()
    return
  }
  queue = queue.then(() => runStage(command.id, command.request))
})

async function runStage(id: number, request: StageRequest): Promise<void> {
  const apis = apisNamed(request.apis.map((a) => a.name))
  const results: StageResult[] = []
  const problems: string[] = []
  try {
    const sandbox = await createSandbox({ apis })
    try {
      const contract = loadContract({ strictExtraFields: request.strictExtraFields })
      for (const api of apis) {
        const part = request.apis.find((a) => a.name === api.name)
        if (part === undefined || aborted.has(id)) continue
        const values = sandbox.apis[api.name]?.values ?? {}
        registerSecretValues(api, values)
        const started = performance.now()
        const abort = new AbortController()
        aborts.set(id, abort)
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
          onStart: (count) => post({ id, type: 'start', api: api.name, count }),
          onItemDone: (item) => post({ id, type: 'item', api: api.name, failed: item.failed }),
        })
        const entry: StageResult = {
          api: api.name,
          records: result.records,
          runErrors: result.runErrors,
          ms: Math.round(performance.now() - started),
        }
        results.push(entry)
        post({ id, type: 'api-done', result: entry })
      }
    } finally {
      problems.push(...sandbox.selfCheck.problems.map((p) => redactText(p)))
      await sandbox.close()
    }
    post({ id, type: 'done', results, selfCheckProblems: problems })
  } catch (error) {
    post({
      id,
      type: 'done',
      results,
      selfCheckProblems: problems,
      error: toRunError('newman', error, { where: 'newman stage' }),
    })
  } finally {
    aborts.delete(id)
    aborted.delete(id)
  }
}
