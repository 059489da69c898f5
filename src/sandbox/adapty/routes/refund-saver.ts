/** Refund Saver routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Refund Saver routes of the Adapty emulator. */
export const refundSaverRoutes = new Hono<AdaptyEnv>()
