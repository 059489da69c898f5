import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HarnessError } from '../errors.ts'
import { assertWritable, writeAtomically } from './write-report.ts'

const dir = () => mkdtempSync(join(tmpdir(), 'subcontract-write-'))

function errorOf(action: () => void): HarnessError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(HarnessError)
    return error as HarnessError
  }
  throw new Error('expected a HarnessError')
}

describe('writeAtomically', () => {
  it('writes the whole file and leaves no temp file', () => {
    const d = dir()
    writeAtomically(join(d, 'x.env'), 'A=1\n')
    expect(readFileSync(join(d, 'x.env'), 'utf8')).toBe('A=1\n')
    expect(readdirSync(d)).toEqual(['x.env'])
  })

  it('names the file it was asked to write, not its temp file, when the directory is missing', () => {
    const target = join(dir(), 'missing', 'x.env')
    const error = errorOf(() => writeAtomically(target, 'A=1\n'))
    expect(error.code).toBe('REPORT_WRITE')
    expect(error.message).toBe(
      `Failed to write ${target}: its directory ${join(target, '..')} does not exist.`,
    )
    expect(error.message).not.toContain('.tmp-')
  })

  it('says so when the target is a directory, and removes its temp file', () => {
    const d = dir()
    mkdirSync(join(d, 'x.env'))
    const error = errorOf(() => writeAtomically(join(d, 'x.env'), 'A=1\n'))
    expect(error.message).toContain(`${join(d, 'x.env')}: it is a directory`)
    expect(readdirSync(d)).toEqual(['x.env'])
  })
})

describe('assertWritable', () => {
  it('refuses a path in a missing directory up front, creating nothing', () => {
    const target = join(dir(), 'missing', 'x.env')
    const error = errorOf(() => assertWritable(target, 'sandbox env file', 'pick another file.'))
    expect(error.describe()).toBe(
      `Failed to write the sandbox env file: ${target} cannot be written (its directory ${join(target, '..')} does not exist).\nFix: pick another file.`,
    )
    expect(existsSync(join(target, '..'))).toBe(false)
  })

  it('accepts a new file in a writable directory', () => {
    expect(() => assertWritable(join(dir(), 'x.env'), 'file', 'hint')).not.toThrow()
  })
})
