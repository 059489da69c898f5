import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the CPUs: 1 on a 2-core CI machine, which runs
    // every file one after another while the end-to-end files mostly wait on their child
    // processes. Two workers overlap that waiting (docs/decisions/0013-two-test-workers.md).
    maxWorkers: 2,
    experimental: { fsModuleCache: true },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'contract',
          include: ['tests/adapty/**/*.test.ts', 'tests/revenuecat/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'newman',
          include: ['tests/newman/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'remote',
          include: ['tests/remote/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'repo',
          include: ['tests/repo/**/*.test.ts'],
        },
      },
    ],
  },
})
