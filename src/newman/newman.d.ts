// newman ships no type declarations; we declare only the entry point we call and type its
// events ourselves in types.ts.
declare module 'newman' {
  const newman: { run(options: Record<string, unknown>): unknown }
  export default newman
}
