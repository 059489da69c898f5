/**
 * What a failure report shows about the request behind it: a redacted excerpt of the request and
 * the response, and a curl command that reproduces the request with the key as a placeholder.
 * Built where the exchange happens (a vitest worker, the Newman runner) and carried to every
 * reporter as plain strings, so nothing downstream ever holds a secret.
 */
import type { ApiDefinition, ApiVariable } from '../api/api-definition.ts'
import type { ContractFailure } from '../contract/failure.ts'
import type { ExchangeRequest, ExchangeResponse } from '../exchange.ts'
import {
  DEFAULT_REDACT_KEYS,
  preview,
  REDACTED,
  redactJson,
  redactText,
  truncate,
} from '../redact/redact.ts'

/**
 * What a curl command needs of an API (an ApiDefinition has it): its auth scheme and the target
 * variable that holds its key (`role: 'apiKey'`).
 */
export interface CurlApi {
  auth: Pick<ApiDefinition['auth'], 'scheme'>
  target: { variables: readonly Pick<ApiVariable, 'name' | 'role'>[] }
}

/**
 * The Authorization value a curl command sends for `api`: its scheme and the shell variable of
 * its key (`Bearer $REVENUECAT_SECRET_API_KEY`), never a key.
 */
export function keyPlaceholder(api: CurlApi): string {
  const key = api.target.variables.find((v) => v.role === 'apiKey')
  return `${api.auth.scheme} ${key === undefined ? REDACTED : `$${key.name}`}`
}

/** Longest request body a curl command carries inline, in characters. */
export const CURL_BODY_LIMIT = 2000

/** Longest body excerpt kept in a report, in characters. */
export const EXCERPT_CHARS = 1200

/** One exchange as a failure report shows it. Every string is already redacted. */
export interface ExchangeEvidence {
  operationId: string
  /** Request line, headers and a body excerpt. */
  request: string
  /** Status line, content type and a body excerpt; absent when no response came. */
  response?: string
  /** A curl command that sends the same request. */
  curl: string
}

/** A contract failure as reports carry it (the value is redacted and shortened already). */
export type ContractFinding = Pick<
  ContractFailure,
  'check' | 'message' | 'pointer' | 'keyword' | 'value' | 'expected'
>

/** Everything a report says about why a test failed, beyond its one-line reason. */
export interface FailureEvidence {
  expected?: string
  actual?: string
  contract?: ContractFinding[]
  exchange?: ExchangeEvidence
  /** Attempts of a request that got no usable answer (transport failures). */
  attempts?: ReadonlyArray<{ attempt: number; outcome: string; waitMs: number }>
}

function bodyExcerpt(body: string): string {
  const trimmed = body.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return preview(JSON.parse(trimmed), EXCERPT_CHARS)
    } catch {
      // not JSON after all: fall through to the text excerpt
    }
  }
  return truncate(redactText(body), EXCERPT_CHARS)
}

function isSecretHeader(name: string): boolean {
  return DEFAULT_REDACT_KEYS.includes(name.toLowerCase())
}

/** Quotes a word for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** A curl command for the request: secrets become the API's key variable or a placeholder. */
export function curlCommand(api: CurlApi, request: ExchangeRequest): string {
  const lines = [`curl -X ${request.method} ${shellQuote(redactText(request.url))}`]
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization') {
      // Double quotes so the shell expands the variable holding the key.
      lines.push(`-H "Authorization: ${keyPlaceholder(api)}"`)
    } else {
      lines.push(
        `-H ${shellQuote(`${name}: ${isSecretHeader(name) ? REDACTED : redactText(value)}`)}`,
      )
    }
  }
  if (request.body !== undefined && request.body.length > CURL_BODY_LIMIT) {
    // A huge body (a size-limit test) would swamp the report: say so instead of pasting it.
    lines.push(`--data-binary @body.json  # the ${request.body.length}-character body is not shown`)
  } else if (request.body !== undefined && request.body.length > 0) {
    lines.push(`--data-raw ${shellQuote(curlBody(request.body))}`)
  }
  return lines.join(' \\\n  ')
}

/** The body as curl sends it: as written, unless a secret key in it had to be replaced. */
function curlBody(body: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return redactText(body) // a deliberately malformed body is sent as it was
  }
  const scrubbed = redactJson(parsed)
  return JSON.stringify(scrubbed) === JSON.stringify(parsed)
    ? redactText(body)
    : JSON.stringify(scrubbed)
}

/** The request excerpt: request line, headers (secrets redacted) and the body. */
export function describeRequest(request: ExchangeRequest): string {
  const lines = [`${request.method} ${redactText(request.url)}`]
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${isSecretHeader(name) ? REDACTED : redactText(value)}`)
  }
  if (request.body !== undefined && request.body.length > 0)
    lines.push('', bodyExcerpt(request.body))
  return lines.join('\n')
}

/** The response excerpt: status, content type and the body. */
export function describeResponse(response: ExchangeResponse): string {
  const lines = [`HTTP ${response.status}`]
  const type = response.headers['content-type']
  if (type !== undefined) lines.push(`content-type: ${type}`)
  const retryAfter = response.headers['retry-after']
  if (retryAfter !== undefined) lines.push(`retry-after: ${retryAfter}`)
  lines.push('', response.bodyText.length === 0 ? '(empty body)' : bodyExcerpt(response.bodyText))
  return lines.join('\n')
}

/** Evidence of one exchange; `response` is absent when the request got no answer. */
export function exchangeEvidence(
  api: CurlApi,
  operationId: string,
  request: ExchangeRequest,
  response?: ExchangeResponse,
): ExchangeEvidence {
  return {
    operationId,
    request: describeRequest(request),
    ...(response === undefined ? {} : { response: describeResponse(response) }),
    curl: curlCommand(api, request),
  }
}

/** Keeps the reportable fields of contract failures. */
export function contractFindings(failures: readonly ContractFailure[]): ContractFinding[] {
  return failures.map((f) => ({
    check: f.check,
    message: redactText(f.message),
    ...(f.pointer === undefined ? {} : { pointer: f.pointer }),
    ...(f.keyword === undefined ? {} : { keyword: f.keyword }),
    ...(f.value === undefined ? {} : { value: redactText(f.value) }),
    ...(f.expected === undefined ? {} : { expected: redactText(f.expected) }),
  }))
}

/** Renders evidence as plain text: the body of a JUnit failure and the console's detail. */
export function formatEvidence(evidence: FailureEvidence): string {
  const lines: string[] = []
  if (evidence.expected !== undefined) lines.push(`expected: ${evidence.expected}`)
  if (evidence.actual !== undefined) lines.push(`actual:   ${evidence.actual}`)
  for (const [i, f] of (evidence.contract ?? []).entries()) {
    lines.push(`${i + 1}. [${f.check}] ${f.message}`)
    if (f.pointer !== undefined) lines.push(`   at ${f.pointer === '' ? '(root)' : f.pointer}`)
    if (f.keyword !== undefined) lines.push(`   keyword: ${f.keyword}`)
    if (f.expected !== undefined) lines.push(`   expected: ${f.expected}`)
    if (f.value !== undefined) lines.push(`   received: ${f.value}`)
  }
  for (const a of evidence.attempts ?? [])
    lines.push(
      `attempt ${a.attempt}: ${a.outcome}${a.waitMs > 0 ? ` (then waited ${a.waitMs} ms)` : ''}`,
    )
  const ex = evidence.exchange
  if (ex !== undefined) {
    lines.push('', 'Request (redacted):', ex.request)
    lines.push('', 'Response (redacted):', ex.response ?? '(no response)')
    lines.push('', 'Reproduce:', ex.curl)
  }
  return lines.join('\n')
}
