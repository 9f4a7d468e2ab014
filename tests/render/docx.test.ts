import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadProject, type Project} from '../../source/annotate/load-project.js'
import {planDocx} from '../../source/render/docx/docx-plan.js'
import {renderDocx} from '../../source/render/docx/render-docx.js'
import {pageNumbersKey} from '../../source/render/docx/page-numbers.js'
import {readCache, writeCache} from '../../source/content-cache.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {select, toBriefSpec, type BriefSpecInput} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'
import {expectGoldenJson} from '../helpers/golden.js'

const options: RenderOptions = {paper: 'a4', date: defaultDate, handoutLayout: 6}

/** Every kind of brief, as a spec. */
const cases = {
  full: {},
  'guideline-vii': {guidelines: ['VII']},
  'audience-development-banks': {audiences: ['development-banks']},
  'country-cl': {country: 'CL'},
  'custom-evaluation': {themes: ['evaluation'], recs: ['1-60']},
} as const satisfies Record<string, BriefSpecInput>
type Case = keyof typeof cases

const golden = join(import.meta.dirname, 'golden')
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()
/** A prefix of a recommendation's text that no line break or footnote marker can split oddly. */
const prefix = (text: string) => normalize(text).split(' ').slice(0, 8).join(' ')

let project: Project
const views = {} as Record<Case, View>
const docx = {} as Record<Case, Uint8Array>
const pdfText = {} as Record<Case, string>
/** The text of each page of the PDF LibreOffice made, whitespace and ligatures folded. */
const pdfPages = {} as Record<Case, string[]>
const timings: string[] = []

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes)
  return Object.fromEntries(Object.entries(files).filter(([path]) => /\.(xml|rels)$/.test(path)).map(([path, data]) => [path, strFromU8(data)]))
}

const fold = (text: string) => normalize(text.normalize('NFKC'))
const xmlText = (xml: string) => fold([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"))

/** Each table-of-contents entry: the heading it points to (by its bookmark) and the page number written for it. */
function tocEntries(bytes: Uint8Array): {heading: string; page: number}[] {
  const xml = parts(bytes)['word/document.xml']!
  const paragraphs = xml.split('</w:p>')
  return [...xml.matchAll(/PAGEREF (_Toc\d+) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)</g)].map(([, bookmark, page]) => {
    const heading = paragraphs.find((p) => p.includes(`<w:bookmarkStart w:name="${bookmark}"`))
    expect(heading, bookmark).toBeDefined()
    return {heading: xmlText(heading!), page: Number(page)}
  })
}

/** Run `body`, which may set BRIEFS_CACHE_DIR, and put the variable back as it was. */
async function keepingCacheDir(body: () => Promise<void>): Promise<void> {
  const saved = process.env['BRIEFS_CACHE_DIR']
  try {
    await body()
  } finally {
    if (saved === undefined) delete process.env['BRIEFS_CACHE_DIR']
    else process.env['BRIEFS_CACHE_DIR'] = saved
  }
}

const recommendationsOf = (view: View) => view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))

beforeAll(async () => {
  project = loadProject()
  const dir = mkdtempSync(join(tmpdir(), 'docx-test-'))
  const files: string[] = []
  for (const [name, spec] of Object.entries(cases) as [Case, BriefSpecInput][]) {
    views[name] = select(project, toBriefSpec({...spec, lang: 'es'}))
    const start = performance.now()
    docx[name] = await renderDocx(views[name], options)
    timings.push(`${name}: ${(performance.now() - start).toFixed(0)} ms`)
    const file = join(dir, `${name}.docx`)
    writeFileSync(file, docx[name])
    files.push(file)
  }
  // One LibreOffice run converts them all, one after another.
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, ...files], {stdio: 'ignore'})
  for (const name of Object.keys(cases) as Case[]) {
    pdfText[name] = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, `${name}.pdf`), '-'], {encoding: 'utf8'})
    pdfPages[name] = pdfText[name].split('\f').map(fold)
  }
  console.info(`DOCX render times: ${timings.join(', ')}`)
})

describe('docx plan (golden)', () => {
  for (const name of Object.keys(cases) as Case[]) {
    it(`plans ${name}`, () => {
      expectGoldenJson(join(golden, `docx-plan-${name}.json`), planDocx(views[name], options))
    })
  }
  it('plans a brief in English', () => {
    const view = select(project, toBriefSpec({guidelines: ['VII'], lang: 'en'}))
    expectGoldenJson(join(golden, 'docx-plan-guideline-vii-en.json'), planDocx(view, options))
  })
  it('keeps the source numbers and maps footnote ids to Word footnote numbers', () => {
    const plan = planDocx(views.full, options)
    const recs = plan.blocks.filter((b) => b.type === 'recommendation')
    expect(recs.map((r) => r.number)).toEqual(project.model.recommendations.map((r) => r.number))
    expect(plan.footnotes.map((f) => [f.id, f.number])).toEqual([['2', 1], ['3', 2]])
    const withNotes = recs.filter((r) => r.runs.some((run) => 'footnote' in run)).map((r) => r.number)
    expect(withNotes).toEqual([23, 105])
  })
})

describe('docx document', () => {
  it('holds all 113 recommendations, numbered as in the source (pandoc)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-pandoc-'))
    const file = join(dir, 'full.docx')
    writeFileSync(file, docx.full)
    const text = normalize(execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', file], {encoding: 'utf8'}))
    expect(project.model.recommendations).toHaveLength(113)
    for (const rec of project.model.recommendations) {
      expect(text).toContain(`${rec.number}. ${prefix(rec.text)}`)
    }
  })

  for (const name of Object.keys(cases) as Case[]) {
    it(`converts ${name} with LibreOffice and keeps every selected recommendation`, () => {
      const text = normalize(pdfText[name])
      const selected = recommendationsOf(views[name])
      expect(selected.length).toBeGreaterThan(0)
      for (const rec of selected) expect(text).toContain(prefix(rec.text))
      expect(text).toContain(views[name].subtitle)
    })
  }

  it('gives a guideline VII brief that starts at 62 and leaves out other guidelines', () => {
    const text = normalize(pdfText['guideline-vii'])
    const byNumber = new Map(project.model.recommendations.map((r) => [r.number, r]))
    expect(text).toContain(`62. ${prefix(byNumber.get(62)!.text)}`)
    expect(text).not.toContain(prefix(byNumber.get(61)!.text))
    expect(text).not.toContain(prefix(byNumber.get(79)!.text))
    const xml = parts(docx['guideline-vii'])['word/document.xml']!
    const first = /<w:rStyle w:val="RecommendationNumber"\/><\/w:rPr><w:t[^>]*>([^<]*)</.exec(xml)
    expect(first?.[1]).toBe('62.')
  })

  it('has real Word footnotes on recommendations 23 and 105', () => {
    const files = parts(docx.full)
    const xml = files['word/document.xml']!
    expect(xml.match(/<w:footnoteReference w:id="\d+"\/>/g)).toEqual(['<w:footnoteReference w:id="1"/>', '<w:footnoteReference w:id="2"/>'])
    const paragraphs = xml.split('</w:p>')
    const withReference = paragraphs.filter((p) => p.includes('<w:footnoteReference'))
    expect(withReference[0]).toContain('>23.<')
    expect(withReference[1]).toContain('>105.<')
    const notes = files['word/footnotes.xml']!
    for (const note of project.model.footnotes) expect(notes).toContain(note.text.slice(0, 40))
  })

  it('has a table of contents already filled with the guidelines', () => {
    const xml = parts(docx.full)['word/document.xml']!
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;/)
    const toc = xml.slice(xml.indexOf('TOC \\h'), xml.indexOf('<w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent>'))
    for (const guideline of project.model.guidelines) expect(toc).toContain(`>${guideline.id}. `)
    // Cached page numbers through PAGEREF fields to bookmarks on the headings.
    expect(toc).toMatch(/PAGEREF _Toc1 \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>\d+</)
    expect(xml).toContain('<w:bookmarkStart w:name="_Toc1" w:id="1"/>')
  })

  for (const name of ['full', 'country-cl'] as const) {
    it(`writes, in the ${name} contents, the page each heading lands on in LibreOffice`, () => {
      const entries = tocEntries(docx[name])
      expect(entries.length).toBeGreaterThan(name === 'full' ? 14 : 4)
      const pages = pdfPages[name]
      // The contents start under their title and list every heading in order: the last one's first appearance after the title is on their last page.
      const xml = parts(docx[name])['word/document.xml']!
      const title = xmlText(xml.split('</w:p>').find((p) => p.includes('<w:pStyle w:val="TOCHeading"/>'))!)
      expect(title).not.toBe('')
      const tocStart = pages.findIndex((page) => page.includes(title))
      const tocEnd = pages.findIndex((page, i) => i >= tocStart && page.includes(entries.at(-1)!.heading))
      expect(tocStart).toBeGreaterThanOrEqual(0)
      expect(tocEnd).toBeGreaterThanOrEqual(tocStart)
      let from = tocEnd + 1
      const landed = entries.map(({heading}) => {
        const index = pages.findIndex((page, i) => i >= from && page.includes(heading))
        if (index >= 0) from = index
        return {heading, page: index + 1}
      })
      expect(landed).toEqual(entries)
      // "Página X de Y": the number of pages written is LibreOffice's too.
      expect(pdfText[name]).toContain(`de ${pages.filter((p) => p !== '').length}`)
    })
  }

  it('has a page X of Y footer with live fields', () => {
    const files = parts(docx.full)
    const footers = Object.entries(files).filter(([path]) => path.startsWith('word/footer')).map(([, xml]) => xml).join('')
    expect(footers).toContain('>PAGE<')
    expect(footers).toContain('>NUMPAGES<')
    expect(footers).toContain('Página ')
  })

  it('customises Word styles and adds a Recommendation style', () => {
    const styles = parts(docx.full)['word/styles.xml']!
    for (const id of ['Title', 'Subtitle', 'Heading1', 'Heading2', 'Recommendation', 'FootnoteText', 'TOC1', 'TOC2']) {
      expect(styles).toContain(`w:styleId="${id}"`)
    }
    expect(styles).toContain('w:ascii="Source Serif 4"')
    expect(styles).toContain('<w:lang w:val="es-419"/>')
  })

  it('gives a country brief without answers one note instead of tables of zeros, a chart and a status per recommendation', () => {
    const xml = parts(docx['country-cl'])['word/document.xml']!
    const text = normalize(pdfText['country-cl'])
    expect(text).toContain('Aún no se ha recibido una autoevaluación')
    expect(text).toContain('briefs assessment export --country CL')
    // No table, no chart, no "No evaluada" anywhere: nothing says a count of zero.
    expect(xml).not.toContain('<w:tbl>')
    expect(Object.keys(unzipSync(docx['country-cl'])).filter((name) => name.startsWith('word/media/'))).toEqual([])
    expect(text).not.toContain('No evaluada')
  })

  it('writes document properties with a fixed date', () => {
    const core = parts(docx['country-cl'])['docProps/core.xml']!
    const view = views['country-cl']
    expect(core).toContain(`<dc:title>${view.title}</dc:title>`)
    expect(core).toContain('<dc:subject>')
    expect(core).toContain('<cp:keywords>')
    expect(core).toContain(`<dc:creator>${view.meta.author}</dc:creator>`)
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>')
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified>')
  })

  it('writes the same page numbers from the cache as laid out afresh, whatever the bookmark counter', async () => {
    await keepingCacheDir(async () => {
      process.env['BRIEFS_CACHE_DIR'] = 'off'
      const fresh = Buffer.from(await renderDocx(views['guideline-vii'], options))
      const dir = mkdtempSync(join(tmpdir(), 'docx-pages-'))
      process.env['BRIEFS_CACHE_DIR'] = dir
      const stored = Buffer.from(await renderDocx(views['guideline-vii'], options))
      expect(readdirSync(dir).filter((f) => f.startsWith('docx-pages-'))).toHaveLength(1)
      // Another document in between moves the process's bookmark counter: the entry maps back by order.
      await renderDocx(views['audience-development-banks'], options)
      const read = Buffer.from(await renderDocx(views['guideline-vii'], options))
      expect(stored.equals(fresh)).toBe(true)
      expect(read.equals(fresh)).toBe(true)
      expect(parts(read)['word/document.xml']).toMatch(/PAGEREF _Toc1 \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>\d+</)
    })
  })

  it('lays the pages out again when the page numbers in the cache do not fit the document', async () => {
    await keepingCacheDir(async () => {
      process.env['BRIEFS_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'docx-stale-'))
      const view = views['guideline-vii']
      const fresh = Buffer.from(await renderDocx(view, options))
      const key = pageNumbersKey({plan: planDocx(view, options), paper: options.paper})
      const stored = readCache<{bookmarks: [number, number][]}>('docx-pages', key)
      expect(stored?.bookmarks.length).toBeGreaterThan(0)
      // An entry naming bookmarks the document does not have (a damaged cache): never used for numbers.
      writeCache('docx-pages', key, {bookmarks: [[999, 1]]}, {many: true})
      const again = Buffer.from(await renderDocx(view, options))
      expect(again.equals(fresh)).toBe(true)
      expect(readCache('docx-pages', key)).toEqual(stored)
    })
  })

  it('lays out a brief made after others in the process as one made in a process of its own', async () => {
    // docx's layout engine (our patch) reads each paragraph that numbers nothing once per process and keeps
    // the lines of contents entries by the page numbers they show. A brief made here after others that share
    // its paragraphs must be the very document a fresh process makes with no content cache. (Guideline II in
    // English after the full text in English told a memo that also kept bookmarked paragraphs from one that
    // does not: checked.)
    const dist = join(import.meta.dirname, '..', '..', 'dist')
    /** The DOCX of a spec made by a new Node process that makes nothing else. */
    const alone = (spec: BriefSpecInput) => {
      const script = [
        `const {loadProject} = await import(${JSON.stringify(join(dist, 'annotate', 'load-project.js'))})`,
        `const {select, toBriefSpec} = await import(${JSON.stringify(join(dist, 'select', 'index.js'))})`,
        `const {renderDocx} = await import(${JSON.stringify(join(dist, 'render', 'docx', 'render-docx.js'))})`,
        `const {defaultDate} = await import(${JSON.stringify(join(dist, 'render', 'formats.js'))})`,
        `const bytes = await renderDocx(select(loadProject(), toBriefSpec(${JSON.stringify(spec)})), {paper: ${JSON.stringify(options.paper)}, date: defaultDate, handoutLayout: ${options.handoutLayout}})`,
        `process.stdout.write(Buffer.from(bytes).toString('base64'))`,
      ].join('\n')
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', env: {...process.env, BRIEFS_CACHE_DIR: 'off'}, maxBuffer: 64 << 20})
      return Buffer.from(out, 'base64')
    }
    await keepingCacheDir(async () => {
      process.env['BRIEFS_CACHE_DIR'] = 'off'
      const make = async (spec: BriefSpecInput) => Buffer.from(await renderDocx(select(project, toBriefSpec(spec)), options))
      const cases: [BriefSpecInput[], BriefSpecInput][] = [
        [[{lang: 'en'}], {guidelines: ['II'], lang: 'en'}],
        [[{lang: 'es'}, {guidelines: ['VII'], lang: 'es'}, {audiences: ['development-banks'], lang: 'es'}], {country: 'CL', lang: 'es'}],
      ]
      for (const [before, spec] of cases) {
        for (const earlier of before) await make(earlier)
        const here = await make(spec)
        const fresh = alone(spec)
        expect(tocEntries(here).length).toBeGreaterThan(1)
        expect(tocEntries(here)).toEqual(tocEntries(fresh))
        expect(here.equals(fresh), JSON.stringify(spec)).toBe(true)
      }
    })
  })

  it('gives the same bytes for the same inputs, and follows the date option', async () => {
    for (const name of ['guideline-vii', 'country-cl'] as const) {
      expect(Buffer.from(await renderDocx(views[name], options)).equals(Buffer.from(docx[name]))).toBe(true)
    }
    const dated = await renderDocx(views['guideline-vii'], {...options, date: new Date('2026-03-04T05:06:07Z')})
    expect(parts(dated)['docProps/core.xml']).toContain('2026-03-04T05:06:07Z')
    // Zip entry times follow the date too (DOS date of the first local header).
    const dosDate = Buffer.from(dated).readUInt16LE(12)
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2026, 3, 4])
  })
})

describe('docx samples', () => {
  it('reads back as DOCX (zip magic)', () => {
    expect(Buffer.from(docx.full.subarray(0, 2)).toString('latin1')).toBe('PK')
    expect(readFileSync(join(golden, 'docx-plan-full.json'), 'utf8')).toContain('"type": "toc"')
  })
})
