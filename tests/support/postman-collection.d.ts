// postman-collection ships no type declarations; only what the tests call is declared.
declare module 'postman-collection' {
  export class Collection {
    constructor(definition: unknown)
    forEachItem(callback: (item: { name: string }) => void): void
    toJSON(): { info?: { schema?: string } }
  }
}
