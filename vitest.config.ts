import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests that spawn the CLI or an editor need more than the 5 s default on a 2-core machine.
    testTimeout: 60_000,
    reporters: ['default', './tests/summary-reporter.ts']
  }
})
