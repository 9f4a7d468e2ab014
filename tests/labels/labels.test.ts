import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {contentPaths} from '../../source/content-paths.js'
import {countLabel, labelKeys, listLabel, loadLabels, pageLabel} from '../../source/labels/index.js'
import {languages} from '../../source/model/vocabulary.js'

const templateFiles = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? templateFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []))

describe('labels', () => {
  it.each(languages)('%s: every key of the schema, no other, none empty', (lang) => {
    const labels = loadLabels(lang)
    expect(Object.keys(labels).sort()).toEqual([...labelKeys].sort())
    for (const key of labelKeys) expect(labels[key].trim()).not.toBe('')
  })

  it('a locale file missing a key (or with a misspelt one) is refused, naming the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-locales-'))
    const text = readFileSync(join(contentPaths.locales, 'en.yaml'), 'utf8').replace(/^handout:/m, 'handuot:')
    writeFileSync(join(dir, 'en.yaml'), text)
    expect(() => loadLabels('en', dir)).toThrow(/en\.yaml:\d+:\d+: .*handout/)
  })

  it('every label a template asks for exists in the schema', () => {
    const used = templateFiles(contentPaths.templates).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return [...text.matchAll(/\{\{t "([^"]+)"/g), ...text.matchAll(/labels\.([\w.-]+)/g)].map((m) => [file, m[1]!] as const)
    })
    expect(used.length).toBeGreaterThan(20)
    expect(used.filter(([, key]) => !(labelKeys as string[]).includes(key))).toEqual([])
  })

  it('one value takes the singular, several the plural', () => {
    const en = loadLabels('en')
    const es = loadLabels('es')
    expect(listLabel(en, 'guideline', ['I'])).toBe('Guideline: I')
    expect(listLabel(en, 'guideline', ['I', 'VII'])).toBe('Guidelines: I, VII')
    expect(listLabel(es, 'guideline', ['II'])).toBe('Lineamiento: II')
    expect(listLabel(es, 'audience', ['Gobiernos subnacionales'])).toBe('Público: Gobiernos subnacionales')
    expect(countLabel(loadLabels('pt'), 'recommendationsCount', 1)).toBe('1 recomendação')
    expect(countLabel(loadLabels('pt'), 'recommendationsCount', 3)).toBe('3 recomendações')
  })

  it('page references in each language’s style', () => {
    expect(pageLabel([86, 87], loadLabels('es'))).toBe('págs. 86 y 87')
    expect(pageLabel([12, 14, 15], loadLabels('en'))).toBe('pp. 12, 14 and 15')
    expect(pageLabel([94], loadLabels('pt'))).toBe('p. 94')
  })

  it('the publisher and rights in each language', () => {
    expect(loadLabels('es').publishedBy).toBe('Comisión Económica para América Latina y el Caribe (CEPAL)')
    expect(loadLabels('en').publishedBy).toBe('Economic Commission for Latin America and the Caribbean (ECLAC)')
    expect(loadLabels('pt').publishedBy).toBe('Comissão Econômica para a América Latina e o Caribe (CEPAL)')
    expect(loadLabels('en')['copyright.line']).toBe('© United Nations, {year}')
  })
})
