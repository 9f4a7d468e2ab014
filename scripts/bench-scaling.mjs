#!/usr/bin/env node
// Does the parser's work grow in proportion to its input? Parse inputs doubling from 1× to 16×
// (the bundled text repeated; a flat list; nested quotes within the nesting and paragraph limits), each in a
// fresh process that loads only the parser, and print time and heap per doubling.
// Run alone (`node scripts/bench-scaling.mjs`) or from `npm run bench`.
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {contentPaths, projectRoot} from '../dist/content-paths.js'

const bundled = readFileSync(contentPaths.source, 'utf8')
const inputs = {
  'bundled text repeated': (k) => bundled.repeat(k),
  'flat list, 1,000 items per unit': (k) => '- item\n'.repeat(1000 * k),
  // Every line but the 12-deep ones goes on lazily; paragraphs as long as the paragraph-lines limit allows.
  'quotes nested 1–12 deep, 1,000 lines per unit and paragraph': (k) => nestedQuotes(1000 * k, 1000),
}

/** `n` lines of quotes nested 1–12 deep, cycling, with a blank line after every `paragraph` lines. */
const nestedQuotes = (n, paragraph) => Array.from({length: n}, (_, i) => `${'>'.repeat((i % 12) + 1)} q${(i + 1) % paragraph === 0 ? '\n' : ''}`).join('\n')

/** Median CPU milliseconds of 3 parses (after one warm-up) and the heap after them, in a process that only parses. */
function measure(text) {
  const script = `
    import {parseDocument} from ${JSON.stringify(join(projectRoot, 'dist', 'parse', 'index.js'))}
    const chunks = []; process.stdin.on('data', (c) => chunks.push(c)); process.stdin.on('end', () => {
      const bytes = Buffer.concat(chunks)
      try { parseDocument(bytes, 'x') } catch (error) {
        const t = process.cpuUsage(); try { parseDocument(bytes, 'x') } catch {}; const u = process.cpuUsage(t)
        console.log(JSON.stringify({ms: (u.user + u.system) / 1000, heap: process.memoryUsage().heapUsed, refused: String(error.message)})); return
      }
      const xs = []
      for (let i = 0; i < 3; i++) { const t = process.cpuUsage(); parseDocument(bytes, 'x'); const u = process.cpuUsage(t); xs.push((u.user + u.system) / 1000) }
      console.log(JSON.stringify({ms: xs.sort((a, b) => a - b)[1], heap: process.memoryUsage().heapUsed}))
    })`
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {input: text, encoding: 'utf8', maxBuffer: 1 << 26, env: {...process.env, BRIEFS_LIMITS: 'source-size=50MB'}}))
}

export function scaling(record = (name, value, unit, note) => console.log(`${name}: ${value.toFixed(1)} ${unit} ${note}`)) {
  for (const [name, make] of Object.entries(inputs)) {
    let previous = null
    for (const k of [1, 2, 4, 8, 16]) {
      const text = make(k)
      const {ms, heap} = measure(text)
      const ratio = previous ? `, ×${(ms / previous).toFixed(2)} the time of half the input` : ''
      record(`parse, ${name}, ${k}× (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`, ms, 'ms', `heap ${(heap / 2 ** 20).toFixed(0)} MiB${ratio}`)
      previous = ms
    }
  }
  // Beyond the limit the same quotes are refused before micromark sees them (they cost the square of their length).
  const text = nestedQuotes(16_000, Infinity)
  const {ms, heap, refused} = measure(text)
  record(`parse, quotes nested 1–12 deep, one paragraph of 16,000 lines (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`, ms, 'ms', `heap ${(heap / 2 ** 20).toFixed(0)} MiB, ${refused ? `refused: ${refused.slice(0, 120)}` : 'accepted'}`)
}

if (import.meta.url === `file://${process.argv[1]}`) scaling()
