/**
 * The JSON Schema keywords our contract uses (fixtures/schemas/). Whatever walks a schema by hand
 * (the sample bodies of the property tests, the field coverage) understands exactly these and
 * fails loudly on anything else, so a new keyword cannot be misread in silence.
 */
export const CONTRACT_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$comment',
  'type',
  'format',
  'enum',
  'const',
  'required',
  'properties',
  'items',
  'additionalProperties',
  'maxLength',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'oneOf',
  'anyOf',
  'allOf',
  '$ref',
  'discriminator',
])
