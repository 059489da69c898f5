/**
 * Redaction before anything reaches a message, a report or a file: secret values registered by
 * value (with their URL-encoded and JSON-escaped forms), plus headers and JSON keys known to
 * carry secrets.
 */

/** Header and JSON key names whose values are always replaced. */
export const DEFAULT_REDACT_KEYS: readonly string[] = [
  'authorization',
  'x-api-key',
  'api_key',
  'apikey',
  'secret_api_key',
  'password',
  'token',
  'stripe_token',
  'paddle_token',
]

/** What replaces a secret. */
export const REDACTED = '[redacted]'

const secrets = new Set<string>()

function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
  return [...forms].filter((form) => form.length > 0)
}

/** Registers a secret value; every later `redactText` scrubs it and its encoded forms. */
export function registerSecret(secret: string | undefined): void {
  // Very short values would scrub ordinary text; a real key is never this short.
  if (secret === undefined || secret.length < 6) return
  for (const form of variants(secret)) secrets.add(form)
}

/** Scrubs every registered secret out of a text. */
export function redactText(text: string): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
}

/** Redacts header values by name (secret headers) and by value. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    out[name] = DEFAULT_REDACT_KEYS.includes(name.toLowerCase()) ? REDACTED : redactText(value)
  }
  return out
}

/** Deep-copies a JSON value with secret keys replaced and registered secrets scrubbed. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value)
  if (Array.isArray(value)) return value.map(redactJson)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        DEFAULT_REDACT_KEYS.includes(key.toLowerCase()) && child !== null
          ? REDACTED
          : redactJson(child),
      ]),
    )
  }
  return value
}

/** Renders a value for a message: redacted, JSON, and cut to `maxChars`. */
export function preview(value: unknown, maxChars = 200): string {
  return truncate(value === undefined ? 'undefined' : JSON.stringify(redactJson(value)), maxChars)
}

/** Cuts a text to `maxChars`, saying how long it was: `abc… (1234 chars)`. */
export function truncate(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length} chars)` : text
}
