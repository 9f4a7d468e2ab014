import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser and LibreOffice suites share two cores: run files one after another.
    fileParallelism: false,
    reporters: ['default'],
  },
})
