/** Integration routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Integration routes of the Adapty emulator. */
export const integrationRoutes = new Hono<AdaptyEnv>()
