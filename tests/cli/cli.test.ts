import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {modelSchema} from '../../source/model/schema.js'
import {briefs, projectRoot} from '../helpers/cli.js'

const bundled = join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefs-cli-'))
})

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('briefs validate', () => {
  it('passes the bundled document (exit 0, nothing on stdout)', () => {
    const run = briefs(['validate'])
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('113 recommendations')
  })

  it('prints FILE:LINE:COLUMN: reason [rule-id] and exits 1', () => {
    const text = readFileSync(bundled, 'utf8').replace(/^47\. .*\n/m, '')
    const path = write('missing-47.txt', text)
    const lineOf48 = text.split('\n').findIndex((l) => l.startsWith('48. ')) + 1
    const run = briefs(['validate', path])
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toContain(`${path}:${lineOf48}:1: Unexpected recommendation number \`48\`, expected \`47\` (missing \`47\`) [recommendation-gap]`)
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+: .+ \[[a-z-]+\]$/)
  })

  it.each([
    ['empty', new Uint8Array(), /the file is empty/],
    ['binary', new Uint8Array([0x49, 0x2e, 0x20, 0x00, 0x01, 0x02]), /binary data/],
    ['latin-1', Buffer.from('I. Título\n\n1. Acción (pág. 1).\n', 'latin1'), /not valid UTF-8/],
  ])('refuses %s input with one clear line and exit 1', (name, bytes, pattern) => {
    const path = write(`${name}.txt`, bytes)
    const run = briefs(['validate', path])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(pattern)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/:\d+:\d+: /)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
  })

  it('names the line and column of the first bad byte', () => {
    const path = write('bad-byte.txt', Buffer.concat([Buffer.from('I. Título\n\n1. Acci'), Buffer.from([0xf3]), Buffer.from('n (pág. 1).\n')]))
    expect(briefs(['validate', path]).stderr).toMatch(/bad-byte\.txt:3:8: /)
  })

  it('a missing file is exit 1 with the path', () => {
    const run = briefs(['validate', join(dir, 'nope.txt')])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('nope.txt')
  })
})

describe('briefs model and schema', () => {
  it('prints the annotated model, valid against the published schema', () => {
    const run = briefs(['model'])
    expect(run.status).toBe(0)
    const model = modelSchema.parse(JSON.parse(run.stdout))
    expect(model.recommendations).toHaveLength(113)
    const r47 = model.recommendations.find((r) => r.number === 47)!
    expect(r47.guideline).toBe('III')
    expect(r47.pages).toEqual([88])
    expect(r47.audiences.length).toBeGreaterThan(0)
    expect(r47.themes.length).toBeGreaterThan(0)
    expect(model.recommendations.find((r) => r.number === 112)!.countries).toEqual(['CR', 'MX', 'PA'])
    expect(model.guidelines[6]).toMatchObject({id: 'VII', number: 7})
    expect(model.footnotes.map((f) => f.id)).toEqual(['2', '3'])
  })

  it('publishes a JSON Schema that describes the contract fields', () => {
    const run = briefs(['schema'])
    expect(run.status).toBe(0)
    const schema = JSON.parse(run.stdout)
    expect(schema.$schema).toMatch(/2020-12/)
    expect(schema.required).toEqual(expect.arrayContaining(['guidelines', 'recommendations', 'footnotes', 'meta']))
    const rec = schema.properties.recommendations.items
    expect(rec.required).toEqual(expect.arrayContaining(['number', 'guideline', 'group', 'pages', 'footnotes', 'text']))
  })

  it('refuses to print a model of a document with problems', () => {
    const path = write('gap.txt', 'I. Uno\n\n1. A (pág. 1).\n3. C (pág. 3).\n')
    const run = briefs(['model', path])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('[recommendation-gap]')
  })
})

describe('briefs list', () => {
  it('lists the 14 guidelines', () => {
    const run = briefs(['list', 'guidelines', '--json'])
    expect(JSON.parse(run.stdout).map((g: {id: string}) => g.id)).toHaveLength(14)
    expect(briefs(['list', 'guidelines']).stdout).toMatch(/^VII\s+Profundizar la territorialización .*\(62–78, 17\)$/m)
  })

  it('lists 33 countries with code, names, subregion and language', () => {
    const countries = JSON.parse(briefs(['list', 'countries', '--json']).stdout)
    expect(countries).toHaveLength(33)
    expect(countries.find((c: {code: string}) => c.code === 'BR')).toEqual({
      code: 'BR', name: {es: 'Brasil', en: 'Brazil', pt: 'Brasil'}, formal: {es: 'Brasil', en: 'Brazil', pt: 'Brasil'}, subregion: 'south-america', language: 'pt', languages: ['pt'],
    })
    expect(countries.find((c: {code: string}) => c.code === 'SR')).toMatchObject({subregion: 'caribbean', languages: ['nl', 'en']})
    expect(briefs(['list', 'guidelines', '--lang', 'en']).stdout).toMatch(/^VII\s+Deepen the territorialization .*\(62–78, 17\)$/m)
  })

  it('refuses an unknown list with the valid values (exit 2)', () => {
    const run = briefs(['list', 'sectors'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/guidelines, audiences, themes, countries/)
  })
})

describe('briefs select and build', () => {
  it('suggests the nearest audience and exits 2', () => {
    const run = briefs(['select', '--audience', 'subnational-goverment'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('Did you mean `subnational-government`?')
    expect(run.stderr).toContain('--audience')
  })

  it('an empty selection is an error, not an empty document', () => {
    const run = briefs(['select', '--guideline', 'IX', '--audience', 'development-banks'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/selection is empty/)
  })

  it('names the spec file line of a bad value: a problem in an input file (exit 1), located first', () => {
    const spec = write('spec.yaml', 'lang: es\naudiences:\n  - private-sektor\n')
    const run = briefs(['select', '--spec', spec])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^\S*spec\.yaml:3:\d+: Unknown audience `private-sektor`/)
    expect(run.stderr).toContain('`private-sector`')
  })

  it('a guideline past the last one or an unknown recommendation number in a spec file: exit 1 at its line; as flags: exit 2', () => {
    for (const [text, line, flags, message] of [
      ['guidelines:\n  - XV\n', 2, ['--guideline', 'XV'], /Unknown guideline `XV`.*guidelines run I–XIV/],
      ['recs:\n  - "200"\n', 2, ['--rec', '200'], /Unknown recommendation number `200`.* Valid values: 1–113/],
    ] as const) {
      const fromFile = briefs(['select', '--spec', write('spec-range.yaml', `lang: es\n${text}`)])
      expect(fromFile.status, fromFile.stderr).toBe(1)
      expect(fromFile.stderr).toMatch(new RegExp(`^\\S*spec-range\\.yaml:${line + 1}:\\d+: ${message.source}`))
      const fromFlags = briefs(['select', ...flags])
      expect(fromFlags.status, fromFlags.stderr).toBe(2)
      expect(fromFlags.stderr).toMatch(message)
    }
  })

  it('builds markdown and JSON, printing each path, inside --out', () => {
    const out = join(dir, 'out-md')
    const run = briefs(['build', '--format', 'md,json', '--guideline', 'VII', '--out', out])
    expect(run.status).toBe(0)
    const paths = run.stdout.trim().split('\n')
    expect(paths).toEqual([join(out, 'guideline-vii-es.md'), join(out, 'guideline-vii-es.json')])
    const md = readFileSync(paths[0]!, 'utf8')
    expect(md).toMatch(/^62\. Acelerar/m)
    expect(md).not.toMatch(/^61\. /m)
  })

  it('unknown format: exit 2, valid values listed, nothing written', () => {
    const out = join(dir, 'out-bad')
    const run = briefs(['build', '--format', 'pdf,odt', '--out', out])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/Unknown format `odt`.*html, pdf, docx, slides, handout, pptx/s)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  it('the retired 3-up handout layout: exit 2, the valid layouts listed, nothing written', () => {
    const out = join(dir, 'out-bad-layout')
    const run = briefs(['build', '--format', 'md', '--handout-layout', '3', '--out', out])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/Unknown layout `3` in --handout-layout\. Valid values: 2, 6/)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  it('a missing browser: exit 3, how to install one, nothing written', () => {
    const out = join(dir, 'out-no-browser')
    const run = briefs(['build', '--format', 'md,pdf', '--guideline', 'IX', '--out', out], {env: {BRIEFS_CHROME: join(dir, 'no-such-chrome')}})
    expect(run.status).toBe(3)
    expect(run.stderr).toContain('no-such-chrome')
    expect(run.stderr).toContain('apt-get install -y chromium')
    expect(run.stdout).toBe('')
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  it('--help works on every command', () => {
    for (const command of ['model', 'validate', 'schema', 'list', 'select', 'build', 'batch']) {
      const run = briefs([command, '--help'])
      expect(run.status).toBe(0)
      expect(run.stdout).toContain(`briefs ${command}`)
    }
  })
})
