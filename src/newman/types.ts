/**
 * Our own minimal types for the parts of newman's run events we read (newman ships no types, and
 * depending on @types/newman would drift from the runtime we pin).
 */

/** A postman-collection PropertyList of headers. */
export interface HeaderList {
  each(callback: (header: { key: string; value: string; disabled?: boolean }) => void): void
}

/** A postman-collection Url. */
export interface PostmanUrl {
  toString(): string
  getPath(unresolved?: boolean): string
}

/** A request as newman sent it. */
export interface PostmanRequest {
  method: string
  url: PostmanUrl
  headers: HeaderList
  body?: { mode?: string; raw?: string; toString(): string }
}

/** A response as newman received it. */
export interface PostmanResponse {
  code: number
  headers: HeaderList
  stream?: Buffer
  responseTime: number
}

/** A collection item (one request). */
export interface PostmanItem {
  id: string
  name: string
  parent?: () => { name?: string } | undefined
}

/** Arguments of newman's `request` event. */
export interface RequestEventArgs {
  item: PostmanItem
  request: PostmanRequest
  response?: PostmanResponse
}

/** Arguments of newman's `assertion` event. */
export interface AssertionEventArgs {
  item: PostmanItem
  assertion: string
  skipped?: boolean
  error?: { message?: string }
}

/** The event emitter newman.run returns. */
export interface NewmanEmitter {
  on(
    event: 'request',
    listener: (error: Error | null, args: RequestEventArgs) => void,
  ): NewmanEmitter
  on(
    event: 'assertion',
    listener: (error: { message?: string } | null, args: AssertionEventArgs) => void,
  ): NewmanEmitter
  on(
    event: 'exception',
    listener: (error: Error | null, args: { error?: { message?: string } }) => void,
  ): NewmanEmitter
  on(
    event: 'item',
    listener: (error: Error | null, args: { item: PostmanItem }) => void,
  ): NewmanEmitter
  on(event: 'done', listener: (error: Error | null, summary: unknown) => void): NewmanEmitter
}
