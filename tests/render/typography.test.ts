import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {hyphenator, softHyphen} from '../../source/render/hyphenate.js'
import {briefs} from '../helpers/cli.js'

/**
 * Micro-typography (issue 22, item 9), read back from the documents: words
 * broken at the language's hyphenation points, a figure and its noun or a page
 * abbreviation and its number never parted, dates written the language's way,
 * the cited title in italics.
 */

const out = mkdtempSync(join(tmpdir(), 'briefs-typography-'))
const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, join(out, file), '-'], {encoding: 'utf8', maxBuffer: 64 << 20})
/** Lines as laid out, soft hyphens and no-break spaces as a reader sees them (nothing, a space). */
const layoutLines = (file: string, ...args: string[]) => pdftotext(file, '-layout', ...args).replaceAll(softHyphen, '').replaceAll('\u00a0', ' ').split('\n')

beforeAll(() => {
  for (const args of [
    ['--format', 'pdf,docx,html'],
    ['--country', 'JM', '--format', 'pdf'],
    ['--country', 'BR', '--format', 'pdf'],
    ['--country', 'CL', '--profiles', 'examples/profiles', '--format', 'pdf,docx'],
  ]) {
    const run = briefs(['build', ...args, '--out', out])
    expect(run.status, run.stderr).toBe(0)
  }
}, 300_000)

describe('hyphenation with the TeX patterns of the language (this Chromium has no dictionaries)', () => {
  it.each([
    ['full-es.pdf', 'es'],
    ['country-jm-en.pdf', 'en'],
    ['country-br-pt.pdf', 'pt'],
  ] as const)('%s breaks words at line ends, each at a hyphenation point of %s', (file, lang) => {
    const lines = layoutLines(file)
    // A hyphen of the source ("costo-eficacia") stays where it is: pdftotext's reading order keeps it.
    const joined = pdftotext(file).replaceAll(softHyphen, '')
    const hyphenate = hyphenator(lang)
    const breaks: string[] = []
    for (const [i, line] of lines.entries()) {
      // A word broken at the line end: letters, then the hyphen Chromium draws at a soft hyphen.
      const head = /(\p{L}+)-\s*$/u.exec(line)?.[1]
      const tail = head ? /^\s*(?:\d+\s+)?(\p{L}+)/u.exec(lines[i + 1] ?? '')?.[1] : undefined
      if (head && tail && !joined.includes(`${head}-${tail}`)) breaks.push(`${head}|${tail}`)
    }
    // Before: one hyphenated line in the 23 pages of full-es.pdf, none in the translations.
    expect(breaks.length).toBeGreaterThanOrEqual(20)
    const misplaced = breaks.filter((pair) => {
      const [head = '', tail = ''] = pair.split('|')
      const points = hyphenate(head + tail).split(softHyphen)
      // The break must fall where the patterns put a soft hyphen.
      let at = 0
      return !points.slice(0, -1).some((part) => (at += part.length) === head.length)
    })
    expect(misplaced).toEqual([])
  })

  it('keeps the text whole for a reader: pdftotext joins every broken word back (no soft hyphen inside a word of the source)', () => {
    const text = pdftotext('full-es.pdf').replaceAll(softHyphen, '')
    expect(text).toMatch(/Profundizar los esfuerzos que los países y territorios están haciendo/)
  })
})

describe('no-break spaces', () => {
  it('the cover title keeps "113 recomendaciones" on one line', () => {
    // Before: "…: 113" ended a line and "recomendaciones para…" began the next.
    const cover = layoutLines('full-es.pdf', '-f', '1', '-l', '1').map((l) => l.trim())
    expect(cover.some((line) => /(^|\s)113 recomendaciones(\s|$)/.test(line))).toBe(true)
    expect(cover.some((line) => /(^|\s)113$/.test(line))).toBe(false)
  })

  it('Word ties every page reference to its number ("pág. 86" never parts)', () => {
    const xml = strFromU8(unzipSync(readFileSync(join(out, 'full-es.docx')))['word/document.xml']!)
    const tied = xml.match(/págs?\.\u00a0\d+/g) ?? []
    expect(tied.length).toBeGreaterThanOrEqual(113)
    expect(xml.match(/págs?\. \d/g) ?? []).toEqual([])
  })
})

describe('dates written the language’s way', () => {
  it.each(['country-cl-es.pdf'])('%s: "Autoevaluación al 19 de agosto de 2026", no ISO date in a sentence', (file) => {
    const cover = layoutLines(file, '-f', '1', '-l', '1').join(' ').replace(/\s+/g, ' ')
    expect(cover).toMatch(/Autoevaluación al \d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/)
    expect(cover).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })

  it('the Word cover too', () => {
    const text = execFileSync('pandoc', ['--to', 'plain', '--wrap', 'none', join(out, 'country-cl-es.docx')], {encoding: 'utf8'})
    expect(text).toMatch(/Autoevaluación al \d{1,2} de [a-z]+ de \d{4}/)
    expect(text).not.toMatch(/Autoevaluación al \d{4}-/)
  })
})

describe('the citation sets the title in italics, as the cover does', () => {
  const title = 'Escalar y mejorar las políticas de desarrollo productivo: 113 recomendaciones para América Latina y el Caribe'
  it('HTML and PDF: "Cómo citar" cites the title in <cite>', () => {
    const html = readFileSync(join(out, 'full-es.html'), 'utf8')
    const citation = /<p class="citation"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''
    expect(citation.replace(/<cite[^>]*>|<\/cite>/g, '|').split('|')[1]?.replaceAll('\u00a0', ' ')).toBe(title)
    // The PDF draws it in the italic face.
    expect(execFileSync('pdffonts', [join(out, 'full-es.pdf')], {encoding: 'utf8'})).toMatch(/SourceSerif4.*Italic/i)
  })

  it('Word: the title run of "Cómo citar" is italic', () => {
    const md = execFileSync('pandoc', ['--to', 'markdown', '--wrap', 'none', join(out, 'full-es.docx')], {encoding: 'utf8'})
    const line = md.split('\n').find((l) => l.includes('Cómo citar')) ?? ''
    expect(line.replaceAll('\u00a0', ' ')).toContain(`*${title}*`)
  })
})
