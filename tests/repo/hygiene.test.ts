import { describe, expect, it } from 'vitest'
import { APIS } from '../../src/apis/all.ts'
import { ENV_VARIABLES } from '../../src/config/load-config.ts'
import { listFiles, read } from './files.ts'

const TEXT_FILES = ['src', 'tests', 'scripts', 'fixtures', 'docs'].flatMap((dir) =>
  [...listFiles(dir, '.ts'), ...listFiles(dir, '.json'), ...listFiles(dir, '.md')].filter(
    (f) => !f.endsWith('hygiene.test.ts'),
  ),
)

// Phrases that only appear in the vendors' own spec or prose; the project's contract is its own.
const VENDOR_PHRASES = [
  // Split so that this file does not itself match the repository's vendor-text check.
  ['Creates a new end user', 'of your app in Adapty'],
  ['title: Adapty', 'server-side API'],
  ["Your end user's", 'first name'],
  ['needs for resolve', 'a race condition'],
].map((parts) => parts.join(' '))

describe('repository hygiene', () => {
  it('carries no vendor prose', () => {
    const hits = TEXT_FILES.flatMap((file) =>
      VENDOR_PHRASES.filter((p) => read(file).includes(p)).map((p) => `${file}: ${p}`),
    )
    expect(hits).toEqual([])
  })

  it('commits nothing that looks like a real secret key', () => {
    const pattern =
      /secret_live_[A-Za-z0-9]{6,}\.[A-Za-z0-9]{20,}|sk_(live|test)_[A-Za-z0-9]{24,}|Bearer [A-Za-z0-9_]{30,}/
    expect(TEXT_FILES.filter((file) => pattern.test(read(file)))).toEqual([])
  })

  it('lists every configuration variable in .env.example with a comment', () => {
    const example = read('.env.example')
    const names = [
      ...Object.keys(ENV_VARIABLES),
      ...APIS.flatMap((api) => api.target.variables.map((v) => v.name)),
    ]
    for (const name of names) {
      expect(example, name).toMatch(new RegExp(`#[^\\n]*\\n${name}=`))
    }
    // Each API's block is headed by its title.
    for (const api of APIS) expect(example, api.name).toContain(`\n# ${api.title}\n`)
  })

  it('keeps .env out of git', () => {
    expect(read('.gitignore').split('\n')).toContain('.env')
  })
})
