import { describe, expect, it } from 'vitest'
import { apiNamed } from '../../apis/all.ts'
import { loadContract } from '../../contract/load-schemas.ts'
import { validateExchange } from '../../contract/validate-exchange.ts'
import { parseBody } from '../../exchange.ts'
import { indexOf } from '../../registry/operations.ts'
import { contractFindings, EXCERPT_CHARS } from '../evidence.ts'
import { fixtureRun } from '../fixtures/run.ts'
import { REVENUECAT_LIKE, twoApiRun } from '../fixtures/two-apis.ts'
import { toRunError } from '../run-error.ts'
import type { TestRecord } from '../run-result.ts'
import { buildSummary } from '../summary.ts'
import { escapeHtml, formatDuration, renderHtml, rerunCommand } from './html.ts'

const ADAPTY = [apiNamed('adapty')]

const html = renderHtml(buildSummary(fixtureRun(), ADAPTY))

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
      '<code class="rerun">npx subcontract run --operation getProfile --runner newman --seed 7 --target remote --env .env</code>',
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
        // Another pointer each: 2000 causes, not one group of 2000.
        contract: [
          {
            check: 'response-schema',
            message: 'm'.repeat(200),
            pointer: `/data/field${i}`,
            value: 'v'.repeat(200),
          },
        ],
        exchange: { operationId: 'getProfile', request: big, response: big, curl: big },
      },
    }))
    const page = renderHtml(buildSummary(fixtureRun(many), ADAPTY))
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

describe('renderHtml: grouped failures, errors outside tests, rerun line', () => {
  const contract = fixtureRun().tests[1] as TestRecord
  const copies: TestRecord[] = Array.from({ length: 3 }, (_, i) => ({
    ...contract,
    fullName: `getProfile > copy ${i}`,
  }))

  it('shows failures with one cause as one card, with the count and the list of its tests', () => {
    const page = renderHtml(buildSummary(fixtureRun(copies), ADAPTY))
    expect(page.match(/<details class="failure"/g)).toHaveLength(3)
    expect(page).toContain('data-kind="contract" data-count="4"')
    expect(page).toContain('<span class="count">4 tests</span>')
    expect(page).toContain('<summary>4 tests with this cause</summary>')
    expect(page.match(/<li><code>tests\/adapty\/get-profile\.test\.ts<\/code> › /g)).toHaveLength(4)
    expect(page).toContain('<h2>Failures (6)</h2>')
    expect(page).toContain('<h3>Failed tests, grouped into 3 cause(s)</h3>')
    expect(page).toContain('<span id="failure-count" aria-live="polite">6 of 6 shown</span>')
  })

  it('shows each error outside tests with its message, file, place and stack', () => {
    const error = toRunError(
      'vitest',
      {
        message: 'profile setup failed <b>',
        stack: 'Error\n    at setUp (tests/support/adapty-data.ts:56:15)',
      },
      { file: 'tests/adapty/get-profile.test.ts', where: 'beforeAll or describe of "getProfile"' },
    )
    const page = renderHtml(buildSummary({ ...fixtureRun(), runErrors: [error] }, ADAPTY))
    expect(page).toContain('<h3 id="run-errors">Errors outside any test (1)</h3>')
    expect(page).toContain(
      '<code>tests/adapty/get-profile.test.ts</code> · beforeAll or describe of &quot;getProfile&quot;',
    )
    expect(page).toContain('<pre class="message">profile setup failed &lt;b&gt;</pre>')
    expect(page).toContain('<pre class="stack">at setUp (tests/support/adapty-data.ts:56:15)</pre>')
    expect(page).toContain('id="outcome">failed</span>')
  })

  it('reruns a remote failure with the env file, --allow-writes and --strict the run had', () => {
    const failure = { api: 'adapty', operationId: 'createProfile', runner: 'vitest' }
    expect(
      rerunCommand(failure, {
        seed: 3,
        target: 'remote',
        strictExtraFields: true,
        invocation: { envFile: 'sbf.env', allowWrites: true, strict: true },
      }),
    ).toBe(
      'npx subcontract run --operation createProfile --runner vitest --seed 3 --target remote --env sbf.env --allow-writes --strict',
    )
    expect(
      rerunCommand(failure, {
        seed: 3,
        target: 'remote',
        strictExtraFields: false,
        invocation: { envFile: 'my env/.env', allowWrites: false, strict: false },
      }),
    ).toBe(
      "npx subcontract run --operation createProfile --runner vitest --seed 3 --target remote --env 'my env/.env'",
    )
  })

  it('shows a body that is not JSON as text in the Actual cell, not as an escaped JSON string', () => {
    const bodyText = '{"data": {"profile_id": "a"'
    const getProfile = indexOf(apiNamed('adapty').operations).get('adapty', 'getProfile')
    const failures = validateExchange(loadContract(), getProfile, {
      api: 'adapty',
      operationId: 'getProfile',
      request: { method: 'GET', url: 'https://api.example.test/x', headers: {} },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        bodyText,
        ...parseBody(bodyText),
      },
      durationMs: 1,
      attempts: 1,
    })
    const findings = contractFindings(failures)
    const [first] = findings
    expect(first?.check).toBe('body-presence')
    const broken: TestRecord = {
      ...contract,
      evidence: { expected: first?.expected ?? '', actual: first?.value ?? '', contract: findings },
    }
    const page = renderHtml(buildSummary(fixtureRun([broken]), ADAPTY))
    expect(page).toContain(
      '<dt>Actual</dt><dd><code>{&quot;data&quot;: {&quot;profile_id&quot;: &quot;a&quot;</code></dd>',
    )
    expect(page).not.toContain('\\&quot;')
    expect(page).toContain(
      '<td><code>{&quot;data&quot;: {&quot;profile_id&quot;: &quot;a&quot;</code></td>',
    )
  })
})

describe('renderHtml over two APIs', () => {
  const page = renderHtml(buildSummary(twoApiRun(), [...ADAPTY, REVENUECAT_LIKE]))

  it('groups the matrix rows by API, then tag, with a row for every operation of both', () => {
    const groups = [...page.matchAll(/<tr class="group"><th[^>]*>([^<]+)<\/th>/g)].map((m) => m[1])
    expect(groups.slice(-3)).toEqual([
      'revenuecat · Customer',
      'revenuecat · Entitlement',
      'revenuecat · Project',
    ])
    expect(groups.filter((g) => g?.startsWith('adapty · '))).toHaveLength(groups.length - 3)
    expect(page.match(/<tr class="op" data-api="revenuecat"/g)).toHaveLength(5)
    expect(page.match(/<tr class="op"/g)).toHaveLength((ADAPTY[0]?.operations.length ?? 0) + 5)
    expect(page).toContain('<th scope="col">501</th>')
  })

  it('shows a 501 as undocumented and failed, and the documented success as not exercised', () => {
    const row = page.match(
      /<tr class="op" data-api="revenuecat" data-operation="list-projects">.*<\/tr>/,
    )?.[0]
    expect(row).toContain(
      '<td class="cell bad undoc" data-status="501" title="observed, but not documented"><span class="flag">undocumented</span><span class="mark bad"',
    )
    expect(row).toContain(
      'data-status="200" title="documented, never exercised">not exercised</td>',
    )
    expect(row).not.toContain('✓')
  })

  it('gives coverage totals per API', () => {
    expect(page).toContain(
      '<li data-api="revenuecat"><b>revenuecat</b>: 5 operations; 2 of 30 documented statuses exercised with a contract check; <b class="bad-text">3 undocumented status(es) observed</b>.</li>',
    )
    expect(page).toContain('<li data-api="adapty"><b>adapty</b>: 19 operations;')
  })
})
