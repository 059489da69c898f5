// `subcontract import` as a user runs it: bad paths are a sentence and exit 2 (never a stack
// trace), nothing is half-written, and the stubs it writes pass the repository's Biome check.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { captureIo } from '../cli/io.ts'
import { runSubcontract } from '../cli/subcontract.ts'
import { COLLECTION_SCHEMA_V21 } from '../collection/postman.ts'
import { quoteLikeBiome } from './import-collection.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function bin(args: string[]) {
  const result = spawnSync(join(ROOT, 'bin/subcontract.js'), args, { cwd: ROOT, encoding: 'utf8' })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

const request = (name: string, path: string[]) => ({
  name,
  request: {
    method: 'GET',
    header: [],
    url: { raw: `{{base_url}}/${path.join('/')}`, host: ['{{base_url}}'], path },
  },
})

/** A v2.1 collection whose requests no operation covers, with names that are hard to quote. */
function newCollection(dir: string): string {
  const path = join(dir, 'new.postman_collection.json')
  const events = ['api', 'v2', 'server-side-api', 'profile', 'export', 'analytics', '']
  writeFileSync(
    path,
    JSON.stringify({
      info: { name: 'vendor', schema: COLLECTION_SCHEMA_V21 },
      item: [
        {
          name: 'Profile',
          item: [
            request('Export "analytics" for a profile', events),
            request("Customer's events", ['api', 'v2', 'server-side-api', 'events', '']),
            request('Ünïcode \\ back\\slash\nand a newline', ['api', 'v3', 'x', '']),
            request(
              'A very long request name that the vendor wrote to describe exactly what it does in detail',
              [
                'api',
                'v2',
                'server-side-api',
                'a-very-long-path-segment-for-width',
                'and-more',
                '',
              ],
            ),
          ],
        },
      ],
    }),
  )
  return path
}

const importIn = (argv: string[]) =>
  runSubcontract(['import', '--api', 'adapty', ...argv], captureIo())

describe('subcontract import: bad paths', () => {
  it('rejects a directory as the collection: exit 2, a sentence, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-import-dir-'))
    const { code, out, err } = bin(['import', dir, '--api', 'adapty'])
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toBe(
      `Failed to import the collection: ${dir} is a directory, not a file.\nFix: pass the path of the downloaded .json or .zip.\n`,
    )
  })

  it('rejects an --out-dir that is a file: exit 2, and the file is untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-import-out-'))
    const input = newCollection(dir)
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'keep me')
    const { code, err } = bin(['import', input, '--api', 'adapty', '--out-dir', file])
    expect(code).toBe(2)
    expect(err).toBe(
      `Failed to import the collection: --out-dir ${file} is a file, not a directory.\nFix: pass --out-dir a directory (it is created if missing), e.g. tests/<api>/imported.\n`,
    )
    expect(readFileSync(file, 'utf8')).toBe('keep me')
    expect(readdirSync(dir).sort()).toEqual(['new.postman_collection.json', 'notes.txt'])
  })

  it('rejects an --out-dir below a file, and an environment that is a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-import-below-'))
    const input = newCollection(dir)
    writeFileSync(join(dir, 'file'), '')
    await expect(importIn([input, '--out-dir', join(dir, 'file', 'stubs')])).rejects.toThrow(
      `--out-dir ${join(dir, 'file', 'stubs')} cannot be created: ${join(dir, 'file')} is a file.`,
    )
    mkdirSync(join(dir, 'env'))
    await expect(
      importIn([input, '--environment', join(dir, 'env'), '--out-dir', join(dir, 'out')]),
    ).rejects.toThrow(`${join(dir, 'env')} is a directory, not a file.`)
    expect(readdirSync(dir).sort()).toEqual(['env', 'file', 'new.postman_collection.json'])
  })
})

describe('subcontract import: the stubs it writes', () => {
  it('pass npx biome check with the repository configuration, as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-import-biome-'))
    const out = join(dir, 'stubs')
    const io = captureIo()
    expect(
      await runSubcontract(['import', newCollection(dir), '--api', 'adapty', '--out-dir', out], io),
    ).toBe(0)
    const stubs = readdirSync(out)
    expect(stubs).toHaveLength(4)
    // Biome refuses files outside the project root, so it runs in the temp dir with our config.
    const check = spawnSync(
      join(ROOT, 'node_modules/.bin/biome'),
      ['check', '--config-path', join(ROOT, 'biome.json'), '--vcs-enabled=false', ...stubs],
      { cwd: out, encoding: 'utf8' },
    )
    expect(check.status, check.stdout + check.stderr).toBe(0)
    expect(check.stdout + check.stderr).toContain('Checked 4 files')
  }, 30_000)

  it.each([
    ['plain', "'plain'"],
    ['it\'s "quoted"', `'it\\'s "quoted"'`],
    ["two 'single' quotes", `"two 'single' quotes"`],
    ['back\\slash\nline', "'back\\\\slash\\nline'"],
  ])('quotes %j the way Biome does', (text, literal) => {
    expect(quoteLikeBiome(text)).toBe(literal)
    // And it is the same string again.
    expect(new Function(`return ${literal}`)()).toBe(text)
  })
})
