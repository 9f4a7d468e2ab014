import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Batch, LibreOffice and browser tests render real documents on two cores.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Browser and LibreOffice suites share two cores: run files one after another.
    fileParallelism: false,
    reporters: ['default'],
  },
})
