import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {expectCleanError, filesIn, projectRoot, run, workDir} from './hostile.js'

// Every exceeded limit: exit 1 (input) or 3 (environment), the limit and the flag that raises it
// named, bounded time and memory (asserted loosely; measured in `npm run bench`).
const bundled = readFileSync(join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt'), 'utf8')
const root = workDir('limits')
const file = (name: string, text: string) => {
  const path = join(root, name)
  writeFileSync(path, text)
  return path
}

describe('limits', () => {
  it('source-size: the document repeated 200× is refused before parsing', () => {
    const big = file('x200.txt', bundled.repeat(200))
    const r = run(['validate', big])
    expectCleanError(r, 1, 'x200.txt', 'source-size', '--limit source-size=')
    expect(r.seconds).toBeLessThan(20)
    if (r.peakMb !== null) expect(r.peakMb).toBeLessThan(400)
  })

  it('line-length: one 5 MB recommendation names its line', () => {
    const long = file('long-line.txt', bundled.replace(/^47\. /m, `47. ${'palabra '.repeat(30_000)}`))
    const r = run(['build', '--rec', '47', '--format', 'pdf', '--source', long, '--out', join(root, 'o-long')])
    expectCleanError(r, 1, /long-line\.txt:\d+:1/, 'line-length', '--limit line-length=')
    expect(filesIn(join(root, 'o-long'))).toEqual([])
    expect(r.seconds).toBeLessThan(30)
  })

  it('nesting-depth: 10,000 nested list lines are refused at the first too deep', () => {
    const nested = file('nested.md', Array.from({length: 10_000}, (_, i) => `${'  '.repeat(i % 40)}- x`).join('\n'))
    const r = run(['validate', nested])
    expectCleanError(r, 1, 'nested.md:13:1', 'nesting-depth', '--limit nesting-depth=')
    expect(r.seconds).toBeLessThan(20)
  })

  // 16,000 lines of quotes nested 1–12 deep are one paragraph going on lazily: micromark walks back
  // over it for every line (15 s, 4× per doubling, before this limit). In paragraphs the limit
  // admits, the same lines parse in time proportional to their length (`node scripts/bench-scaling.mjs`).
  const quotes = (n: number, paragraph: number) =>
    Array.from({length: n}, (_, i) => `${'>'.repeat((i % 12) + 1)} q${(i + 1) % paragraph === 0 ? '\n' : ''}`).join('\n')

  it('paragraph-lines: 16,000 lines of nested quotes in one paragraph are refused at once, naming the first line of the paragraph', () => {
    const r = run(['validate', file('quotes-16k.md', quotes(16_000, Infinity))])
    expectCleanError(r, 1, 'quotes-16k.md:12:1', 'paragraph-lines', '--limit paragraph-lines=')
    expect(r.stderr).toContain('one paragraph inside a quote or list item is 15,989 lines')
    expect(r.seconds).toBeLessThan(10)
  })

  it('paragraph-lines: the same 16,000 lines in paragraphs of 1,000 parse in bounded time', () => {
    // About 2 s on the project's 2-core machine (the benchmark's 16×); asserted loosely.
    const r = run(['validate', file('quotes-16k-paragraphs.md', quotes(16_000, 1000))])
    expect(r.stderr).not.toMatch(/paragraph-lines|nesting-depth|^\s+at /m)
    expect(r.seconds).toBeLessThan(30)
  })

  it('a limit raised with --limit is obeyed', () => {
    const nested = file('nested-13.md', `${bundled}\n${'  '.repeat(13)}- x\n`)
    expectCleanError(run(['validate', nested]), 1, 'nesting-depth')
    expect(run(['--limit', 'nesting-depth=20', 'validate', nested]).stderr).not.toContain('nesting-depth')
  })

  it('yaml-size: a 2 MB spec is refused before it is parsed', () => {
    const spec = file('huge-spec.yaml', `title: t\ncontext: "${'x'.repeat(2_000_000)}"\n`)
    const r = run(['select', '--spec', spec])
    expectCleanError(r, 1, 'huge-spec.yaml', 'yaml-size', '--limit yaml-size=')
    expect(r.seconds).toBeLessThan(20)
  })

  it('title-length: a long --title is refused, naming the flag', () => {
    const r = run(['build', '--guideline', 'VII', '--format', 'md', '--title', 'x'.repeat(5000), '--out', join(root, 'o-title')])
    expectCleanError(r, 1, '--title', 'title-length')
    expect(filesIn(join(root, 'o-title'))).toEqual([])
  })

  it('render-time: a document that takes longer is exit 3 naming the limit', () => {
    const r = run(['--limit', 'render-time=0.001', 'build', '--format', 'pdf', '--out', join(root, 'o-time')])
    expectCleanError(r, 3, 'render-time', '--limit render-time=')
    expect(filesIn(join(root, 'o-time'))).toEqual([])
  }, 120_000)

  it('worker-memory: a DOCX over the cap fails that document (retried), the batch goes on, exit 4 with summary and manifest', () => {
    const config = file('batch-mem.yaml', 'formats: [docx, md]\nbriefs:\n  - guidelines: [VII]\n')
    const out = join(root, 'o-mem')
    const r = run(['--limit', 'worker-memory=4', 'batch', config, '--out', out], {timeoutMs: 200_000})
    expectCleanError(r, 4, /retrying guideline-vii-es\.docx/, /FAILED .*guideline-vii-es\.docx: .*worker-memory/, /1 document\(s\) failed/)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {documents: {path: string}[]}
    expect(manifest.documents.map((d) => d.path)).toEqual(['guideline-vii-es.md'])
  }, 200_000)

  it('an unknown limit is a usage error listing the names', () => {
    expectCleanError(run(['--limit', 'speed=9', 'validate']), 2, 'speed=9', 'source-size')
  })
})

