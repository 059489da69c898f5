/** Paywalls routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Paywalls routes of the Adapty emulator. */
export const paywallRoutes = new Hono<AdaptyEnv>()
