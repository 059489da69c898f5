/**
 * The RevenueCat emulator's state, free of HTTP: the projects of one sandbox (each with its data,
 * model.ts), and what each API key opens of them.
 */
import type { Clock } from '../../../sandbox/clock.ts'
import type { Ids } from '../../../sandbox/ids.ts'
import { createProjectData, type ProjectData } from './model.ts'

/** One project (wire shape in the resources layer: `object: 'project'`, ms timestamps). */
export interface ProjectRecord {
  id: string
  name: string
  /** ms since epoch. */
  createdAt: number
  iconUrl: string | null
  iconUrlLarge: string | null
  /** Its catalog and customers. */
  data: ProjectData
}

/** Everything one sandbox holds, shared by every key that opens a project. */
export interface RevenueCatStore {
  readonly clock: Clock
  readonly ids: Ids
  readonly projects: Map<string, ProjectRecord>
}

/** What one API key opens: its projects, and the permissions it holds. */
export interface RevenueCatState {
  readonly store: RevenueCatStore
  /** The name of the key in the seed (`main`, `read-only`). */
  readonly keyName: string
  readonly scopes: ReadonlySet<string>
  readonly projectIds: ReadonlySet<string>
  /** The project, when it exists and this key opens it; undefined otherwise (S-8). */
  project(projectId: string): ProjectRecord | undefined
  /** The projects this key opens, in creation order. */
  projects(): ProjectRecord[]
  /** Opens a project of the store to this key (one it created: create-project, S-45). */
  open(projectId: string): void
}

/** Creates an empty store on an injected clock and id source. */
export function createStore(clock: Clock, ids: Ids): RevenueCatStore {
  return { clock, ids, projects: new Map() }
}

/** Adds a project to the store, created now. */
export function addProject(
  store: RevenueCatStore,
  input: { id: string; name: string; iconUrl?: string | null; iconUrlLarge?: string | null },
): ProjectRecord {
  const project: ProjectRecord = {
    id: input.id,
    name: input.name,
    createdAt: store.clock.now().getTime(),
    iconUrl: input.iconUrl ?? null,
    iconUrlLarge: input.iconUrlLarge ?? null,
    data: createProjectData(),
  }
  store.projects.set(project.id, project)
  return project
}

/** The view of the store one API key has. */
export function createKeyState(
  store: RevenueCatStore,
  key: { name: string; scopes: Iterable<string>; projectIds: Iterable<string> },
): RevenueCatState {
  const projectIds = new Set(key.projectIds)
  return {
    store,
    keyName: key.name,
    scopes: new Set(key.scopes),
    projectIds,
    project: (projectId) => (projectIds.has(projectId) ? store.projects.get(projectId) : undefined),
    projects: () => [...store.projects.values()].filter((p) => projectIds.has(p.id)),
    open: (projectId) => {
      projectIds.add(projectId)
    },
  }
}
