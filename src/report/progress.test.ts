import { describe, expect, it } from 'vitest'
import { createProgress } from './progress.ts'
import { colorEnabled, hasControlCharacters, liveEnabled, terminalOf } from './terminal.ts'

function fakeTerminal(isTTY: boolean, env: Record<string, string> = {}) {
  const chunks: string[] = []
  return { terminal: terminalOf({ write: (t) => chunks.push(t), isTTY }, env), chunks }
}

function drive(progress: ReturnType<typeof createProgress>) {
  progress.plan('adapty', 'vitest', 3)
  progress.done('adapty', 'vitest', false)
  progress.done('adapty', 'vitest', true)
  progress.log('FAIL tests/adapty/get-profile.test.ts  1 passed, 1 failed', 'adapty')
  progress.plan('adapty', 'newman', 2)
  progress.done('adapty', 'newman', false)
  progress.stop()
}

describe('progress', () => {
  it('writes plain lines without control characters when not on a TTY', () => {
    let t = 0
    const { terminal, chunks } = fakeTerminal(false)
    drive(createProgress({ terminal, now: () => (t += 100) }))
    const out = chunks.join('')
    expect(hasControlCharacters(out)).toBe(false)
    expect(out).toBe(
      'FAIL tests/adapty/get-profile.test.ts  1 passed, 1 failed  [adapty, vitest 2/3, 1 failed, 0.1s]\n',
    )
  })

  it('counts files until every planned file is collected, then tests done/total', () => {
    const { terminal, chunks } = fakeTerminal(false)
    const progress = createProgress({ terminal, now: () => 0 })
    progress.planFiles('adapty', 'vitest', 2)
    progress.plan('adapty', 'vitest', 3, { file: true })
    for (let i = 0; i < 3; i++) progress.done('adapty', 'vitest', false)
    progress.fileDone('adapty', 'vitest')
    progress.log('ok   a.test.ts', 'adapty')
    progress.plan('adapty', 'vitest', 2, { file: true })
    progress.done('adapty', 'vitest', false)
    progress.done('adapty', 'vitest', false)
    progress.fileDone('adapty', 'vitest')
    progress.log('ok   b.test.ts', 'adapty')
    expect(chunks.join('')).toBe(
      'ok   a.test.ts  [adapty, vitest files 1/2, tests 3 done, 0 failed, 0.0s]\n' +
        'ok   b.test.ts  [adapty, vitest 5/5, 0 failed, 0.0s]\n',
    )
  })

  it('in CI on a TTY, still writes plain lines', () => {
    const { terminal, chunks } = fakeTerminal(true, { CI: 'true', NO_COLOR: '1' })
    drive(createProgress({ terminal, now: () => 0 }))
    expect(hasControlCharacters(chunks.join(''))).toBe(false)
  })

  it('redraws one live line per API on an interactive terminal', () => {
    let t = 0
    const { terminal, chunks } = fakeTerminal(true, { TERM: 'xterm' })
    drive(createProgress({ terminal, now: () => (t += 1000), refreshMs: 60_000 }))
    const out = chunks.join('')
    // Moves back over the previous live line and clears it before each redraw.
    expect(out).toContain('\x1b[1F\x1b[J')
    const last = chunks.at(-1) ?? ''
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
    const plain = last.replace(/\x1b\[[0-9;]*m/g, '')
    expect(plain).toMatch(/^adapty\s+vitest 2\/3 · newman 1\/2\s+1 failed\s+\d+\.\ds\n$/)
    // The permanent line is printed above the live area, once.
    expect(out.split('FAIL tests/adapty/get-profile.test.ts').length).toBe(2)
  })
})

describe('terminal', () => {
  it('uses colours only on a TTY, and never with NO_COLOR or TERM=dumb', () => {
    expect(colorEnabled({ isTTY: true, env: {} })).toBe(true)
    expect(colorEnabled({ isTTY: false, env: {} })).toBe(false)
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true)
    expect(colorEnabled({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false)
    expect(colorEnabled({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(false)
  })

  it('draws a live line only on a TTY outside CI', () => {
    expect(liveEnabled({ isTTY: true, env: {} })).toBe(true)
    expect(liveEnabled({ isTTY: true, env: { CI: 'true' } })).toBe(false)
    expect(liveEnabled({ isTTY: true, env: { CI: 'false' } })).toBe(true)
    expect(liveEnabled({ isTTY: false, env: {} })).toBe(false)
  })

  it('emits no escape codes from disabled colours', () => {
    const { terminal } = fakeTerminal(false)
    expect(terminal.colors.red('x')).toBe('x')
    expect(fakeTerminal(true).terminal.colors.red('x')).toBe('\x1b[31mx\x1b[39m')
  })
})

describe('hasControlCharacters', () => {
  it('allows newlines and tabs, and finds escape codes and carriage returns', () => {
    expect(hasControlCharacters('a\tb\n')).toBe(false)
    expect(hasControlCharacters('\x1b[31mred')).toBe(true)
    expect(hasControlCharacters('50%\r60%')).toBe(true)
  })
})
