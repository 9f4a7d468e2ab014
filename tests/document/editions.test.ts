import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {contentPaths} from '../../source/content-paths.js'
import {documentOf} from '../../source/document/document-folder.js'
import {readEdition} from '../../source/document/read-edition.js'
import {formatMessages} from '../../source/parse/index.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {briefs} from '../helpers/cli.js'

const folder = join(contentPaths.source, '..')
const edition = (lang: string) => join(folder, `113-recomendaciones.${lang}.txt`)

/** A copy of the bundled document folder, with the English edition edited. */
function brokenCopy(edit: (english: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefs-edition-'))
  cpSync(folder, dir, {recursive: true})
  const path = join(dir, '113-recomendaciones.en.txt')
  writeFileSync(path, edit(readFileSync(path, 'utf8')))
  return path
}

const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1

describe('the editions of the 113 recommendations', () => {
  it('the document folder holds es, en and pt; es is the original', () => {
    const doc = documentOf(contentPaths.source)
    expect(Object.keys(doc.editions).sort()).toEqual(['en', 'es', 'pt'])
    expect(doc.original).toBe('es')
    expect(doc.annotations).toBe(contentPaths.annotations)
  })

  it.each(['en', 'pt'] as const)('the %s edition lines up with the Spanish original and uses the glossary', (lang) => {
    const result = readEdition(edition(lang), documentOf(edition(lang)))
    expect(formatMessages(result.file)).toEqual([])
    expect(result.lang).toBe(lang)
    expect(result.model.meta.language).toBe(lang)
    expect(result.translationOf?.lang).toBe('es')
    expect(result.translationOf?.citation).toContain('Comisión Económica para América Latina y el Caribe (CEPAL)')
    expect(result.model.recommendations).toHaveLength(113)
  })

  it('briefs validate passes both translations against the original (exit 0)', () => {
    for (const lang of ['en', 'pt']) {
      const run = briefs(['validate', edition(lang)])
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toContain('lines up with the es original')
    }
  })

  it('briefs validate reads document.yaml from the cache only while its bytes are the same: a broken one is reported at its line, cache or not', () => {
    const path = brokenCopy((text) => text)
    const descriptor = join(path, '..', 'document.yaml')
    const cache = mkdtempSync(join(tmpdir(), 'briefs-cache-'))
    const warm = briefs(['validate', path], {env: {BRIEFS_CACHE_DIR: cache}})
    expect(warm.status, warm.stderr).toBe(0)
    expect(warm.stderr).toContain('lines up with the es original')
    // Cached now: the same edition is still checked as the translation it is.
    expect(briefs(['validate', path], {env: {BRIEFS_CACHE_DIR: cache}}).stderr).toContain('lines up with the es original')
    writeFileSync(descriptor, 'original: es\nfolder: x\n')
    for (const env of [{BRIEFS_CACHE_DIR: cache}, {BRIEFS_CACHE_DIR: 'off'}]) {
      const run = briefs(['validate', path], {env})
      expect(run.status).toBe(1)
      expect(run.stderr.trim()).toMatch(/document\.yaml:2:9: Unrecognized key: "folder" \[schema\]$/)
    }
    // Declared the original, the English edition is checked as an original (nothing to line up with).
    writeFileSync(descriptor, 'original: en\n')
    const own = briefs(['validate', path], {env: {BRIEFS_CACHE_DIR: cache}})
    expect(own.status, own.stderr).toBe(0)
    expect(own.stderr).not.toContain('lines up')
  })

  it('a changed page number in a copy of the English edition is an edition-pages error at its line', () => {
    let line = 0
    const path = brokenCopy((text) => {
      line = lineOf(text, '4. ')
      return text.replace(/^(4\. .*)\(pp\. 86 and 87\)/m, '$1(pp. 86 and 88)')
    })
    const run = briefs(['validate', path])
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^.*113-recomendaciones\\.en\\.txt:${line}:1: Unexpected pages \`86\`, \`88\` for recommendation 4, expected \`86\`, \`87\` \\(original: .*113-recomendaciones\\.es\\.txt:${line}:1\\) \\[edition-pages\\]$`))
  })

  it('a dropped recommendation is reported missing against the original, where it would stand', () => {
    let next = 0
    const path = brokenCopy((text) => {
      const lines = text.split('\n')
      const at = lineOf(text, '47. ') - 1
      lines.splice(at, 1)
      next = lineOf(lines.join('\n'), '48. ')
      return lines.join('\n')
    })
    const run = briefs(['validate', path])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`113-recomendaciones.en.txt:${next}:1: Missing recommendation 47, expected it under guideline \`III\` as in the original`)
    expect(run.stderr).toContain('[edition-recommendation-missing]')
    // The text's own checks see the gap too.
    expect(run.stderr).toContain('[recommendation-gap]')
  })

  it('an edition that does not line up cannot be used for a brief: exit 1 naming the line', () => {
    const path = brokenCopy((text) => text.replace('(pp. 86 and 87)', '(pp. 86 and 88)'))
    const run = briefs(['build', '--source', path, '--lang', 'en', '--format', 'md', '--out', mkdtempSync(join(tmpdir(), 'briefs-out-'))])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('[edition-pages]')
    expect(run.stdout).toBe('')
  })
})

describe('a country brief is written in its country’s language', () => {
  const project = loadProject()
  const cases = {JM: 'en', BR: 'pt', SR: 'en', HT: 'es', BZ: 'en', CL: 'es', TT: 'en'} as const
  it.each(Object.entries(cases))('%s → %s, text and labels', (code, lang) => {
    const view = select(project, toBriefSpec({country: code}))
    expect(view.lang).toBe(lang)
    expect(view.textLang).toBe(lang)
    expect(view.slug).toBe(`country-${code.toLowerCase()}-${lang}`)
    expect(view.translation === null).toBe(lang === 'es')
  })

  it('--lang overrides the country’s language', () => {
    const view = select(project, toBriefSpec({country: 'JM', lang: 'es'}))
    expect(view.lang).toBe('es')
    expect(view.guidelines[0]!.groups[0]!.recommendations[0]!.text).toMatch(/^Profundizar los esfuerzos/)
  })

  it('names with their article, formal UN names on the cover', () => {
    expect(select(project, toBriefSpec({country: 'BS'})).subtitle).toBe('Brief for the Bahamas')
    expect(select(project, toBriefSpec({country: 'BR'})).subtitle).toBe('Relatório para o Brasil')
    const bolivia = select(project, toBriefSpec({country: 'BO'}))
    expect(bolivia.country!.formalName).toBe('Bolivia (Estado Plurinacional de)')
    expect(bolivia.country!.name).toBe('Bolivia')
    expect(bolivia.meta.keywords).toContain('Bolivia (Estado Plurinacional de)')
  })

  it('subregions follow ECLAC: Guyana, Suriname and Belize with the Caribbean', () => {
    for (const code of ['GY', 'SR', 'BZ']) expect(project.countries.find((c) => c.code === code)!.subregion).toBe('caribbean')
    expect(project.countries.find((c) => c.code === 'HT')!.subregion).toBe('central-america-mexico')
  })

  it('the context sentence is in the brief’s language', () => {
    expect(select(project, toBriefSpec({country: 'JM'})).country!.context).toBe(
      'Jamaica is one of the 33 ECLAC member States in Latin America and the Caribbean (The Caribbean; main official language: English).',
    )
    expect(select(project, toBriefSpec({country: 'BR'})).country!.context).toMatch(/^O Brasil é um dos 33 Estados membros da CEPAL/)
  })
})

describe('any conforming text, annotated or not', () => {
  const five = join(import.meta.dirname, '..', 'fixtures', 'documents', 'five-en', 'five.txt')

  it('briefs model of a five-recommendation English text without annotations prints its model (exit 0)', () => {
    const run = briefs(['model', five])
    expect(run.status, run.stderr).toBe(0)
    const model = JSON.parse(run.stdout) as {meta: {language: string}; recommendations: {number: number; audiences: string[]; text: string}[]}
    expect(model.meta.language).toBe('en')
    expect(model.recommendations.map((r) => r.number)).toEqual([1, 2, 3, 4, 5])
    expect(model.recommendations.every((r) => r.audiences.length === 0)).toBe(true)
  })

  it('--audience or --theme on it is a usage error (exit 2) saying it has no annotations', () => {
    for (const flag of ['--audience', '--theme']) {
      const run = briefs(['select', '--source', five, flag, 'evaluation'])
      expect(run.status).toBe(2)
      expect(run.stderr).toContain('five.txt has no annotations')
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('guideline, --rec and --query filters still work, in its own language', () => {
    const run = briefs(['select', '--source', five, '--guideline', 'II', '--json'])
    expect(run.status, run.stderr).toBe(0)
    const view = JSON.parse(run.stdout) as {lang: string; filters: string[]; guidelines: {recommendations: {number: number}[]}[]}
    expect(view.lang).toBe('en')
    expect(view.filters).toEqual(['Guideline: II'])
    expect(view.guidelines[0]!.recommendations.map((r) => r.number)).toEqual([4, 5])
    const query = briefs(['select', '--source', five, '--query', 'cluster', '--rec', '1-3', '--json'])
    expect(query.status, query.stderr).toBe(0)
  })
})
