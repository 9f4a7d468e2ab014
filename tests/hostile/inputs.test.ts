import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {expectCleanError, filesIn, projectRoot, run, start, waitFor, workDir} from './hostile.js'

const root = workDir('inputs')

describe('no silent wrong results', () => {
  it('a batch config\'s top-level lang applies to briefs listed one by one', () => {
    const config = join(root, 'lang.yaml')
    writeFileSync(config, 'lang: en\nformats: [md]\nbriefs:\n  - guidelines: [VII]\n  - audiences: [academia]\n    lang: pt\n')
    const out = join(root, 'lang-out')
    expect(run(['batch', config, '--out', out]).status).toBe(0)
    expect(filesIn(out).map((f) => f.slice(out.length + 1)).sort()).toEqual(['audience-academia-pt.md', 'guideline-vii-en.md', 'manifest.json'])
  })

  for (const flags of [['--country', 'CL', '--country', 'AR'], ['--lang', 'en', '--lang=pt'], ['-c', 'CL', '-c', 'AR']]) {
    it(`a repeated single-valued flag is a usage error: ${flags.join(' ')}`, () => {
      expectCleanError(run(['select', ...flags]), 2, /given 2 times/)
    })
  }

  it('a title that slugs to nothing gets a hash: never the untitled brief\'s name', () => {
    const out = join(root, 'slug')
    const plain = run(['build', '--guideline', 'VII', '--format', 'md', '--out', out]).stdout.trim()
    const slash = run(['build', '--guideline', 'VII', '--format', 'md', '--title', '/', '--out', out]).stdout.trim()
    const dots = run(['build', '--guideline', 'VII', '--format', 'md', '--title', '...', '--out', out]).stdout.trim()
    expect(new Set([plain, slash, dots]).size).toBe(3)
    expect(filesIn(out)).toHaveLength(3)
  })
})

describe('suggestions that help', () => {
  const cases: [string[], RegExp][] = [
    [['select', '--audience', 'goverment'], /Did you mean `national-government` or `subnational-government`\?/],
    [['select', '--audience', 'banca'], /Did you mean `development-banks`\?/],
    [['select', '--country', 'Chiel'], /Did you mean `CL Chile`\?/],
    [['build', '--format', 'pfd'], /Did you mean `pdf`\?/],
    [['select', '--guideline', 'XV'], /guidelines run I–XIV/],
  ]
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = run(args)
      expectCleanError(r, 2, message)
      expect(r.stderr).not.toMatch(/Did you mean `IV`/)
    })
  }
})

describe('one output folder, one run at a time', () => {
  it('a second batch into the folder of a running one refuses, naming the holder; the first ends complete', async () => {
    const config = join(root, 'lock.yaml')
    writeFileSync(config, 'formats: [pdf]\nbriefs:\n  - each: guideline\n')
    const out = join(root, 'locked')
    const first = start(['batch', config, '--out', out])
    expect(await waitFor(() => filesIn(out).some((f) => f.endsWith('.briefs.lock')), 60_000)).toBe(true)
    const second = run(['batch', config, '--out', out, '--force'])
    expectCleanError(second, 3, out, /another briefs run \(process \d+/)
    const build = run(['build', '--format', 'md', '--out', out])
    expectCleanError(build, 3, /another briefs run/)
    expect((await first.exited).code).toBe(0)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {documents: {path: string}[]}
    expect(filesIn(out).map((f) => f.slice(out.length + 1)).sort()).toEqual([...manifest.documents.map((d) => d.path), 'manifest.json'].sort())
  }, 240_000)

  it('a lock left by a killed run is taken over', () => {
    const out = join(root, 'stale')
    run(['build', '--format', 'md', '--out', out])
    writeFileSync(join(out, '.briefs.lock'), JSON.stringify({pid: 2 ** 22 + 7, command: 'batch', since: 'then'}))
    const again = run(['build', '--format', 'md', '--out', out])
    expect(again.status, again.stderr).toBe(0)
    expect(filesIn(out).some((f) => f.endsWith('.briefs.lock'))).toBe(false)
  })

  it('an interrupted --force batch leaves a manifest listing every file on disk', async () => {
    const config = join(root, 'force.yaml')
    writeFileSync(config, 'formats: [md, pdf]\nbriefs:\n  - each: guideline\n')
    const out = join(root, 'forced')
    expect(run(['batch', config, '--out', out]).status).toBe(0)
    const batch = start(['batch', config, '--out', out, '--force'])
    await waitFor(() => /\[2\/\d+\]/.test(batch.output().stderr), 120_000)
    batch.child.kill('SIGINT')
    expect((await batch.exited).code).toBe(130)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {documents: {path: string}[]}
    expect(manifest.documents).toHaveLength(28)
    expect(filesIn(out).map((f) => f.slice(out.length + 1)).sort()).toEqual([...manifest.documents.map((d) => d.path), 'manifest.json'].sort())
  }, 240_000)
})

describe('source texts and specs: the problem at its own line', () => {
  const bundled = readFileSync(join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt'), 'utf8')
  const line62 = bundled.split('\n').findIndex((l) => l.startsWith('62. ')) + 1

  it('a recommendation numbered 99999999999999999999 is an error at its line, not the count\'s', () => {
    const file = join(root, 'bignum.txt')
    writeFileSync(file, bundled.replace(/^62\. /m, '99999999999999999999. '))
    const r = run(['validate', file])
    expectCleanError(r, 1, `bignum.txt:${line62}:1: Unexpected recommendation number`, '[recommendation-number]')
    expect(r.stderr).not.toMatch(/bignum\.txt:9:1/)
  })

  it('…also with the announced count edited: never moved into the colophon', () => {
    const file = join(root, 'bignum-count.txt')
    writeFileSync(file, `${bundled.replace(/113 recomendaciones/g, '114 recomendaciones')}\n99999999999999999999. Una más (pág. 1).\n`)
    const r = run(['validate', file])
    expectCleanError(r, 1, /bignum-count\.txt:\d+:1: Unexpected recommendation number `99999999999999999999`/)
  })

  it('long text after the last guideline that is no colophon is a diagnostic at its line', () => {
    const file = join(root, 'trailing.txt')
    writeFileSync(file, `${bundled}\n${'Relleno que no es un colofón. '.repeat(400)}\n`)
    const r = run(['validate', file])
    expect(r.stderr).toMatch(/trailing\.txt:\d+:1: Unexpected [\d,]+ characters after the last recommendation.*\[trailing-text\]/)
  })

  it('a spec\'s unknown key is reported at its own line, exit 1 as for any input file', () => {
    const spec = join(root, 'unknown-key.yaml')
    writeFileSync(spec, 'title: Prueba\nguidelines: [VII]\nbogus: 1\n')
    expectCleanError(run(['select', '--spec', spec]), 1, /unknown-key\.yaml:3:\d+: Unrecognized key: "bogus"/)
  })
})

describe('messages that say what they mean', () => {
  it('select\'s heading says what its numbers count', () => {
    const r = run(['select', '--audience', 'development-banks'])
    expect(r.stdout.split('\n')[0]).toMatch(/— \d+ recomendaciones, \d+ lineamientos \(es\) → audience-development-banks-es/)
  })

  it('an empty selection is described in one language', () => {
    const r = run(['select', '--query', 'zzzz', '--lang', 'es'])
    expectCleanError(r, 2, 'Search: «zzzz»')
    expect(r.stderr).not.toContain('Búsqueda')
  })

  it('--kind guideline without a guideline has a subtitle with no dangling space', () => {
    const out = join(root, 'kind')
    const r = run(['build', '--kind', 'guideline', '--format', 'md', '--out', out])
    expect(r.status, r.stderr).toBe(0)
    const md = readFileSync(r.stdout.trim(), 'utf8')
    expect(md).not.toContain('&#x20;')
    expect(md.split('\n')[2]).not.toMatch(/\s\*$/)
  })
})
