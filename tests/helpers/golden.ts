import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {expect} from 'vitest'

/**
 * Compare with a golden file. A missing golden file is written on first run;
 * `UPDATE=1 npm test` rewrites them all, and the diff is reviewed like code.
 */
export function expectGolden(path: string, actual: string): void {
  if (process.env['UPDATE'] === '1' || !existsSync(path)) writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

/** Compare a value, as indented JSON, with a golden `.json` file (the one convention for golden data). */
export function expectGoldenJson(path: string, value: unknown): void {
  expectGolden(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** The model without source positions (for comparing documents laid out differently). */
export function withoutPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v))) as T
}
