/**
 * Reading and decoding request bodies the way a Django REST Framework server does (Adapty's
 * DECISIONS.md, A-40; RevenueCat's server reads them the same way): a bounded read, the operation's media type only (415 otherwise), strict UTF-8, JSON, and
 * no NUL characters in strings (DRF's CharField rejects them, and Postgres text cannot hold them).
 */

import type { BodyProblem } from '../api/api-definition.ts'

export type { BodyProblem } from '../api/api-definition.ts'

/** A decoded body, or why it was refused. */
export type BodyOutcome = { ok: true; body: unknown } | { ok: false; problem: BodyProblem }

/** The media type of a Content-Type header, lower case and without parameters (`''` when absent). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/**
 * Reads a body up to `limit` bytes. Resolves undefined as soon as it grows past the limit (and
 * stops reading), so an endless chunked body is never buffered.
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (stream === null) return new Uint8Array()
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

const fail = (problem: Omit<BodyProblem, 'pointer'> & { pointer?: string }): BodyOutcome => ({
  ok: false,
  problem: { pointer: '', ...problem },
})

/** Finds the first string (value or key) holding U+0000; returns its path, or undefined. */
export function findNulCharacter(value: unknown): string[] | undefined {
  // Iterative: a body may nest 100,000 levels deep, which recursion would not survive.
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, path } = item
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: [...path, String(i)] })
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown]
        const at = [...path, key.replaceAll('\u0000', '\\u0000')]
        if (key.includes('\u0000')) return at
        stack.push({ value: child, path: at })
      }
    }
  }
  return undefined
}

/**
 * Decodes the body of an operation whose documented request media type is `expected`. The order
 * is DRF's: an empty body, then the media type, then the bytes (UTF-8), the JSON, the strings.
 */
export function decodeRequestBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  expected: string,
): BodyOutcome {
  const empty = 'The request body is empty; this operation takes a JSON body.'
  if (bytes.byteLength === 0)
    return fail({
      status: 400,
      errorCode: 'parse_error',
      source: '',
      detail: empty,
    })
  const media = mediaTypeOf(contentType)
  if (media !== expected) {
    const detail = `Unsupported media type "${media}" in request. Send "Content-Type: ${expected}".`
    return fail({
      status: 415,
      errorCode: 'unsupported_media_type',
      source: '',
      detail,
    })
  }
  let text: string
  try {
    // ignoreBOM keeps a byte order mark in the text, so JSON.parse refuses it, as Python's json does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    const detail = 'JSON parse error - the body is not valid UTF-8.'
    return fail({ status: 400, errorCode: 'parse_error', source: '', detail })
  }
  if (text.trim() === '')
    return fail({
      status: 400,
      errorCode: 'parse_error',
      source: '',
      detail: empty,
    })
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    const detail = `JSON parse error - ${(error as Error).message}`
    return fail({ status: 400, errorCode: 'parse_error', source: '', detail })
  }
  const nul = findNulCharacter(body)
  if (nul !== undefined) {
    return fail({
      status: 400,
      errorCode: 'validation_error',
      source: nul.length === 0 ? '' : nul.join('.'),
      pointer: nul.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
      detail: 'Null characters are not allowed.',
    })
  }
  return { ok: true, body }
}
