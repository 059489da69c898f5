/** Store validation routes: Stripe (JSON:API) and Paddle. */
import type { ErrorObject } from 'ajv'
import { Hono } from 'hono'
import { type AdaptyEnv, route, validBody } from '../env.ts'
import { adaptyError, JSON_API_TYPE, jsonApiError } from '../errors.ts'
import { profileResource } from '../resources.ts'
import { validatePaddle, validateStripe } from '../state/store-validation.ts'

/** The Stripe and Paddle routes of the Adapty emulator. */
export const storeValidationRoutes = new Hono<AdaptyEnv>()

interface StripeBody {
  data: { type: string; attributes: { customer_user_id: string; stripe_token: string } }
}

function pointerOf(error: ErrorObject): string {
  return error.keyword === 'required'
    ? `${error.instancePath}/${String(error.params.missingProperty)}`
    : error.instancePath
}

function detailOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'field required'
  if (error.keyword === 'type' && error.params.type === 'string') return 'str type expected'
  if (error.keyword === 'enum')
    return `unexpected value; permitted: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`
  return error.message ?? 'invalid value'
}

/** operationId: validateStripePurchase */
route(storeValidationRoutes, 'validateStripePurchase', (c) => {
  const validate = c.get('contract').validator('adapty', 'stripe-validation-request')
  if (!validate(c.get('body'))) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if')
    return jsonApiError(
      c,
      400,
      errors.map((e) => ({ detail: detailOf(e), pointer: pointerOf(e) })),
    )
  }
  const { attributes } = (c.get('body') as StripeBody).data
  const result = validateStripe(
    c.get('store'),
    attributes.customer_user_id,
    attributes.stripe_token,
  )
  if (!result.ok) return jsonApiError(c, 400, [{ detail: result.detail, pointer: result.pointer }])
  return c.body(JSON.stringify({ data: null }), 200, { 'content-type': JSON_API_TYPE })
})

/** operationId: validatePaddlePurchase */
route(storeValidationRoutes, 'validatePaddlePurchase', (c) => {
  const input = validBody<{ customer_user_id: string; paddle_token: string }>(c)
  if ('response' in input) return input.response
  const result = validatePaddle(
    c.get('store'),
    input.body.customer_user_id,
    input.body.paddle_token,
  )
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})
