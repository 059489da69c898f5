/**
 * Our choices on top of the schemas derived from RevenueCat's spec. Every id here has a section
 * in fixtures/schemas/revenuecat/DECISIONS.md that explains the reason. Decisions that change no
 * schema (tolerance, timestamps, headers, statuses) are recorded there only.
 */
import type { SchemaObject } from '../../contract/derive/openapi-to-schemas.ts'
import type { SchemaDecision } from '../../contract/derive/schema-decision.ts'

function get(schemas: Map<string, SchemaObject>, stem: string): SchemaObject {
  const schema = schemas.get(stem)
  if (schema === undefined) {
    throw new Error(`Failed to apply schema decisions: schema "${stem}" is gone from the spec.`)
  }
  return schema
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Calls `visit` on every schema node of every schema (enum and const values are data). */
function everyNode(schemas: Map<string, SchemaObject>, visit: (node: SchemaObject) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child)
      return
    }
    if (!isObject(node)) return
    visit(node)
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'enum' && key !== 'const') walk(child)
    }
  }
  for (const schema of schemas.values()) walk(schema)
}

/** Replaces a node's keywords in place (the node object stays where it is referenced). */
function replaceNode(node: SchemaObject, next: SchemaObject): void {
  for (const key of Object.keys(node)) delete node[key]
  Object.assign(node, next)
}

function typesOf(node: SchemaObject): unknown[] {
  return Array.isArray(node.type) ? node.type : [node.type]
}

const REF_OF = (stem: string) => `${stem}.schema.json`

/** The ordered list of RevenueCat schema decisions, applied after derivation. */
export const REVENUECAT_SCHEMA_DECISIONS: readonly SchemaDecision[] = [
  {
    // a list's `next_page` may be absent (the pagination text) or null (the schemas).
    id: 'R-2',
    apply: (schemas) => {
      let lists = 0
      everyNode(schemas, (node) => {
        const required = node.required
        const props = node.properties
        if (!Array.isArray(required) || !isObject(props) || props.next_page === undefined) return
        node.required = required.filter((name) => name !== 'next_page')
        lists += 1
      })
      if (lists === 0) throw new Error('Failed to apply R-2: no list with next_page is left.')
    },
  },
  {
    // each error response is an Error whose `type` is one its status allows; the outer
    // schema says it is an object, so that --strict closes it there and not in its branches.
    id: 'R-5',
    apply: (schemas) => {
      for (const [stem, schema] of schemas) {
        if (!stem.startsWith('error-')) continue
        const branches = schema.allOf
        if (!Array.isArray(branches) || !branches.some((b) => b.$ref === REF_OF('error'))) {
          throw new Error(`Failed to apply R-5: ${stem} is no longer an allOf over Error.`)
        }
        const { allOf, ...rest } = schema
        replaceNode(schema, { ...rest, type: 'object', allOf })
      }
    },
  },
  {
    // an App is one record: its store sub-objects (`amazon`, `app_store`, …) are optional
    // properties of it, not allOf branches (which --strict would close one by one).
    id: 'R-6',
    apply: (schemas) => {
      const app = get(schemas, 'app')
      const [base, ...stores] = app.allOf as SchemaObject[]
      if (!isObject(base) || !isObject(base.properties)) {
        throw new Error('Failed to apply R-6: App no longer starts with its own record.')
      }
      const properties: SchemaObject = { ...base.properties }
      for (const branch of stores) {
        const store = get(schemas, String(branch.$ref).replace('.schema.json', ''))
        const extra = Object.keys(store).filter(
          (key) => !['$schema', '$id', '$comment', 'type', 'properties'].includes(key),
        )
        if (extra.length > 0 || !isObject(store.properties)) {
          throw new Error(`Failed to apply R-6: ${String(branch.$ref)} has ${extra.join(', ')}.`)
        }
        for (const [name, schema] of Object.entries(store.properties)) {
          if (name in properties) throw new Error(`Failed to apply R-6: two "${name}" in App.`)
          properties[name] = schema
        }
      }
      const { $schema, $id, $comment } = app
      replaceNode(app, { $schema, $id, $comment, ...base, properties })
    },
  },
  {
    // `allOf: [{type: object, nullable: true}, {$ref: X}]` means "X or null".
    id: 'R-7',
    apply: (schemas) => {
      everyNode(schemas, (node) => {
        const branches = node.allOf
        if (!Array.isArray(branches) || branches.length !== 2 || Object.keys(node).length !== 1) {
          return
        }
        const [first, second] = branches as SchemaObject[]
        const nullableObject =
          isObject(first) &&
          Object.keys(first).length === 1 &&
          typesOf(first).includes('object') &&
          typesOf(first).includes('null')
        if (nullableObject && isObject(second) && typeof second.$ref === 'string') {
          replaceNode(node, { anyOf: [{ $ref: second.$ref }, { type: 'null' }] })
        }
      })
    },
  },
  {
    // a length on an array counts its items.
    id: 'R-8',
    apply: (schemas) => {
      everyNode(schemas, (node) => {
        if (!typesOf(node).includes('array')) return
        for (const [length, items] of [
          ['minLength', 'minItems'],
          ['maxLength', 'maxItems'],
        ] as const) {
          if (node[length] === undefined) continue
          node[items] = node[length]
          delete node[length]
        }
      })
    },
  },
  {
    // two oneOf whose branches overlap (once records are open, or by the vendor's own
    // values) accept a value that matches either branch.
    id: 'R-9',
    apply: (schemas) => {
      const overlapping = [
        REF_OF('create-app-store-connect-in-app-purchase-input'),
        REF_OF('customer-attribute-custom-name'),
      ]
      let found = 0
      everyNode(schemas, (node) => {
        const branches = node.oneOf
        if (!Array.isArray(branches)) return
        if (!branches.some((b: SchemaObject) => overlapping.includes(String(b.$ref)))) return
        node.anyOf = branches
        delete node.oneOf
        found += 1
      })
      if (found === 0) throw new Error('Failed to apply R-9: no overlapping oneOf is left.')
    },
  },
]

/**
 * How scripts/derive-operations.ts derives src/apis/revenuecat/operations.ts: the extensions that
 * carry scopes and rate-limit domains, the public operations of the published spec, and the
 * beta blocked-customer operations of the beta file, labelled `beta` (DECISIONS.md, R-14, S-51).
 */
export const REVENUECAT_OPERATION_DERIVATION = {
  filePath: 'src/apis/revenuecat/operations.ts',
  exportName: 'REVENUECAT_OPERATIONS',
  title: 'Every public operation of the RevenueCat REST API v2, and its beta ones (label beta).',
  operation: {
    api: 'revenuecat',
    scopesExtension: 'x-scopes',
    rateLimitDomainExtension: 'x-revenuecat-rate-limiting-domain',
    include: (operation: SchemaObject) => operation['x-release-status'] === 'public',
  },
  extra: {
    specPath: '../shared/reference/revenuecat/openapi-v2-beta.yaml',
    operation: {
      api: 'revenuecat',
      scopesExtension: 'x-scopes',
      rateLimitDomainExtension: 'x-revenuecat-rate-limiting-domain',
      include: (operation: SchemaObject) => operation['x-release-status'] === 'beta',
      labels: () => ['beta'],
    },
  },
} as const

/** The schemas the beta operations add, derived from the beta file (DECISIONS.md, S-51). */
export const REVENUECAT_BETA_SCHEMAS = {
  specPath: '../shared/reference/revenuecat/openapi-v2-beta.yaml',
  components: ['ListBlockedCustomers'],
} as const
