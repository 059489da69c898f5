// The browser test drives Debian's Chromium: install it when it is missing (apt, via
// scripts/ensure-chromium.sh, which .ci/run also calls), or fail with what to do.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM = '/usr/bin/chromium'

export function setup(): void {
  if (existsSync(CHROMIUM)) return
  const result = spawnSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' })
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(
      `Failed to set up the browser test: ${CHROMIUM} is missing and could not be installed.\nFix: install Debian's chromium package (apt-get install chromium), then run npm test again.`,
    )
  }
}
