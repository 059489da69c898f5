/**
 * Applies injected faults to matched operations. Status faults answer in the API's own envelope;
 * resets and slow bodies write to the socket themselves, which only a real listener has.
 */
import type { ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context, MiddlewareHandler } from 'hono'
import type { ApiDefinition } from '../api/api-definition.ts'
import type { Operation } from '../registry/types.ts'
import type { FaultInjector } from './faults.ts'

function outgoingOf(c: Context): ServerResponse | undefined {
  return (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
}

function headersOf(res: Response, length: number): Record<string, string> {
  const out: Record<string, string> = {}
  res.headers.forEach((value, name) => {
    if (name !== 'content-length') out[name] = value
  })
  out['content-length'] = String(length)
  return out
}

/** The property an `additive` fault adds, with a string value (so maps of strings stay valid). */
export const ADDITIVE_PROPERTY = 'x_subcontract_extra'

/** Adds ADDITIVE_PROPERTY to every object in a JSON value, nested ones and array items too. */
export function addToEveryObject(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addToEveryObject)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) out[key] = addToEveryObject(child)
  out[ADDITIVE_PROPERTY] = 'added by the sandbox additive fault'
  return out
}

/** The middleware; it marks a faulted request so the self-check leaves it alone. */
export function createFaultMiddleware(
  api: ApiDefinition,
  faults: FaultInjector,
): MiddlewareHandler {
  return async (c, next) => {
    const op = c.get('op') as Operation | undefined
    const rule = op === undefined ? undefined : faults.pick(op.operationId)
    if (rule === undefined) return next()
    c.set('fault', rule.kind)
    const message = `Injected fault: ${rule.kind} (sandbox fault injection).`
    switch (rule.kind) {
      case 'latency':
        await delay(rule.delayMs ?? 1000, undefined, { ref: false })
        return next()
      case '429':
        return api.errors.respond(
          c,
          { kind: 'rate-limited', message, retryAfterSeconds: rule.retryAfterSeconds ?? 1 },
          op,
        )
      case '503':
        return api.errors.respond(c, { kind: 'unavailable', message }, op)
      case 'reset': {
        const out = outgoingOf(c)
        if (out === undefined)
          throw new Error('a reset fault needs a real listener (createSandbox), not app.request()')
        out.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' })
        out.write('{"subcontract_fault":"reset')
        out.socket?.destroy()
        return RESPONSE_ALREADY_SENT
      }
      case 'truncate': {
        await next()
        const text = await c.res.text()
        const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
        c.res = new Response(cut, {
          status: c.res.status,
          headers: headersOf(c.res, Buffer.byteLength(cut)),
        })
        return
      }
      case 'malformed': {
        await next()
        const text = '<html><body>502 Bad Gateway</body></html>'
        c.res = new Response(text, {
          status: c.res.status,
          headers: headersOf(c.res, Buffer.byteLength(text)),
        })
        return
      }
      case 'additive': {
        await next()
        let json: unknown
        try {
          json = JSON.parse(await c.res.clone().text())
        } catch {
          return // not JSON (an empty 204, say): nothing to add to
        }
        const added = JSON.stringify(addToEveryObject(json))
        c.res = new Response(added, {
          status: c.res.status,
          headers: headersOf(c.res, Buffer.byteLength(added)),
        })
        return
      }
      case 'slow-body': {
        await next()
        const out = outgoingOf(c)
        if (out === undefined)
          throw new Error('a slow-body fault needs a real listener (createSandbox)')
        const text = await c.res.text()
        const half = Math.floor(text.length / 2)
        out.writeHead(c.res.status, headersOf(c.res, Buffer.byteLength(text)))
        out.write(text.slice(0, half))
        await delay(rule.delayMs ?? 5000, undefined, { ref: false })
        if (!out.destroyed) out.end(text.slice(half))
        return RESPONSE_ALREADY_SENT
      }
    }
  }
}
