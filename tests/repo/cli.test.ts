// The installed command, as a user runs it: the bin's shebang, exit codes and stderr.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './files.ts'

function bin(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(join(ROOT, 'bin/subcontract.js'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SUBCONTRACT_TARGET: undefined, ...env },
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

/** A loopback port nobody listens on: the OS picks it, then it is closed again. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('the command as documented and wired', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>
    scripts: Record<string, string>
  }

  it('is the package bin, and every npm script that runs it passes "--" to node', () => {
    expect(pkg.bin).toEqual({ subcontract: 'bin/subcontract.js' })
    expect(readFileSync(join(ROOT, 'bin/subcontract.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env -S node --\n/,
    )
    const callers = Object.entries(pkg.scripts).filter(([, s]) => s.includes('subcontract.js'))
    expect(callers.map(([name]) => name).sort()).toEqual(
      ['cleanup', 'drift', 'import', 'regression', 'report', 'sandbox'].sort(),
    )
    for (const [, script] of callers) expect(script).toMatch(/^node -- bin\/subcontract\.js /)
  })

  it('has every subcommand in the README', async () => {
    const { COMMANDS } = await import('../../src/cli/subcontract.ts')
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const name of Object.keys(COMMANDS)) expect(readme).toContain(`| \`${name}\` |`)
  })
})

// Each test starts the command as a process (one or two): seconds each while the suite keeps both
// cores busy, so vitest's 5 s default is too short for a test that starts two.
describe('bin/subcontract.js', { timeout: 30_000 }, () => {
  it('serves every API in the sandbox, one title line and one Authorization line each, and stops on SIGTERM', async () => {
    const { APIS } = await import('../../src/apis/all.ts')
    const child = spawn(join(ROOT, 'bin/subcontract.js'), ['sandbox', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, SUBCONTRACT_TARGET: undefined },
    })
    let out = ''
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const listening = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const lines = out.split('\n').filter((l) => l.endsWith(')'))
        if (lines.filter((l) => l.includes('Authorization:')).length === APIS.length) resolve()
      })
    })
    await Promise.race([listening, exited])
    child.kill('SIGTERM')
    const code = await exited
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    for (const api of APIS) {
      expect(out).toMatch(
        new RegExp(
          `^${literal(api.title)} sandbox listening on http://127\\.0\\.0\\.1:\\d+${literal(api.basePath)}\n`,
          'm',
        ),
      )
      expect(out).toMatch(new RegExp(`^ {2}Authorization: ${api.auth.scheme} \\S+ {3}\\(`, 'm'))
    }
    const ports = [...out.matchAll(/listening on http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => m[1])
    expect(new Set(ports).size).toBe(APIS.length)
    expect(out).toContain('SIGTERM: stopping the sandbox')
    expect(code).toBe(0)
  }, 60_000)

  it('runs through its shebang and prints the commands', () => {
    const { code, out } = bin(['--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: subcontract <command> \[options\]/)
  })

  it('is what npx subcontract runs', () => {
    const result = spawnSync('npx', ['--no-install', 'subcontract', 'list', '--tag', 'smoke'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^adapty\s+Profile\s+getProfile/m)
  })

  it('takes --env <file> through npx exactly as the README writes it (Node 20 eats --env-file)', () => {
    const result = spawnSync(
      'npx',
      ['subcontract', 'run', '--target', 'remote', '--env', '/nonexistent/missing.env'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SUBCONTRACT_TARGET: undefined } },
    )
    expect(result.status, result.stderr).toBe(2)
    expect(result.stderr).toContain(
      'Failed to load config: /nonexistent/missing.env does not exist.',
    )
    expect(result.stderr).not.toContain('node:')
  })

  it('prints the usage when run with no command at all', () => {
    const { code, out } = bin([])
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: subcontract <command> \[options\]/)
  })

  it('says what is wrong when a flag lacks its value or the value starts with a dash', () => {
    const ambiguous = bin(['run', '--seed', '-1'])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.err).toContain(
      'Failed to read the command line: --seed is followed by a value that starts with "-".',
    )
    expect(ambiguous.err).toContain('write --seed=<value> (for example --seed=-1)')
    expect(ambiguous.err).not.toContain('did you mean')
    const missing = bin(['run', '--seed'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('Failed to read the command line: --seed needs a value.')
    expect(missing.err).not.toContain('did you mean')
  })

  it('exits 2 with the error on stderr for an unknown command, and prints nothing else', () => {
    const { code, out, err } = bin(['rn'])
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toBe(
      'Failed to read the command line: unknown command "rn".\nFix: did you mean "subcontract run"? Commands: run, sandbox, drift, import, cleanup, merge, report, list.\n',
    )
  })

  it('owns --env-file: a missing file is our config error (exit 2), not a Node.js one', () => {
    const { code, err } = bin(['run', '--target', 'remote', '--env-file', '/nonexistent/.env'])
    expect(code).toBe(2)
    expect(err).toContain('Failed to load config: /nonexistent/.env does not exist.')
  })

  it("removes the previous run's reports, so a vitest-only run leaves no old newman.json", () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-stale-'))
    writeFileSync(join(dir, 'newman.json'), '{"from":"an earlier run"}')
    const { code } = bin([
      'run',
      '--operation',
      'getProfile',
      '--runner',
      'vitest',
      '--report-dir',
      dir,
    ])
    expect(code).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'summary.json'])
  }, 60_000)

  it('exits 2 for a remote target without a key, naming the variable', () => {
    const { code, err } = bin(['run', '--target', 'remote', '--env-file', '/dev/null'])
    expect(code).toBe(2)
    expect(err).toContain('ADAPTY_SECRET_API_KEY is not set')
  })

  it('exits 3 with one message, before any test, when the target never answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-down-'))
    const envFile = join(dir, '.env.down')
    writeFileSync(
      envFile,
      `ADAPTY_BASE_URL=http://127.0.0.1:${await closedPort()}\nADAPTY_SECRET_API_KEY=unreachable_target_key\n`,
    )
    // --runner all: the Newman stage must not turn a dead target into exit 1 either.
    const { code, out } = bin(
      // The env file names Adapty's target only.
      [
        'run',
        '--api',
        'adapty',
        '--target',
        'remote',
        '--env',
        envFile,
        '--allow-writes',
        '--report-dir',
        dir,
      ],
      { SUBCONTRACT_RUN_ID: undefined, SUBCONTRACT_ALLOW_WRITES: undefined },
    )
    expect(code, out).toBe(3)
    expect(out).toContain('The target did not answer the first request (adapty listPaywalls)')
    expect(out).toContain('ECONNREFUSED')
    expect(out).toContain(`Fix: check ADAPTY_BASE_URL in ${envFile}`)
    expect(out).not.toMatch(/FAIL|passed/)
    expect(out).not.toContain('unreachable_target_key')
  }, 60_000)

  it('exits 2 with one message, before any test, when the target refuses the key', async () => {
    const { createSandbox } = await import('../../src/sandbox/create-sandbox.ts')
    const { adapty } = await import('../../src/apis/adapty/api.ts')
    const sandbox = await createSandbox({ apis: [adapty] })
    try {
      const dir = mkdtempSync(join(tmpdir(), 'subcontract-wrong-key-'))
      const envFile = join(dir, '.env.wrong')
      writeFileSync(
        envFile,
        `ADAPTY_BASE_URL=${sandbox.apis.adapty?.url}\nADAPTY_SECRET_API_KEY=sk_wrong_canary_key\n`,
      )
      const result = await new Promise<{ code: number | null; out: string; err: string }>(
        (resolve) => {
          // Asynchronous: the sandbox lives in this process and must keep answering.
          const child = spawn(
            join(ROOT, 'bin/subcontract.js'),
            // The env file names Adapty's target only.
            ['run', '--api', 'adapty', '--target', 'remote', '--env', envFile, '--report-dir', dir],
            { cwd: ROOT, env: { ...process.env, SUBCONTRACT_TARGET: undefined } },
          )
          let out = ''
          let err = ''
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString()
          })
          child.stderr.on('data', (d: Buffer) => {
            err += d.toString()
          })
          child.on('close', (code) => resolve({ code, out, err }))
        },
      )
      expect(result.code, result.out + result.err).toBe(2)
      expect(result.err).toContain(
        'Failed to start the run: the target refused the Adapty server-side API key (listPaywalls answered 401 unauthorized).',
      )
      expect(result.err).toContain(`Fix: check ADAPTY_SECRET_API_KEY in ${envFile}`)
      expect(result.out + result.err).not.toContain('sk_wrong_canary_key')
      expect(result.out).not.toMatch(/FAIL|passed/)
    } finally {
      await sandbox.close()
    }
  }, 60_000)
})
