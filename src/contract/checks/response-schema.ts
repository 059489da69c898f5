/** Validates the JSON body against the schema documented for the received status. */
import { preview } from '../../redact/redact.ts'
import { type Check, failure } from './types.ts'

function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '') return body
  let node: unknown = body
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

function describeExpected(
  keyword: string,
  params: Record<string, unknown>,
  message?: string,
): string {
  if (keyword === 'required') return `property "${String(params.missingProperty)}" to be present`
  if (keyword === 'enum') return `one of ${JSON.stringify(params.allowedValues)}`
  if (keyword === 'type') return `type ${String(params.type)}`
  if (keyword === 'format') return `format ${String(params.format)}`
  if (keyword === 'unevaluatedProperties') {
    return `no property "${String(params.unevaluatedProperty)}" (strict extra-field mode)`
  }
  return message ?? keyword
}

/** Check: the body validates against the schema of the received status. */
export const responseSchema: Check = {
  name: 'response-schema',
  run: (ctx) => {
    const spec = ctx.op.responses[String(ctx.exchange.response.status)]
    const { json } = ctx.exchange.response
    if (spec?.kind !== 'json' || json === undefined) return []
    return ctx.contract.errors(ctx.op.api, spec.schema, json).map((error) => {
      const pointer =
        error.keyword === 'required'
          ? `${error.instancePath}/${String(error.params.missingProperty)}`
          : error.instancePath
      return failure(ctx, 'response-schema', {
        message: `${spec.schema}: ${error.instancePath === '' ? 'body' : error.instancePath} ${error.message ?? 'is invalid'}`,
        pointer,
        keyword: error.keyword,
        expected: describeExpected(error.keyword, error.params, error.message),
        value: error.keyword === 'required' ? 'absent' : preview(valueAt(json, error.instancePath)),
      })
    })
  },
}
