/** Virtual Currency routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Virtual Currency routes of the Adapty emulator. */
export const virtualCurrencyRoutes = new Hono<AdaptyEnv>()
