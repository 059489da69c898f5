/**
 * Where Adapty's spec and doc pages disagree, these patches record our choice on top of the
 * mechanically derived schemas. Every id here has a section in
 * fixtures/schemas/adapty/DECISIONS.md that explains the reason.
 */
import type { SchemaObject } from '../../contract/derive/openapi-to-schemas.ts'
import type { SchemaDecision } from '../../contract/derive/schema-decision.ts'

function get(schemas: Map<string, SchemaObject>, stem: string): SchemaObject {
  const schema = schemas.get(stem)
  if (schema === undefined) {
    throw new Error(`Failed to apply schema decisions: component "${stem}" is gone from the spec.`)
  }
  return schema
}

function props(schema: SchemaObject): Record<string, SchemaObject> {
  return schema.properties as Record<string, SchemaObject>
}

function requireAll(schema: SchemaObject): void {
  schema.required = Object.keys(props(schema))
}

/** The ordered list of Adapty schema decisions, applied after derivation. */
export const ADAPTY_SCHEMA_DECISIONS: readonly SchemaDecision[] = [
  {
    // `errors` holds objects in the schema and flat strings in newer examples; accept both.
    id: 'A-02',
    apply: (schemas) => {
      for (const stem of ['error-response', 'error-object']) {
        const errors = props(get(schemas, stem)).errors as SchemaObject
        errors.items = {
          anyOf: [
            {
              type: 'object',
              properties: {
                source: { type: ['string', 'null'] },
                errors: { type: 'array', items: { type: 'string' } },
              },
              required: ['errors'],
            },
            { type: 'string' },
          ],
        }
        errors.minItems = 1
      }
    },
  },
  {
    // custom attribute values up to 50 characters (spec), keys up to 30 from the documented
    // character set, and at most 30 attributes on a profile.
    id: 'A-03',
    apply: (schemas) => {
      const attribute = get(schemas, 'custom-attribute')
      props(attribute).key = {
        type: 'string',
        minLength: 1,
        maxLength: 30,
        pattern: '^[A-Za-z0-9._-]+$',
      }
      props(attribute).value = {
        oneOf: [{ type: 'string', maxLength: 50 }, { type: 'number' }],
      }
      props(get(schemas, 'profile-request')).custom_attributes = {
        type: 'array',
        maxItems: 30,
        items: { $ref: 'custom-attribute.schema.json' },
      }
      const profileAttributes = props(get(schemas, 'profile')).custom_attributes as SchemaObject
      profileAttributes.maxItems = 30
    },
  },
  {
    // the offer object keeps `category`/`type`/`id`; `type` also allows `unknown` (docs).
    id: 'A-05',
    apply: (schemas) => {
      const type = props(get(schemas, 'offer-dto')).type as SchemaObject
      type.enum = [...(type.enum as string[]), 'unknown']
    },
  },
  {
    // installation_meta is optional on profile requests (docs), so that PATCH can send one field.
    id: 'A-06',
    apply: (schemas) => {
      delete get(schemas, 'profile-request').required
    },
  },
  {
    // profile sub-objects list every field; nullable ones are present as null, never omitted.
    // `environment` appears on access levels in the docs' object page and examples.
    id: 'A-09',
    apply: (schemas) => {
      const accessLevel = get(schemas, 'access-level')
      props(accessLevel).environment = { type: 'string' }
      for (const stem of ['access-level', 'subscription', 'non-subscription']) {
        requireAll(get(schemas, stem))
      }
      accessLevel.required = (accessLevel.required as string[]).filter((k) => k !== 'environment')
    },
  },
  {
    // JSON:API error `status` is the HTTP status as a string of three digits.
    id: 'A-11',
    apply: (schemas) => {
      const errors = props(get(schemas, 'stripe-error-response')).errors as SchemaObject
      const item = errors.items as SchemaObject
      props(item).status = { type: 'string', pattern: '^[1-5][0-9]{2}$' }
    },
  },
  {
    // refund saver settings in a response always carry both settings (as the settings object).
    id: 'A-15',
    apply: (schemas) => {
      const settings = props(get(schemas, 'refund-saver-settings-response'))
        .settings as SchemaObject
      settings.required = ['consent', 'custom_preference']
    },
  },
  {
    // integration identifier answers carry all sixteen keys, null when unset.
    id: 'A-32',
    apply: (schemas) => {
      requireAll(get(schemas, 'integration-identifiers-response'))
    },
  },
]
