import { describe, expect, it } from 'vitest'
import {
  createTestProduct,
  deleteTestProduct,
  existingApp,
  productPath,
  STORE_APP_TYPES,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
  projectPath,
  runLabel,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-product'
const api = useTarget('revenuecat')

describe(op, () => {
  it('deletes a product, which get-product then does not find [delete-product]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const product = await createTestProduct(api, app.id)
    const res = await api.call(op, { path: productPath(api, product.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({
      object: 'product',
      id: product.id,
      deleted_at: expect.any(Number),
    })
    await expectMissing(api, 'get-product', { path: productPath(api, product.id) })
  })

  it('returns 422 unprocessable_entity_error while an entitlement holds it [delete-product: attached]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const product = await createTestProduct(api, app.id)
    const lookupKey = runLabel(api)
    const created = await api.call('create-entitlement', {
      path: projectPath(api),
      body: { lookup_key: lookupKey, display_name: 'Subcontract test' },
    })
    expect(created).toMatchContract(201)
    const entitlement = bodyOf<{ id: string }>(created)
    const entitlementPath = { ...projectPath(api), entitlement_id: entitlement.id }
    try {
      const attached = await api.call('attach-products-to-entitlement', {
        path: entitlementPath,
        body: { product_ids: [product.id] },
      })
      expect(attached).toMatchContract(200)
      const res = await api.call(op, { path: productPath(api, product.id) })
      expect(res).toMatchContract(422)
      expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
      expect(await api.call('get-product', { path: productPath(api, product.id) })).toMatchContract(
        200,
      )
    } finally {
      const gone = await api.call('delete-entitlement', { path: entitlementPath })
      expect(gone).toMatchContract(200)
      await deleteTestProduct(api, product.id)
    }
  })

  it('returns 404 resource_missing for an unknown product [delete-product: unknown product]', async () => {
    await expectMissing(api, op, { path: productPath(api, missingId(api, 'product')) })
  })

  it('returns 400 parameter_error for a product id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: productPath(api, 'p'.repeat(256)) }, 'product_id')
  })
})
