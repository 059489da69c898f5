import { describe, expect, it } from 'vitest'
import type { Operation } from '../../../registry/types.ts'
import { forbiddenMessage, grants, isScope, missingScopes } from './permissions.ts'

function op(operationId: string, scopes: string[]): Operation {
  return {
    api: 'revenuecat',
    operationId,
    method: 'POST',
    path: '/projects/{project_id}/x',
    tag: 'Customer',
    summary: 'x',
    safety: 'write',
    labels: [],
    scopes,
    rateLimitDomain: 'customer_information',
    headers: [],
    query: [],
    pathParams: ['project_id'],
    responses: {},
  }
}

const CUSTOMERS_RW = 'customer_information:customers:read_write'
const CUSTOMERS_R = 'customer_information:customers:read'

describe('RevenueCat permissions', () => {
  it('lets read_write grant read, and not the other way round', () => {
    expect(grants(new Set([CUSTOMERS_RW]), CUSTOMERS_R)).toBe(true)
    expect(grants(new Set([CUSTOMERS_RW]), CUSTOMERS_RW)).toBe(true)
    expect(grants(new Set([CUSTOMERS_R]), CUSTOMERS_R)).toBe(true)
    expect(grants(new Set([CUSTOMERS_R]), CUSTOMERS_RW)).toBe(false)
  })

  it('grants nothing across resources or domains', () => {
    const held = new Set(['customer_information:purchases:read_write'])
    expect(grants(held, CUSTOMERS_R)).toBe(false)
    expect(grants(held, 'project_configuration:purchases:read')).toBe(false)
  })

  it('needs every scope of an operation that lists several', () => {
    const assign = op('assign-customer-offering', [
      'project_configuration:offerings:read',
      CUSTOMERS_RW,
    ])
    expect(missingScopes(new Set([CUSTOMERS_RW]), assign)).toEqual([
      'project_configuration:offerings:read',
    ])
    expect(
      missingScopes(new Set([CUSTOMERS_RW, 'project_configuration:offerings:read_write']), assign),
    ).toEqual([])
    expect(missingScopes(new Set(), assign)).toEqual(assign.scopes)
  })

  it('needs nothing for an operation without scopes', () => {
    expect(missingScopes(new Set(), op('x', []))).toEqual([])
  })

  it('names the missing scopes and the operation in the message', () => {
    expect(forbiddenMessage(op('create-customer', []), [CUSTOMERS_RW])).toBe(
      `This API key lacks the permission ${CUSTOMERS_RW}, which create-customer needs.`,
    )
    expect(forbiddenMessage(op('t', []), ['a:b:read', 'c:d:read'])).toContain(
      'permissions a:b:read, c:d:read',
    )
  })

  it('recognises well-formed scopes only', () => {
    expect(isScope(CUSTOMERS_RW)).toBe(true)
    expect(isScope('charts_metrics:overview:read')).toBe(true)
    expect(isScope('customer_information:customers:write')).toBe(false)
    expect(isScope('customers:read')).toBe(false)
  })
})
