/** Purchase routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Purchase routes of the Adapty emulator. */
export const purchaseRoutes = new Hono<AdaptyEnv>()
