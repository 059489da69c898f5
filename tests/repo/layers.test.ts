import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, listFiles } from './files.ts'

// cli → {sandbox, report} → {contract, http} → {config, registry} → base (errors, exchange, redact)
const RANK: Record<string, number> = {
  errors: 0,
  exchange: 1,
  redact: 0,
  registry: 1,
  config: 1,
  contract: 2,
  http: 2,
  sandbox: 3,
  report: 3,
  newman: 3,
  collection: 3,
  drift: 3,
  importer: 3,
  cli: 4,
}
const FORBIDDEN: Array<[string, string, string]> = [
  ['sandbox', 'http', 'the sandbox serves HTTP; it never calls it'],
  ['http', 'contract', 'the client moves bytes; checking them is the contract layer'],
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
