import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {contentPaths} from '../../source/content-paths.js'
import {documentOf} from '../../source/document/document-folder.js'
import {readEdition} from '../../source/document/read-edition.js'
import {briefs} from '../helpers/cli.js'
import {docxLangTags, pdfLangTags, pptxLangTags} from '../helpers/lang-tags.js'
import {langTags} from '../../source/model/vocabulary.js'
import {format, loadLabels} from '../../source/labels/index.js'

const folder = join(contentPaths.source, '..')
const textsOf = (lang: string) => readEdition(join(folder, `113-recomendaciones.${lang}.txt`), documentOf(contentPaths.source)).model.recommendations.map((r) => r.text)
const normalize = (text: string) => text.replace(/[\u00ad]/g, '').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, '').replace(/\s+/g, ' ').trim()
/** The first words of a recommendation: enough to tell it apart, short enough not to cross a page or slide break. */
const prefix = (text: string) => normalize(text).split(' ').slice(0, 6).join(' ')
const pdfText = (path: string) => normalize(execFileSync('pdftotext', [path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20}))
const docxText = (path: string) => normalize(execFileSync('pandoc', ['--to', 'plain', '--wrap', 'none', path], {encoding: 'utf8', maxBuffer: 64 << 20}))
const pptxText = (path: string) => normalize(Object.entries(unzipSync(readFileSync(path))).filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
  .map(([, data]) => strFromU8(data).replace(/<\/a:p>/g, ' ').replace(/<[^>]+>/g, '')).join(' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"))

const cases = [
  {code: 'JM', lang: 'en', notice: 'Unofficial translation'},
  {code: 'BR', lang: 'pt', notice: 'Tradução não oficial'},
] as const

/** Each page's text of a PDF, normalised; `\f` ends every page. */
const pdfPages = (path: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(0, -1).map(normalize)
const occurrences = (text: string, part: string) => text.split(part).length - 1

describe.each(cases)('briefs build --country $code: the whole brief in its country’s language ($lang)', ({code, lang, notice}) => {
  const out = mkdtempSync(join(tmpdir(), `briefs-${code}-`))
  const base = join(out, `country-${code.toLowerCase()}-${lang}`)
  const own = textsOf(lang).map(prefix)
  const spanish = textsOf('es').map(prefix)

  beforeAll(() => {
    const run = briefs(['build', '--country', code, '--format', 'pdf,docx,pptx,slides,handout', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(5)
  }, 300_000)

  const readers = {
    pdf: () => pdfText(`${base}.pdf`),
    docx: () => docxText(`${base}.docx`),
    pptx: () => pptxText(`${base}.pptx`),
    slides: () => pdfText(`${base}.slides.pdf`),
    handout: () => pdfText(`${base}.handout.pdf`),
  }
  it.each(Object.keys(readers) as (keyof typeof readers)[])('%s: all 113 recommendations in the edition’s language, none of the Spanish texts', (format) => {
    const text = readers[format]()
    expect(own.filter((p) => !text.includes(p))).toEqual([])
    expect(spanish.filter((p) => text.includes(p))).toEqual([])
  })

  it('the title page says it is an unofficial translation of the authoritative Spanish original, with its citation', () => {
    const first = normalize(execFileSync('pdftotext', ['-l', '1', `${base}.pdf`, '-'], {encoding: 'utf8'}))
    expect(first).toContain(notice)
    expect(first).toContain('Comisión Económica para América Latina y el Caribe (CEPAL), Escalar y mejorar las políticas de desarrollo productivo')
    expect(pdfText(`${base}.slides.pdf`)).toContain(notice)
    expect(execFileSync('pdfinfo', [`${base}.pdf`], {encoding: 'utf8'})).toMatch(new RegExp(`Subject:.*${notice === 'Unofficial translation' ? 'Unofficial working translation' : 'Tradução de trabalho não oficial'}`))
  })

  it('every inside page of the PDF brief says it is an unofficial translation, in its running header', () => {
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', `${base}.pdf`, '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(1, -1)
    expect(pages.length).toBeGreaterThan(5)
    expect(pages.map((page, i) => [i + 2, normalize(page).includes(notice)]).filter(([, marked]) => !marked)).toEqual([])
  })

  it('cannot be taken for an ECLAC edition: the project is its author, the original’s rights and sales number are the original’s, said once on the cover', () => {
    const labels = loadLabels(lang)
    const [cover = '', ...inside] = pdfPages(`${base}.pdf`)
    // No ECLAC name over the cover; the statement once, at its start; the symbol only as the original's.
    expect(cover).not.toContain(labels.publishedBy)
    expect(cover.startsWith(notice)).toBe(true)
    const statement = labels['translation.notice'].split(' ').slice(0, 4).join(' ')
    expect(occurrences(cover, statement)).toBe(1)
    expect(occurrences(cover, 'S.2500005[S]')).toBe(1)
    expect(cover).toContain(format(labels['translation.originalRights'], {rights: 'Copyright © Naciones Unidas, 2025 · S.2500005[S]'}))
    // The colophon: no copyright of the United Nations over the translation, the original's given as such.
    const colophon = inside.at(-1)!
    expect(colophon).not.toMatch(/Copyright © (United Nations|Nações Unidas)/)
    expect(occurrences(colophon, 'S.2500005[S]')).toBe(occurrences(colophon, 'Copyright © Naciones Unidas, 2025 · S.2500005[S]'))
    expect(execFileSync('pdfinfo', [`${base}.pdf`], {encoding: 'utf8'})).toMatch(new RegExp(`Author:\\s+${labels['translation.author'].replace(/[()]/g, '\\$&')}\n`))
    const core = strFromU8(unzipSync(readFileSync(`${base}.docx`))['docProps/core.xml']!)
    expect(core).toContain(`<dc:creator>${labels['translation.author']}</dc:creator>`)
    expect(strFromU8(unzipSync(readFileSync(`${base}.pptx`))['docProps/core.xml']!)).toContain(`<dc:creator>${labels['translation.author']}</dc:creator>`)
  })

  it('every page of the Word file after its cover says it is an unofficial translation (through LibreOffice)', () => {
    const work = mkdtempSync(join(tmpdir(), 'briefs-lo-'))
    execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo-user')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, `${base}.docx`], {stdio: 'pipe', timeout: 150_000})
    const [cover = '', ...pages] = pdfPages(join(work, `country-${code.toLowerCase()}-${lang}.pdf`))
    expect(cover).not.toContain(loadLabels(lang).publishedBy)
    expect(pages.length).toBeGreaterThan(5)
    expect(pages.map((page, i) => [i + 2, page.includes(notice)]).filter(([, marked]) => !marked)).toEqual([])
  }, 200_000)

  it('tagged in its language: the PDF catalog, Word styles, every PowerPoint run', async () => {
    const tag = langTags[lang]
    expect((await pdfLangTags(readFileSync(`${base}.pdf`))).document).toBe(tag)
    expect((await pdfLangTags(readFileSync(`${base}.slides.pdf`))).document).toBe(tag)
    expect((await pdfLangTags(readFileSync(`${base}.handout.pdf`))).document).toBe(tag)
    expect(docxLangTags(readFileSync(`${base}.docx`)).document).toBe(tag)
    const pptx = pptxLangTags(readFileSync(`${base}.pptx`))
    // The original's citation in the notice is the one passage in Spanish.
    expect([...pptx.parts.keys()].sort()).toEqual([tag, 'es-419'].sort())
    expect(pptx.parts.get('es-419')).toBe(1)
  })
})
