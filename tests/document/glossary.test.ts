import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {contentPaths} from '../../source/content-paths.js'
import {documentOf} from '../../source/document/document-folder.js'
import {checkGlossary, loadGlossary} from '../../source/document/glossary.js'
import {readEdition} from '../../source/document/read-edition.js'
import {briefs} from '../helpers/cli.js'

const folder = join(contentPaths.source, '..')
const glossary = loadGlossary(join(folder, 'glossary.yaml'))
const original = readEdition(contentPaths.source, documentOf(contentPaths.source)).model
const fold = (text: string) => text.toLocaleLowerCase('und')

describe.each(['en', 'pt'] as const)('the %s glossary', (lang) => {
  const path = join(folder, `113-recomendaciones.${lang}.txt`)
  const terms = glossary[lang] ?? []

  it('has terms, each found in the Spanish original', () => {
    expect(terms.length).toBeGreaterThan(20)
    const units = [...original.recommendations.map((r) => r.text), ...original.guidelines.flatMap((g) => [g.title, ...g.groups.map((x) => x.title)]), ...original.footnotes.map((f) => f.text)]
    expect(terms.filter((t) => !units.some((u) => fold(u).includes(fold(t.source)))).map((t) => t.source)).toEqual([])
  })

  it('the edition uses every term wherever the original does', () => {
    const edition = readEdition(path, documentOf(path))
    const file = new VFile()
    checkGlossary(edition.model, file, original, terms)
    expect(file.messages.map(String)).toEqual([])
  })

  it('a mistranslated term in a copy fails: edition-glossary at the recommendation, exit 1', () => {
    const term = terms.find((t) => t.source === 'extensionismo tecnológico')!
    const dir = mkdtempSync(join(tmpdir(), 'briefs-glossary-'))
    cpSync(folder, dir, {recursive: true})
    const copy = join(dir, `113-recomendaciones.${lang}.txt`)
    const text = readFileSync(copy, 'utf8')
    const line = text.split('\n').findIndex((l) => l.startsWith('4. ')) + 1
    expect(fold(text.split('\n')[line - 1]!)).toContain(fold(term.target))
    const lines = text.split('\n')
    lines[line - 1] = lines[line - 1]!.replace(new RegExp(term.target, 'i'), lang === 'en' ? 'technological extensionism' : 'extensão técnica')
    writeFileSync(copy, lines.join('\n'))
    const run = briefs(['validate', copy])
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`113-recomendaciones\\.${lang}\\.txt:${line}:1: Unexpected translation of \`extensionismo tecnológico\` in recommendation 4, expected \`${term.target}\` \\(.*glossary\\.yaml:\\d+:\\d+\\) \\[edition-glossary\\]$`)),
    ])
  })
})
