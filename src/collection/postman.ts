/** Minimal Postman Collection v2.1 shapes we build and read (the format's own field names). */

/** A script event (prerequest or test). */
export interface PostmanEvent {
  listen: 'prerequest' | 'test'
  script: { type: 'text/javascript'; exec: string[] }
}

/** A request item. */
export interface PostmanRequestItem {
  name: string
  event?: PostmanEvent[]
  /** Postman's per-request settings: a request that tests a redirect does not follow it. */
  protocolProfileBehavior?: { followRedirects?: boolean }
  request: {
    method: string
    auth?: { type: string; [key: string]: unknown }
    header: Array<{ key: string; value: string; disabled?: boolean }>
    body?: { mode: 'raw'; raw: string; options?: { raw: { language: 'json' } } }
    url: {
      raw: string
      host: string[]
      path: string[]
      query?: Array<{ key: string; value: string }>
      variable?: Array<{ key: string; value: string }>
    }
    description?: string
  }
}

/** A folder of request items. */
export interface PostmanFolder {
  name: string
  description?: string
  item: PostmanRequestItem[]
}

/** A whole collection. */
export interface PostmanCollection {
  info: { _postman_id?: string; name: string; description?: string; schema: string }
  auth?: { type: string; [key: string]: unknown }
  event?: PostmanEvent[]
  variable?: Array<{ key: string; value: string }>
  item: Array<PostmanFolder | PostmanRequestItem>
}

/** The v2.1 schema URL every collection we write declares. */
export const COLLECTION_SCHEMA_V21 =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

/** Every `{{variable}}` a text uses, excluding Postman's dynamic `{{$…}}` variables. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(/\{\{([^{}$][^{}]*)\}\}/g)].map((m) => (m[1] ?? '').trim())
}
