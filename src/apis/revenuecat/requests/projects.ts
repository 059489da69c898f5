/**
 * The collection's project, collaborator and audit log requests. create-project runs on the
 * subcontract sandbox only (`sandbox_control`): no operation deletes a project, so one made on a
 * real account would stay (DECISIONS S-45); elsewhere its requests are skipped, the refusal
 * too (were a real API to take an empty body, it would make a project).
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { errorType, PROJECT, SANDBOX_ONLY, test } from './shared.ts'

/** Test lines: a list page of `object` items whose url is `url` (a Postman template). */
const listOf = (object: string, url: string) =>
  test(
    `a list of ${object} objects`,
    'var body = pm.response.json();',
    "pm.expect(body.object).to.eql('list');",
    `pm.expect(body.url).to.eql(pm.variables.replaceIn(${JSON.stringify(url)}));`,
    `body.items.forEach(function (item) { pm.expect(item.object).to.eql(${JSON.stringify(object)}); });`,
  )

/** Test lines: one item, and a next_page that carries the limit when there are more. */
const onePage = test(
  'one item, and the limit carried to the next page',
  'var body = pm.response.json();',
  'pm.expect(body.items.length).to.be.at.most(1);',
  "if (body.next_page !== null) { pm.expect(body.next_page).to.include('limit=1'); }",
)

/** Requests by operationId, in run order. */
export const PROJECTS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'list-projects': [
    {
      name: 'list-projects',
      operationId: 'list-projects',
      expectStatus: 200,
      query: { limit: '100' },
      tests: [
        ...listOf('project', '/v2/projects'),
        ...test(
          'the target project is listed',
          'var ids = pm.response.json().items.map(function (p) { return p.id; });',
          "pm.expect(ids).to.include(pm.environment.get('project_id'));",
        ),
      ],
    },
    {
      name: 'list-projects: limit 1',
      operationId: 'list-projects',
      expectStatus: 200,
      query: { limit: '1' },
      tests: onePage,
    },
    {
      name: 'list-projects: limit 0',
      operationId: 'list-projects',
      expectStatus: 400,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
  ],
  'create-project': [
    {
      name: 'create-project',
      operationId: 'create-project',
      expectStatus: 200,
      body: { name: 'subcontract-{{run_id}}-pm-project' },
      prerequest: SANDBOX_ONLY,
      tests: test(
        'the new project has the name given, and no icon yet',
        'var body = pm.response.json();',
        "pm.expect(body.name).to.eql(pm.variables.replaceIn('subcontract-{{run_id}}-pm-project'));",
        'pm.expect(body.icon_url).to.eql(null);',
      ),
    },
    {
      name: 'create-project: missing name',
      operationId: 'create-project',
      expectStatus: 400,
      body: {},
      prerequest: SANDBOX_ONLY,
      tests: errorType('parameter_error', 'name'),
    },
  ],
  'list-collaborators': [
    {
      name: 'list-collaborators',
      operationId: 'list-collaborators',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: listOf('collaborator', '/v2/projects/{{project_id}}/collaborators'),
    },
    {
      name: 'list-collaborators: limit 1',
      operationId: 'list-collaborators',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      tests: onePage,
    },
  ],
  'list-audit-logs': [
    {
      name: 'list-audit-logs',
      operationId: 'list-audit-logs',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: [
        ...listOf('audit_log', '/v2/projects/{{project_id}}/audit_logs'),
        ...test(
          'newest first',
          'var times = pm.response.json().items.map(function (e) { return e.occurred_at; });',
          'for (var i = 1; i < times.length; i++) { pm.expect(times[i]).to.be.at.most(times[i - 1]); }',
        ),
      ],
    },
    {
      name: 'list-audit-logs: date range',
      operationId: 'list-audit-logs',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { start_date: '2020-01-01', end_date: '2099-12-31', limit: '1' },
      tests: test(
        'the range is carried to the next page',
        'var body = pm.response.json();',
        "if (body.next_page !== null) { pm.expect(body.next_page).to.include('start_date=2020-01-01'); pm.expect(body.next_page).to.include('end_date=2099-12-31'); }",
      ),
    },
    {
      name: 'list-audit-logs: bad start_date',
      operationId: 'list-audit-logs',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { start_date: 'yesterday' },
      tests: errorType('parameter_error', 'start_date'),
    },
    {
      name: 'list-audit-logs: end before start',
      operationId: 'list-audit-logs',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { start_date: '2024-12-31', end_date: '2024-01-01' },
      tests: errorType('parameter_error', 'end_date'),
    },
  ],
}
