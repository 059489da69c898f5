/** The Collaborator operations: the people who work on the project (seeded; no v2 write). */
import { collaboratorsOf } from '../projects.ts'
import { apiPath, collaboratorWire } from '../views.ts'
import { fail, pageOf, projectOf, readQuery } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the Collaborator operations. */
export function collaboratorsRoutes(table: RouteTable): void {
  /** operationId: list-collaborators */
  table.route('list-collaborators', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      collaboratorsOf(data).map((person) => ({ key: person.id, wire: collaboratorWire(person) })),
      apiPath(id, 'collaborators'),
    )
  })
}
