/** Store validation routes: Stripe (JSON:API) and Paddle. */
import type { ErrorObject } from 'ajv'
import { Hono } from 'hono'
import { type AdaptyEnv, route, validBody } from '../env.ts'
import { adaptyError, JSON_API_TYPE, jsonApiError } from '../errors.ts'
import { profileResource } from '../resources.ts'
import { type JsonApiFailure, validatePaddle, validateStripe } from '../state/store-validation.ts'

/** The Stripe and Paddle routes of the Adapty emulator. */
export const storeValidationRoutes = new Hono<AdaptyEnv>()

interface StripeBody {
  data: { type: string; attributes: { customer_user_id: string; stripe_token: string } }
}

interface PaddleBody {
  customer_user_id: string
  paddle_token: string
}

/**
 * One JSON:API error per failing member of the request document, worded like the vendor's
 * example ("none is not an allowed value"), with a JSON pointer to that member.
 */
function schemaFailures(errors: ErrorObject[], body: unknown): JsonApiFailure[] {
  const out: JsonApiFailure[] = []
  for (const error of errors) {
    if (['if', 'oneOf', 'anyOf'].includes(error.keyword)) continue
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params.missingProperty)}`
        : error.instancePath
    if (out.some((f) => f.pointer === pointer)) continue
    out.push({ pointer, detail: detailOf(error, valueAt(body, error.instancePath)) })
  }
  return out
}

function valueAt(body: unknown, pointer: string): unknown {
  let value = body
  for (const part of pointer.split('/').slice(1)) {
    value = (value as Record<string, unknown> | null | undefined)?.[part]
  }
  return value
}

function detailOf(error: ErrorObject, value: unknown): string {
  if (error.keyword === 'required') return 'field required'
  if (value === null) return 'none is not an allowed value'
  if (error.keyword === 'type' && error.params.type === 'string') return 'str type expected'
  if (error.keyword === 'type' && error.params.type === 'object') return 'value is not a valid dict'
  if (error.keyword === 'enum') {
    const permitted = (error.params.allowedValues as unknown[]).map((v) => `'${String(v)}'`)
    return `unexpected value; permitted: ${permitted.join(', ')}`
  }
  return error.message ?? 'invalid value'
}

/** operationId: validateStripePurchase */
route(storeValidationRoutes, 'validateStripePurchase', (c) => {
  // JSON:API errors, not Adapty's envelope, so validBody() does not fit here (DECISIONS.md, A-14).
  const validate = c.get('contract').validator('adapty', 'stripe-validation-request')
  const body = c.get('body')
  if (!validate(body)) return jsonApiError(c, 400, schemaFailures(validate.errors ?? [], body))
  const { customer_user_id: customerUserId, stripe_token: token } = (body as StripeBody).data
    .attributes
  const result = validateStripe(c.get('store'), customerUserId, token)
  if (!result.ok) return jsonApiError(c, 400, [result.error])
  return c.body(JSON.stringify({ data: null }), 200, { 'content-type': JSON_API_TYPE })
})

/** operationId: validatePaddlePurchase */
route(storeValidationRoutes, 'validatePaddlePurchase', (c) => {
  const input = validBody<PaddleBody>(c)
  if ('response' in input) return input.response
  const { customer_user_id: customerUserId, paddle_token: token } = input.body
  const result = validatePaddle(c.get('store'), customerUserId, token)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})
