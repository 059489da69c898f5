/** Stripe and Paddle routes (being written). */
import { Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'

/** The Stripe and Paddle routes of the Adapty emulator. */
export const storeValidationRoutes = new Hono<AdaptyEnv>()
