/**
 * Validates request bodies against our contract's request schemas and turns Ajv errors into the
 * field errors Adapty answers with (`validation_error`, one entry per field).
 */
import type { ErrorObject } from 'ajv'
import type { Contract } from '../../../contract/load-schemas.ts'
import type { AdaptyFailure } from './state/store.ts'

function fieldPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter((p) => p !== '')
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty))
  if (error.keyword === 'discriminator') parts.push(String(error.params.tag))
  return parts.length === 0 ? 'non_field_errors' : parts.join('.')
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'This field is required.'
    case 'type':
      return error.params.type === 'null' || String(error.params.type).includes('null')
        ? `Expected ${String(error.params.type).replace(',null', '')} or null.`
        : `Expected a value of type ${String(error.params.type)}.`
    case 'enum':
      return `Not a valid choice; expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`
    case 'format':
      return `Enter a valid ${String(error.params.format)}.`
    case 'maxLength':
      return `Ensure this field has no more than ${String(error.params.limit)} characters.`
    case 'minLength':
      return `Ensure this field has at least ${String(error.params.limit)} characters.`
    case 'maxItems':
      return `Ensure this list has no more than ${String(error.params.limit)} items.`
    case 'discriminator':
      return `Not a valid ${String(error.params.tag)}.`
    case 'pattern':
      return 'Only letters, numbers, dashes, points and underscores are allowed.'
    default:
      return error.message ?? 'Invalid value.'
  }
}

/** Keeps the most useful Ajv errors: composition keywords only repeat what their branches said. */
function meaningful(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword))
  return specific.length > 0 ? specific : errors
}

/**
 * Validates `body` against `api/schema`. Returns the failure to answer with (by default
 * 400 validation_error), or undefined when the body is valid.
 */
export function validateRequestBody(
  contract: Contract,
  schema: string,
  body: unknown,
  options: { status?: number; errorCode?: string } = {},
): AdaptyFailure | undefined {
  const validate = contract.validator('adapty', schema)
  if (validate(body)) return undefined
  const bySource = new Map<string, string[]>()
  for (const error of meaningful(validate.errors ?? [])) {
    const source = fieldPath(error)
    const list = bySource.get(source) ?? []
    const message = describe(error)
    if (!list.includes(message)) list.push(message)
    bySource.set(source, list)
  }
  return {
    status: options.status ?? 400,
    errorCode: options.errorCode ?? 'validation_error',
    errors: [...bySource].map(([source, messages]) => ({ source, messages })),
  }
}
