/**
 * reports/report.html: one self-contained page (inline styles and script, no network) rendered
 * from summary.json alone. Failures come first, then the operation × status coverage matrix, then
 * latency. Every value is HTML-escaped; every value was redacted before it reached the summary.
 */
import { truncate } from '../../redact/redact.ts'
import type { FailureEvidence } from '../evidence.ts'
import type { RunError } from '../run-error.ts'
import type {
  CoverageCell,
  FailureGroup,
  FailureSummary,
  OperationSummary,
  Summary,
} from '../summary.ts'

const RUNNER_LETTER: Record<string, string> = { vitest: 'V', newman: 'N' }

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const esc = escapeHtml

/** Characters of failure markup the page holds at most; later failures are listed by count. */
export const FAILURE_BUDGET = 600_000

/** Longest single evidence text shown (excerpts are already short; this guards older files). */
const TEXT_LIMIT = 4000

function clip(text: string, limit = TEXT_LIMIT): string {
  return truncate(text, limit)
}

/** "27.9 s", "3 min 04 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host // never the userinfo part of a URL
  } catch {
    return url
  }
}

function statusColumns(operations: readonly OperationSummary[]): string[] {
  const all = new Set(operations.flatMap((op) => op.coverage.map((c) => c.status)))
  return [...all].sort((a, b) => Number(a) - Number(b))
}

function countsCells(counts: { passed: number; failed: number; skipped: number } | undefined) {
  if (counts === undefined) return '<td>–</td><td>–</td><td>–</td>'
  return `<td class="num">${counts.passed}</td><td class="num${counts.failed > 0 ? ' bad' : ''}">${counts.failed}</td><td class="num">${counts.skipped}</td>`
}

function renderHeader(summary: Summary): string {
  const passed = summary.totals.failed === 0 && summary.runErrors.length === 0
  const hosts = Object.entries(summary.baseUrls)
    .map(([api, url]) => `${esc(api)}: <code>${esc(hostOf(url))}</code>`)
    .join(', ')
  const target =
    summary.target === 'local' ? `local, the embedded sandbox (${hosts})` : `remote (${hosts})`
  const versions = Object.entries(summary.versions)
    .map(([name, version]) => `${esc(name)} ${esc(version)}`)
    .join(' · ')
  const rows: string[] = []
  for (const [api, entry] of Object.entries(summary.apis)) {
    rows.push(
      `<tr><th scope="row">${esc(api)}</th><td>all runners</td>${countsCells(entry.totals)}</tr>`,
    )
    for (const [runner, counts] of Object.entries(entry.runners))
      rows.push(`<tr><td></td><td>${esc(runner)}</td>${countsCells(counts)}</tr>`)
  }
  const { requests, attempts, waitMs } = summary.retries
  return `<header>
<h1>subcontract report <span class="badge ${passed ? 'ok' : 'bad'}" id="outcome">${passed ? 'passed' : 'failed'}</span></h1>
<dl class="meta">
<dt>Target</dt><dd id="target">${target}</dd>
<dt>Date</dt><dd><time datetime="${esc(summary.startedAt)}">${esc(summary.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time></dd>
<dt>Duration</dt><dd>${esc(formatDuration(summary.durationMs))}</dd>
<dt>Seed</dt><dd>${summary.seed}${summary.strictExtraFields ? ' · strict (extra properties fail)' : ''}</dd>
<dt>Versions</dt><dd>${versions}</dd>
<dt>Retries</dt><dd id="retries">${requests === 0 ? 'none' : `${requests} request(s) retried: ${attempts} attempts, ${waitMs} ms waiting`}</dd>
</dl>
<table class="totals"><thead><tr><th>API</th><th>Runner</th><th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr><th scope="row">total</th><td></td>${countsCells(summary.totals)}</tr></tfoot></table>
</header>`
}

function renderEvidence(evidence: FailureEvidence | undefined): string {
  if (evidence === undefined)
    return '<p class="muted">No request evidence kept for this failure (see junit.xml for its detail).</p>'
  const parts: string[] = []
  if (evidence.expected !== undefined || evidence.actual !== undefined) {
    parts.push(`<dl class="diff">
<dt>Expected</dt><dd><code>${esc(clip(evidence.expected ?? '–', 600))}</code></dd>
<dt>Actual</dt><dd><code>${esc(clip(evidence.actual ?? '–', 600))}</code></dd></dl>`)
  }
  if (evidence.contract !== undefined && evidence.contract.length > 0) {
    const rows = evidence.contract
      .map(
        (f) =>
          `<tr><td>${esc(f.check)}</td><td><code>${esc(f.pointer === undefined ? '–' : f.pointer === '' ? '(root)' : f.pointer)}</code></td><td>${esc(f.keyword ?? '–')}</td><td>${esc(f.expected ?? '–')}</td><td><code>${esc(f.value ?? '–')}</code></td><td>${esc(f.message)}</td></tr>`,
      )
      .join('')
    parts.push(
      `<table class="findings"><thead><tr><th>Check</th><th>Pointer</th><th>Keyword</th><th>Expected</th><th>Value</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>`,
    )
  }
  if (evidence.attempts !== undefined && evidence.attempts.length > 0) {
    const items = evidence.attempts
      .map(
        (a) =>
          `<li>attempt ${a.attempt}: ${esc(a.outcome)}${a.waitMs > 0 ? ` — then waited ${a.waitMs} ms` : ''}</li>`,
      )
      .join('')
    parts.push(`<ol class="attempts">${items}</ol>`)
  }
  const ex = evidence.exchange
  if (ex !== undefined) {
    parts.push(`<div class="exchange">
<figure><figcaption>Request (redacted)</figcaption><pre>${esc(clip(ex.request))}</pre></figure>
<figure><figcaption>Response (redacted)</figcaption><pre>${esc(clip(ex.response ?? '(no response)'))}</pre></figure>
</div>
<div class="curl"><div class="curl-head">Reproduce <button type="button" class="copy">copy</button></div><pre><code>${esc(clip(ex.curl))}</code></pre></div>`)
  }
  return parts.join('\n')
}

/** Quotes a word for a POSIX shell when it needs it. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * The command that reruns just this failure's operation with the same runner and seed, and, on
 * a remote target, the env file and the --allow-writes and --strict the run was given.
 */
export function rerunCommand(
  failure: Pick<FailureSummary, 'api' | 'operationId' | 'runner'>,
  summary: Pick<Summary, 'seed' | 'target' | 'invocation' | 'strictExtraFields'>,
): string {
  const scope =
    failure.operationId === null ? `--api ${failure.api}` : `--operation ${failure.operationId}`
  const invocation = summary.invocation
  const parts = [`npx subcontract run ${scope} --runner ${failure.runner} --seed ${summary.seed}`]
  if (summary.target !== 'local') {
    parts.push(`--target ${shellWord(summary.target)}`)
    parts.push(`--env ${shellWord(invocation?.envFile ?? '.env')}`)
    if (invocation?.allowWrites === true) parts.push('--allow-writes')
  }
  if (invocation?.strict === true || summary.strictExtraFields) parts.push('--strict')
  return parts.join(' ')
}

/** Tests listed in a group card; the rest are counted (every one is in summary.json). */
export const GROUP_LIST_LIMIT = 200

function renderGroup(group: FailureGroup, index: number, summary: Summary): string {
  const members = group.failures
    .map((i) => summary.failures[i])
    .filter((f): f is FailureSummary => f !== undefined)
  const first = members[0]
  if (first === undefined) return ''
  const where = `${group.api}.${group.operationId ?? '(cross-cutting)'}${group.status === null ? '' : ` → ${group.status}`}`
  const single = members.length === 1
  const count = single ? '' : ` <span class="count">${members.length} tests</span>`
  const test = single ? ` <span class="test">${esc(clip(first.test, 300))}</span>` : ''
  const files = [...new Set(members.map((m) => m.file))]
  const list = single
    ? ''
    : `<details class="tests"><summary>${members.length} tests with this cause</summary><ul class="group-tests">${members
        .slice(0, GROUP_LIST_LIMIT)
        .map((m) => `<li><code>${esc(m.file)}</code> › ${esc(clip(m.test, 300))}</li>`)
        .join(
          '',
        )}</ul>${members.length > GROUP_LIST_LIMIT ? `<p class="muted">… and ${members.length - GROUP_LIST_LIMIT} more: every one is in summary.json and junit.xml.</p>` : ''}</details>
<p class="muted">Evidence of the first of them:</p>`
  return `<details class="failure" id="failure-${index}" data-api="${esc(group.api)}" data-runner="${esc(group.runner)}" data-kind="${esc(group.kind)}" data-count="${members.length}">
<summary><span class="kind ${esc(group.kind)}">${esc(group.kind)}</span> <span class="runner">${esc(group.runner)}</span> <b>${esc(where)}</b>${count}${test}<br><span class="reason">${esc(clip(group.cause, 300))}</span></summary>
<div class="body">
<p class="muted">${esc(files.slice(0, 5).join(', '))}${files.length > 5 ? ` and ${files.length - 5} more files` : ''} · rerun: <code class="rerun">${esc(rerunCommand(group, summary))}</code></p>
${list}
${renderEvidence(first.evidence)}
</div>
</details>`
}

function renderRunError(error: RunError): string {
  const place = [
    error.file === undefined ? undefined : `<code>${esc(error.file)}</code>`,
    error.where === undefined ? undefined : esc(error.where),
  ]
    .filter((p) => p !== undefined)
    .join(' · ')
  return `<li class="run-error" data-source="${esc(error.source)}" data-kind="${esc(error.kind ?? 'error')}">
<p><span class="kind${error.kind === 'transport' ? ' transport' : ''}">${esc(error.source)}</span> ${place}</p>
<pre class="message">${esc(clip(error.message))}</pre>
${error.stack === undefined ? '' : `<pre class="stack">${esc(clip(error.stack))}</pre>`}
</li>`
}

function select(name: string, label: string, values: readonly string[]): string {
  const options = values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')
  return `<label>${label} <select data-filter="${name}"><option value="">all</option>${options}</select></label>`
}

function renderFailures(summary: Summary): string {
  // Groups are rendered until the budget is spent; the rest are counted, never cut mid-way.
  const rendered: string[] = []
  const shownGroups: FailureGroup[] = []
  let spent = 0
  for (const [index, group] of summary.groups.entries()) {
    const markup = renderGroup(group, index, summary)
    if (spent + markup.length > FAILURE_BUDGET) break
    rendered.push(markup)
    shownGroups.push(group)
    spent += markup.length
  }
  const shownFailures = shownGroups.reduce((n, g) => n + g.count, 0)
  const omitted = summary.failures.length - shownFailures
  if (summary.failures.length === 0 && summary.runErrors.length === 0)
    return '<section id="failures"><h2>Failures</h2><p class="ok-text">No failures.</p></section>'
  const distinct = (key: 'api' | 'runner' | 'kind') =>
    [...new Set(shownGroups.map((g) => g[key]))].sort()
  const errors =
    summary.runErrors.length === 0
      ? ''
      : `<h3 id="run-errors">Errors outside any test (${summary.runErrors.length})</h3>
<p class="muted">A hook, a file that did not load, or a script failed: the tests it set up did not run, or ran without it.</p>
<ul class="run-errors">${summary.runErrors.slice(0, 50).map(renderRunError).join('\n')}</ul>${summary.runErrors.length > 50 ? `<p class="muted">${summary.runErrors.length - 50} more in summary.json.</p>` : ''}`
  const groups = summary.groups.length
  const heading =
    summary.failures.length === 0
      ? ''
      : `<h3>Failed tests${groups < summary.failures.length ? `, grouped into ${groups} cause(s)` : ''}</h3>
<div class="filters" role="group" aria-label="Filter failures">
${select('api', 'API', distinct('api'))}
${select('runner', 'Runner', distinct('runner'))}
${select('kind', 'Kind', distinct('kind'))}
<button type="button" id="expand-all">expand all</button> <button type="button" id="collapse-all">collapse all</button>
<span id="failure-count" aria-live="polite">${shownFailures} of ${shownFailures} shown</span>
</div>`
  return `<section id="failures">
<h2>Failures (${summary.failures.length})</h2>
${errors}
${heading}
${rendered.join('\n')}
${omitted === 0 ? '' : `<p class="omitted" id="failures-omitted">${omitted} more failure(s) are not shown, to keep this page small: every one is in summary.json and junit.xml.</p>`}
</section>`
}

function renderCell(cell: CoverageCell | undefined, runners: readonly string[]): string {
  if (cell === undefined) return '<td class="cell na" title="not documented">·</td>'
  const seen = runners.filter((r) => (cell.runners[r]?.exchanges ?? 0) > 0)
  if (seen.length === 0)
    return `<td class="cell gap" data-status="${esc(cell.status)}" title="documented, never exercised">not exercised</td>`
  const undocumented = !cell.documented
  const marks = seen
    .map((r) => {
      const counts = cell.runners[r] ?? { exchanges: 0, failed: 0 }
      // An undocumented status is never a pass, whatever the test made of it.
      const ok = counts.failed === 0 && !undocumented
      const title = undocumented
        ? `${counts.exchanges} answer(s) with this undocumented status`
        : `${counts.exchanges} checked, ${counts.failed} failed`
      return `<span class="mark ${ok ? 'ok' : 'bad'}" title="${esc(r)}: ${title}">${esc(RUNNER_LETTER[r] ?? r)}${ok ? '✓' : '✗'}</span>`
    })
    .join('')
  const failed = undocumented || seen.some((r) => (cell.runners[r]?.failed ?? 0) > 0)
  const classes = ['cell', failed ? 'bad' : 'ok', undocumented ? 'undoc' : ''].join(' ').trim()
  const title = undocumented ? ' title="observed, but not documented"' : ''
  return `<td class="${classes}" data-status="${esc(cell.status)}"${title}>${undocumented ? '<span class="flag">undocumented</span>' : ''}${marks}</td>`
}

/** "24 operations; 9 of 180 documented statuses exercised with a contract check; …". */
function coverageTotals(operations: readonly OperationSummary[]): string {
  const documented = operations.reduce((n, op) => n + op.documentedStatuses.length, 0)
  const exercised = operations.reduce(
    (n, op) => n + op.documentedStatuses.length - op.unexercisedStatuses.length,
    0,
  )
  const undocumented = operations.reduce((n, op) => n + op.undocumentedStatuses.length, 0)
  return `${operations.length} operations; ${exercised} of ${documented} documented statuses exercised with a contract check${undocumented > 0 ? `; <b class="bad-text">${undocumented} undocumented status(es) observed</b>` : ''}.`
}

function renderMatrix(summary: Summary): string {
  const columns = statusColumns(summary.operations)
  const runners = Object.keys(summary.runners).sort((a, b) => b.localeCompare(a))
  const groups = new Map<string, OperationSummary[]>()
  for (const op of summary.operations) {
    const key = `${op.api} · ${op.tag}`
    groups.set(key, [...(groups.get(key) ?? []), op])
  }
  const body: string[] = []
  for (const [group, ops] of groups) {
    body.push(
      `<tr class="group"><th colspan="${columns.length + 4}" scope="rowgroup">${esc(group)}</th></tr>`,
    )
    for (const op of ops) {
      const byStatus = new Map(op.coverage.map((c) => [c.status, c]))
      const cells = columns.map((status) => renderCell(byStatus.get(status), runners)).join('')
      body.push(
        `<tr class="op" data-api="${esc(op.api)}" data-operation="${esc(op.operationId)}"><th scope="row">${esc(op.operationId)}<br><span class="muted"><code>${esc(op.method)} ${esc(op.path)}</code></span></th>${cells}${fieldsCellHtml(op)}<td class="num">${op.passed}</td><td class="num${op.failed > 0 ? ' bad' : ''}">${op.failed}</td></tr>`,
      )
    }
  }
  const apis = [...new Set(summary.operations.map((op) => op.api))]
  const perApi =
    apis.length < 2
      ? ''
      : `\n<ul id="coverage-by-api">${apis
          .map(
            (api) =>
              `<li data-api="${esc(api)}"><b>${esc(api)}</b>: ${coverageTotals(summary.operations.filter((op) => op.api === api))}</li>`,
          )
          .join('')}</ul>`
  return `<section id="coverage">
<h2>Coverage: operations × documented statuses</h2>
<p id="coverage-totals">${coverageTotals(summary.operations)}</p>${perApi}
<p class="legend"><span class="mark ok">V✓</span> vitest, passed · <span class="mark ok">N✓</span> Newman, passed · <span class="mark bad">V✗</span> failed · <span class="cell-sample gap">not exercised</span> documented, never exercised · <span class="cell-sample na">·</span> not documented · <span class="flag">undocumented</span> observed but not documented</p>
<div class="scroll"><table class="matrix">
<thead><tr><th scope="col">Operation</th>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}<th scope="col">Fields</th><th scope="col">Passed</th><th scope="col">Failed</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div>
</section>`
}

/**
 * An operation's share of documented response fields seen, and what was not, per status, in a
 * list that opens on demand (a full run lists hundreds of items).
 */
function fieldsCellHtml(op: OperationSummary): string {
  const coverage = op.fieldCoverage
  if (coverage === undefined) return '<td class="na">·</td>'
  const percent = `${Math.floor(coverage.ratio * 100)}%`
  const missing = coverage.statuses.filter((s) => s.ratio < 1)
  const title = `${coverage.seen} of ${coverage.documented - coverage.allowed} seen${coverage.allowed > 0 ? `, ${coverage.allowed} allowed unseen` : ''}`
  if (missing.length === 0) return `<td class="num fields ok" title="${esc(title)}">${percent}</td>`
  const lists = missing
    .map((s) =>
      s.exercised
        ? `<li><b>${esc(s.status)}</b> ${esc(s.schema)}: <ul>${s.unseen.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul></li>`
        : `<li><b>${esc(s.status)}</b> ${esc(s.schema)}: never exercised (${s.documented - s.allowed} items)</li>`,
    )
    .join('')
  return `<td class="num fields${coverage.ratio < 1 ? ' warn' : ''}" title="${esc(title)}"><details><summary>${percent}</summary><ul class="unseen">${lists}</ul></details></td>`
}

function latencyBar(p50: number, p95: number, scale: number): string {
  const width = 160
  const x50 = Math.max(1, Math.round((p50 / scale) * width))
  const x95 = Math.max(x50, Math.round((p95 / scale) * width))
  return `<svg class="bar" width="${width}" height="14" viewBox="0 0 ${width} 14" role="img" aria-label="p50 ${p50} ms, p95 ${p95} ms"><rect x="0" y="3" width="${x95}" height="8" class="p95"/><rect x="0" y="3" width="${x50}" height="8" class="p50"/></svg>`
}

function renderLatency(summary: Summary): string {
  const measured = summary.operations.filter((op) => op.latency !== null)
  if (measured.length === 0)
    return '<section id="latency"><h2>Latency</h2><p class="muted">No requests were made.</p></section>'
  const scale = Math.max(1, ...measured.map((op) => op.latency?.p95 ?? 0))
  const rows = measured
    .map((op) => {
      const l = op.latency ?? { count: 0, p50: 0, p95: 0, max: 0 }
      return `<tr data-api="${esc(op.api)}" data-operation="${esc(op.operationId)}"><th scope="row">${esc(op.api)}.${esc(op.operationId)}</th><td class="num">${l.count}</td><td class="num">${l.p50}</td><td class="num">${l.p95}</td><td class="num">${l.max}</td><td class="num${op.retried > 0 ? ' warn' : ''}">${op.retried}</td><td class="num">${op.waitMs}</td><td>${latencyBar(l.p50, l.p95, scale)}</td></tr>`
    })
    .join('\n')
  return `<section id="latency">
<h2>Latency and retries</h2>
<p class="muted">Per operation, over every request both runners made (first attempt to final answer, waits included). Bars: <span class="key p50"></span> p50, <span class="key p95"></span> p95, scaled to the slowest p95 (${scale} ms).</p>
<table class="latency"><thead><tr><th>Operation</th><th>Requests</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>Retried</th><th>Waited ms</th><th>p50 / p95</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`
}

const STYLE = `
:root{--ok:#17803d;--ok-bg:#e6f4ea;--bad:#b42318;--bad-bg:#fdecea;--warn:#8a5a00;--gap-bg:#fff6d6;--muted:#5f6368;--line:#d9dce1;--bg:#fff;--fg:#1d1f23;--code-bg:#f5f6f8}
@media (prefers-color-scheme:dark){:root{--ok:#5cc27d;--ok-bg:#173324;--bad:#ff8a80;--bad-bg:#3b1b1b;--warn:#f2c14e;--gap-bg:#3a3217;--muted:#a0a4ab;--line:#3a3d42;--bg:#16181b;--fg:#e8eaed;--code-bg:#202328}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1400px;padding:1rem 1.5rem 3rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:var(--code-bg);padding:.6rem;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:.2rem 0}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{font-size:.8rem;padding:.15rem .55rem;border-radius:999px;vertical-align:middle;text-transform:uppercase;letter-spacing:.04em}.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.bad{background:var(--bad-bg);color:var(--bad)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1rem}.meta dt{color:var(--muted)}.meta dd{margin:0}
nav a{margin-right:1rem}.muted{color:var(--muted)}.bad,.bad-text{color:var(--bad)}.warn{color:var(--warn)}.ok-text{color:var(--ok)}td.fields ul{text-align:left;font-weight:normal;margin:.2rem 0;padding-left:1rem}td.fields summary{cursor:pointer}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:center;margin:.5rem 0 1rem}
details.failure{border:1px solid var(--line);border-left:4px solid var(--bad);border-radius:6px;margin:.5rem 0;background:var(--bg)}
details.failure>summary{cursor:pointer;padding:.5rem .7rem;list-style-position:outside}details.failure .body{padding:0 .8rem .8rem}
.kind{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:4px;background:var(--bad-bg);color:var(--bad);text-transform:uppercase}.kind.transport{background:var(--gap-bg);color:var(--warn)}
.count{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .4rem;border-radius:999px;background:var(--bad);color:#fff}.run-errors{padding-left:1.2rem}.run-error p{margin:.3rem 0}
.runner{font-size:.8rem;color:var(--muted)}.reason{color:var(--bad)}.test{color:var(--muted)}
.diff{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}.diff dt{font-weight:600}.diff dd{margin:0}
.findings{margin:.5rem 0;width:100%}.exchange{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}@media (max-width:900px){.exchange{grid-template-columns:1fr}}
figure{margin:.4rem 0}figcaption{font-weight:600;font-size:.85rem}.curl-head{font-weight:600;font-size:.85rem;margin-top:.4rem}.copy{font-size:.75rem;margin-left:.5rem}
.scroll{overflow-x:auto}.matrix th[scope=col]{position:sticky;top:0;background:var(--bg)}.matrix tr.group th{background:var(--code-bg);font-weight:600}
.cell{text-align:center;white-space:nowrap;min-width:4.2rem}.cell.ok{background:var(--ok-bg)}.cell.bad{background:var(--bad-bg)}
.cell.gap,.cell-sample.gap{background:repeating-linear-gradient(135deg,var(--gap-bg),var(--gap-bg) 4px,transparent 4px,transparent 8px);color:var(--warn);font-size:.75rem}
.cell.na,.cell-sample.na{color:var(--muted)}.cell.undoc{outline:2px dashed var(--bad);outline-offset:-3px}.cell-sample{padding:0 .3rem}
.mark{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .25rem;margin:0 .1rem;border-radius:3px}.mark.ok{color:var(--ok)}.mark.bad{color:#fff;background:var(--bad)}
.flag{display:block;font-size:.65rem;color:var(--bad);text-transform:uppercase}.legend .flag{display:inline}
.bar .p50{fill:var(--ok)}.bar .p95{fill:var(--line)}.key{display:inline-block;width:.8rem;height:.6rem}.key.p50{background:var(--ok)}.key.p95{background:var(--line)}
`

const SCRIPT = `
(function(){
  var failures=[].slice.call(document.querySelectorAll('details.failure'));
  var selects=[].slice.call(document.querySelectorAll('select[data-filter]'));
  var count=document.getElementById('failure-count');
  function size(f){return Number(f.getAttribute('data-count')||'1');}
  var total=failures.reduce(function(n,f){return n+size(f);},0);
  function apply(){
    var shown=0;
    failures.forEach(function(f){
      var ok=selects.every(function(s){return s.value===''||f.getAttribute('data-'+s.getAttribute('data-filter'))===s.value;});
      f.hidden=!ok; if(ok) shown+=size(f);
    });
    if(count) count.textContent=shown+' of '+total+' shown';
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  var expand=document.getElementById('expand-all'), collapse=document.getElementById('collapse-all');
  if(expand) expand.addEventListener('click',function(){failures.forEach(function(f){if(!f.hidden) f.open=true;});});
  if(collapse) collapse.addEventListener('click',function(){failures.forEach(function(f){f.open=false;});});
  [].slice.call(document.querySelectorAll('button.copy')).forEach(function(b){
    b.addEventListener('click',function(){
      var code=b.closest('.curl').querySelector('code').textContent;
      if(navigator.clipboard){navigator.clipboard.writeText(code).then(function(){b.textContent='copied';},function(){b.textContent='select and copy';});}
    });
  });
})();
`

/** Renders the whole report page. */
export function renderHtml(summary: Summary): string {
  const title = `subcontract report: ${summary.totals.failed} failed, ${summary.totals.passed} passed`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${renderHeader(summary)}
<nav><a href="#failures">Failures (${summary.failures.length})</a><a href="#coverage">Coverage</a><a href="#latency">Latency</a></nav>
<main>
${renderFailures(summary)}
${renderMatrix(summary)}
${renderLatency(summary)}
</main>
<footer class="muted"><p>Rebuild this page from summary.json with <code>npx subcontract report</code>.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}
