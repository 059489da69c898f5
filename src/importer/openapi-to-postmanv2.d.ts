// openapi-to-postmanv2 ships no type declarations; only the call the import tests make is declared.
declare module 'openapi-to-postmanv2' {
  interface ConvertResult {
    result: boolean
    reason?: string
    output: Array<{ type: string; data: unknown }>
  }
  const converter: {
    convert(
      input: { type: 'string' | 'file' | 'json'; data: string },
      options: Record<string, unknown>,
      callback: (error: Error | null, result: ConvertResult) => void,
    ): void
  }
  export default converter
}
