/**
 * Fails when a response lacks a header its status documents as required, or carries a documented
 * header whose value is not of the documented type (an integer header that is not digits).
 */
import type { ResponseHeaderSpec } from '../../registry/types.ts'
import { type Check, type CheckContext, failure } from './types.ts'

const INTEGER = /^-?\d+$/

function problem(ctx: CheckContext, spec: ResponseHeaderSpec) {
  const value = ctx.exchange.response.headers[spec.name]
  if (value === undefined) {
    if (!spec.required) return undefined
    return failure(ctx, 'response-headers', {
      message: `required header ${spec.name} is missing`,
      pointer: `headers/${spec.name}`,
      expected: `${spec.name}: <${spec.type}>`,
      value: '(absent)',
    })
  }
  if (spec.type === 'integer' && !INTEGER.test(value.trim())) {
    return failure(ctx, 'response-headers', {
      message: `header ${spec.name} is not an integer`,
      pointer: `headers/${spec.name}`,
      expected: 'an integer',
      value: value.slice(0, 80),
    })
  }
  return undefined
}

/** Check: the headers the status documents are there (when required) and well-formed. */
export const responseHeaders: Check = {
  name: 'response-headers',
  run: (ctx) => {
    const spec = ctx.op.responses[String(ctx.exchange.response.status)]
    return (spec?.headers ?? []).flatMap((header) => {
      const found = problem(ctx, header)
      return found === undefined ? [] : [found]
    })
  },
}
