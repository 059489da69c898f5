// The HTML report in a real browser: a run in which tests fail on purpose (a malformed body on
// getPaywall, connection resets on createProfile), opened from disk in headless Chromium.
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../src/report/summary.ts'
import { type FaultyRun, runAgainstFaultySandbox } from '../support/faulty-run.ts'
import { CHROMIUM } from './global-setup.ts'

const SELECTED = ['getProfile', 'getPaywall', 'createProfile', 'listPaywalls']

let run: FaultyRun
let summary: Summary
let browser: Browser
let page: Page
const requested: string[] = []

describe('report.html in Chromium', () => {
  beforeAll(async () => {
    run = await runAgainstFaultySandbox({
      faults: [
        { operationId: 'getPaywall', kind: 'malformed', times: 10_000 },
        { operationId: 'createProfile', kind: 'reset', times: 10_000 },
      ],
      args: SELECTED.flatMap((op) => ['--operation', op]),
    })
    summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8')) as Summary
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    // A fresh profile (user-data-dir) per context: nothing carries over between runs.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    page = await context.newPage()
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(`file://${join(run.reportDir, 'report.html')}`)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await run?.sandbox.close()
  })

  it('comes from a run that failed on purpose, with contract and transport failures', () => {
    expect(run.status, run.output).toBe(1)
    const kinds = new Set(summary.failures.map((f) => f.kind))
    expect(kinds).toContain('contract')
    expect(kinds).toContain('transport')
  })

  it('loads nothing but itself: no network, no CDN', () => {
    expect(requested.filter((url) => !url.startsWith('file://'))).toEqual([])
  })

  it('renders one matrix row per selected operation, grouped by API and tag', async () => {
    const rows = page.locator('table.matrix tbody tr.op')
    await expect.poll(() => rows.count()).toBe(SELECTED.length)
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-operation')))
    expect([...ids].sort()).toEqual([...SELECTED].sort())
    const groups = await page.locator('table.matrix tr.group').allTextContents()
    expect(groups).toEqual(['adapty · Profile', 'adapty · Paywalls'])
  })

  it('marks documented-but-never-exercised statuses apart from undocumented ones', async () => {
    const createProfile = page.locator('tr.op[data-operation="createProfile"]')
    // Every createProfile request was reset: each documented status is "not exercised".
    await expect
      .poll(() => createProfile.locator('td.cell.gap').count())
      .toBe(
        summary.operations.find((o) => o.operationId === 'createProfile')?.documentedStatuses
          .length,
      )
    const getPaywall200 = page.locator('tr.op[data-operation="getPaywall"] td[data-status="200"]')
    expect(await getPaywall200.getAttribute('class')).toContain('bad')
  })

  it('expands a failure to show its evidence and a curl command with the key as a placeholder', async () => {
    const failure = page.locator('details.failure[data-kind="contract"]').first()
    expect(await failure.getAttribute('open')).toBeNull()
    const curl = failure.locator('.curl code')
    expect(await curl.isVisible()).toBe(false)
    await failure.locator(':scope > summary').click()
    await expect.poll(() => curl.isVisible()).toBe(true)
    const command = await curl.textContent()
    expect(command).toMatch(
      /^curl -X GET 'http:\/\/127\.0\.0\.1:\d+\/api\/v2\/server-side-api\/paywalls\//,
    )
    expect(command).toContain('"Authorization: Api-Key $ADAPTY_SECRET_API_KEY"')
    const key = run.sandbox.apis.adapty?.apiKey
    expect(key).toBeDefined()
    expect(command).not.toContain(key as string)
    const findings = await failure.locator('table.findings tbody tr').count()
    expect(findings).toBeGreaterThan(0)
  })

  it('filters failure groups by kind and runner, and says how many failures it shows', async () => {
    const all = summary.failures.length
    const transport = summary.groups.filter((g) => g.kind === 'transport')
    const count = (groups: typeof transport) => groups.reduce((n, g) => n + g.count, 0)
    await page.selectOption('select[data-filter="kind"]', 'transport')
    const visibleKinds = await page
      .locator('details.failure:visible')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))
    expect(visibleKinds.length).toBe(transport.length)
    expect(new Set(visibleKinds)).toEqual(new Set(['transport']))
    expect(await page.locator('details.failure[data-kind="contract"]').first().isHidden()).toBe(
      true,
    )
    expect(await page.locator('#failure-count').textContent()).toBe(
      `${count(transport)} of ${all} shown`,
    )

    await page.selectOption('select[data-filter="runner"]', 'newman')
    const both = transport.filter((g) => g.runner === 'newman')
    await expect.poll(() => page.locator('details.failure:visible').count()).toBe(both.length)
    expect(await page.locator('#failure-count').textContent()).toBe(
      `${count(both)} of ${all} shown`,
    )

    await page.selectOption('select[data-filter="kind"]', '')
    await page.selectOption('select[data-filter="runner"]', '')
    await expect
      .poll(() => page.locator('details.failure:visible').count())
      .toBe(summary.groups.length)
  })

  it('shows failures with one cause once, with their count, and lists the tests on demand', async () => {
    const group = summary.groups.find((g) => g.count > 1)
    expect(group, 'a fault on every createProfile gives many failures of one cause').toBeDefined()
    expect(summary.groups.length).toBeLessThan(summary.failures.length)
    const card = page.locator(`details.failure[data-count="${group?.count}"]`).first()
    await expect.poll(() => card.locator('.count').textContent()).toBe(`${group?.count} tests`)
    await card.locator(':scope > summary').click()
    const list = card.locator('details.tests')
    await list.locator('summary').click()
    await expect.poll(() => list.locator('li').count()).toBe(group?.count)
  })

  it('shows the errors outside tests (a setup hook that failed) with file and stack', async () => {
    // getProfile's beforeAll creates a profile, and every createProfile is reset.
    const error = summary.runErrors.find((e) => e.file === 'tests/adapty/get-profile.test.ts')
    expect(error?.where).toMatch(/^beforeAll or describe of "getProfile"/)
    const item = page.locator('li.run-error').filter({ hasText: 'get-profile.test.ts' })
    await expect.poll(() => item.isVisible()).toBe(true)
    expect(await item.locator('pre.stack').textContent()).toMatch(
      /tests\/support\/adapty-data\.ts:\d+/,
    )
  })

  it('saves a screenshot in the temp directory, not in reports/', async () => {
    // Beside the report it shows, in the run's temporary directory: npm test leaves no file.
    const path = join(run.reportDir, 'report-browser.png')
    expect(path.startsWith(tmpdir())).toBe(true)
    const png = await page.screenshot({ path, fullPage: true })
    process.stdout.write(`report screenshot: ${path}\n`)
    // A PNG signature, and more than an empty page's worth of pixels.
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.length).toBeGreaterThan(20_000)
    expect(readFileSync(path).equals(png)).toBe(true)
  })
})
