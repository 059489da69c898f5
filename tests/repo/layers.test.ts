import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, listFiles, read } from './files.ts'

// cli → apis (the composition root and each API's folder) → engines {sandbox, report, newman,
// collection, drift, importer} → {contract, http, api (the seam, types only)} → {config, registry}
// → base (errors, exchange, redact)
const RANK: Record<string, number> = {
  errors: 0,
  exchange: 1,
  redact: 0,
  registry: 1,
  config: 1,
  contract: 2,
  http: 2,
  api: 2,
  sandbox: 3,
  report: 3,
  newman: 3,
  collection: 3,
  drift: 3,
  importer: 3,
  apis: 4,
  cli: 5,
}
/** Every folder but the composition root's and the CLI's: they take an ApiDefinition as a parameter. */
const ENGINES = Object.keys(RANK).filter((layer) => layer !== 'apis' && layer !== 'cli')
const FORBIDDEN: Array<[string, string, string]> = [
  ['sandbox', 'http', 'the sandbox serves HTTP; it never calls it'],
  ['http', 'contract', 'the client moves bytes; checking them is the contract layer'],
  ...ENGINES.map((engine): [string, string, string] => [
    engine,
    'apis',
    'an engine takes an ApiDefinition as a parameter; only src/apis/all.ts and the CLI name an API',
  ]),
]

function layerOf(file: string): string {
  const [, top] = file.split('/')
  return (top ?? '').replace(/\.ts$/, '')
}

const sources = listFiles('src', '.ts').filter((f) => !f.endsWith('.test.ts'))
const edges = sources.flatMap((file) =>
  importsOf(file).map((spec) => ({ from: file, to: normalize(join(dirname(file), spec)) })),
)

describe('layering of src/', () => {
  it('puts every source file in a known layer', () => {
    expect(sources.filter((f) => RANK[layerOf(f)] === undefined)).toEqual([])
  })

  it('keeps the seam (src/api/) to types: it runs nothing', () => {
    const files = sources.filter((f) => layerOf(f) === 'api')
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const text = read(file)
      const values = [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map(
        (m) => m[1],
      )
      expect(values, `${file} imports values`).toEqual([])
      expect(text, `${file} declares values`).not.toMatch(
        /^export\s+(?:const|let|var|function|class|enum)\b/m,
      )
    }
  })

  it('never imports upwards', () => {
    const upward = edges.filter((e) => (RANK[layerOf(e.to)] ?? 0) > (RANK[layerOf(e.from)] ?? 0))
    expect(upward.map((e) => `${e.from} → ${e.to}`)).toEqual([])
  })

  it.each(FORBIDDEN)('never imports %s → %s (%s)', (from, to) => {
    const bad = edges.filter((e) => layerOf(e.from) === from && layerOf(e.to) === to)
    expect(bad.map((e) => `${e.from} → ${e.to}`)).toEqual([])
  })

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>()
    for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to])
    const state = new Map<string, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '))
        return
      }
      state.set(node, 'open')
      for (const next of graph.get(node) ?? []) visit(next, [...path, node])
      state.set(node, 'done')
    }
    for (const node of graph.keys()) visit(node, [])
    expect(cycles).toEqual([])
  })

  it('has no barrel files', () => {
    expect(sources.filter((f) => f.endsWith('/index.ts'))).toEqual([])
  })
})
