import { describe, expect, it } from 'vitest'
import { flatErrors } from './errors.ts'
import type { AdaptyFailure } from './state/store.ts'

const failure = (status: number, source: string | null): AdaptyFailure => ({
  status,
  errorCode: 'x',
  errors: [{ source, messages: ['m'] }],
})

describe('flatErrors (A-02: the shape of the vendor’s own examples)', () => {
  it('flattens the newer endpoints’ errors that name no field', () => {
    expect(flatErrors('getIntegrationIdentifiers', failure(404, null))).toBe(true)
    expect(flatErrors('setRefundSaverSettings', failure(400, 'non_field_errors'))).toBe(true)
    expect(flatErrors('validatePaddlePurchase', failure(401, 'non_field_errors'))).toBe(true)
  })

  it('keeps an error that names a field an object, so the field stays named', () => {
    expect(flatErrors('setRefundSaverSettings', failure(400, 'custom_preference'))).toBe(false)
    expect(flatErrors('validatePaddlePurchase', failure(400, 'paddle_token'))).toBe(false)
  })

  it('flattens only the 401 of the paywalls, and nothing of the endpoints documented with objects', () => {
    expect(flatErrors('getPaywall', failure(401, 'non_field_errors'))).toBe(true)
    expect(flatErrors('getPaywall', failure(404, null))).toBe(false)
    expect(flatErrors('getProfile', failure(401, 'non_field_errors'))).toBe(false)
    expect(flatErrors('createVirtualCurrencyTransaction', failure(403, null))).toBe(false)
    expect(flatErrors(undefined, failure(404, null))).toBe(false)
  })
})
