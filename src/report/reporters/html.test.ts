import { describe, expect, it } from 'vitest'
import { EXCERPT_CHARS } from '../evidence.ts'
import { fixtureRun } from '../fixtures/run.ts'
import type { TestRecord } from '../run-result.ts'
import { buildSummary } from '../summary.ts'
import { escapeHtml, formatDuration, renderHtml } from './html.ts'

const html = renderHtml(buildSummary(fixtureRun(), ['adapty']))

describe('renderHtml', () => {
  it('is one self-contained page: inline style and script, no external reference', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<style>')
    expect(html).toContain('<script>')
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/)
    expect(html).toContain("default-src 'none'")
  })

  it('shows the target host, never credentials from the URL', () => {
    expect(html).toContain('<code>api.example.test</code>')
    expect(html).not.toContain('user:pw')
  })

  it('escapes test names and values', () => {
    expect(html).toContain('has a profile_id string &lt;script&gt;')
    expect(html).not.toContain('string <script>')
  })

  it('has one matrix row per registry operation, and a column per documented or observed status', () => {
    expect(html.match(/<tr class="op"/g)).toHaveLength(19)
    expect(html).toContain('<th scope="col">418</th>')
    expect(html).toContain('<span class="flag">undocumented</span>')
    expect(html).toContain('title="documented, never exercised">not exercised</td>')
  })

  it('puts failures first, each with its kind, runner and API for the filters', () => {
    const failures = html.indexOf('id="failures"')
    expect(failures).toBeGreaterThan(0)
    expect(failures).toBeLessThan(html.indexOf('id="coverage"'))
    expect(html.match(/<details class="failure"/g)).toHaveLength(3)
    expect(html).toContain('data-api="adapty" data-runner="newman" data-kind="assertion"')
    expect(html).toContain('<code>/data/profile_id</code>')
    expect(html).toContain('Api-Key $ADAPTY_SECRET_API_KEY')
    expect(html).toContain(
      '<code class="rerun">npx subcontract run --operation getProfile --runner newman --seed 7 --target remote --env-file .env</code>',
    )
  })

  it('shows latency bars and retries', () => {
    expect(html).toContain('aria-label="p50 10 ms, p95 30 ms"')
    expect(html).toContain('1 request(s) retried: 3 attempts, 250 ms waiting')
  })

  it('stays under 1 MB with every failure at its largest', () => {
    const big = 'x'.repeat(EXCERPT_CHARS * 2)
    const worst = fixtureRun().tests[1] as TestRecord
    const many: TestRecord[] = Array.from({ length: 2000 }, (_, i) => ({
      ...worst,
      name: `failure ${i}`,
      fullName: `getProfile > failure ${i} ${'y'.repeat(100)}`,
      reason: 'r'.repeat(200),
      evidence: {
        expected: 'e'.repeat(600),
        actual: 'a'.repeat(600),
        contract: [{ check: 'response-schema', message: 'm'.repeat(200), value: 'v'.repeat(200) }],
        exchange: { operationId: 'getProfile', request: big, response: big, curl: big },
      },
    }))
    const page = renderHtml(buildSummary(fixtureRun(many), ['adapty']))
    expect(Buffer.byteLength(page)).toBeLessThan(1024 * 1024)
    const shown = page.match(/<details class="failure"/g)?.length ?? 0
    expect(shown).toBeGreaterThan(10)
    expect(page).toContain(`${2003 - shown} more failure(s) are not shown`)
    expect(page).toContain('<h2>Failures (2003)</h2>')
    expect(page.endsWith('</html>\n')).toBe(true)
  })
})

describe('helpers', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    )
  })
  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(27_940)).toBe('27.9 s')
    expect(formatDuration(184_000)).toBe('3 min 04 s')
  })
})
