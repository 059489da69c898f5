/** The Project operations: the projects the key opens, and a new one (projects.ts, S-45). */
import { createProject } from '../projects.ts'
import { projectWire } from '../views.ts'
import { fail, ok, pageOf, readBody, readQuery } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the Project operations. */
export function projectsRoutes(table: RouteTable): void {
  /** operationId: list-projects */
  // Also the remote target's preflight (`limit=1`).
  table.route('list-projects', (c, route) => {
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    return pageOf(
      c,
      route.state.projects().map((project) => ({ key: project.id, wire: projectWire(project) })),
      '/v2/projects',
    )
  })

  /** operationId: create-project */
  table.route('create-project', (c, route) => {
    const body = readBody<{ name: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    // The spec answers 200 (not 201) with the project.
    return ok(c, projectWire(createProject(route.state, body.value.name)))
  })
}
