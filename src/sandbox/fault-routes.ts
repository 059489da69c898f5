/** /__sandbox/faults: list, add and clear injected faults at run time (sandbox only). */
import { Hono } from 'hono'
import type { SandboxEnv } from '../api/api-definition.ts'
import { isHarnessError } from '../errors.ts'
import { type FaultInjector, parseFaultRule } from './faults.ts'

/** The fault control routes. */
export function createFaultRoutes(faults: FaultInjector): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>()
  routes.get('/', (c) => c.json({ rules: faults.list() }))
  routes.post('/', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { rules?: unknown } | undefined
    const rules = Array.isArray(body?.rules) ? body.rules : [body]
    try {
      const parsed = rules.map((rule) => parseFaultRule(rule, faults.operationIds))
      for (const rule of parsed) faults.add(rule)
      return c.json({ rules: faults.list() })
    } catch (error) {
      if (!isHarnessError(error)) throw error
      return c.json({ error: error.message, hint: error.hint }, 400)
    }
  })
  routes.delete('/', (c) => {
    faults.clear()
    return c.json({ rules: [] })
  })
  return routes
}
