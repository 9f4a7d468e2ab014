import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {defaultDate, type RenderOptions} from '../../source/render/formats.js'
import {renderHtml} from '../../source/render/html/render-html.js'
import {select, toBriefSpec, type BriefSpecInput} from '../../source/select/index.js'
import {hostile, writeHostileSource} from './hostile-source.js'

const project = loadProject()
const options: RenderOptions = {paper: 'a4', date: defaultDate, handoutLayout: 6}
const viewOf = (spec: BriefSpecInput) => select(project, toBriefSpec({lang: 'es', ...spec}))
const html = async (spec: BriefSpecInput, extra: Partial<RenderOptions> = {}) =>
  new TextDecoder().decode(await renderHtml(viewOf(spec), {...options, ...extra}))
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0

describe('HTML brief', () => {
  it('is one self-contained, inert file', async () => {
    const out = await html({})
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(out).toContain('<html lang="es-419">')
    expect(out).toMatch(/@font-face\{font-family:'Source Serif 4'[^}]*src:url\(data:font\/woff2;base64,/)
    expect(out).toMatch(/@font-face\{font-family:'Source Sans 3'/)
    // Nothing to fetch and nothing to run.
    expect(out).not.toMatch(/<(script|link|img|iframe|object)\b/i)
    expect(out).not.toMatch(/\b(src|href)="(?!#|data:)/)
    expect(out).not.toMatch(/url\((?!data:)/)
  })

  it('has landmarks, one h1, a heading per guideline and a contents list whose links resolve', async () => {
    const out = await html({})
    for (const tag of ['header', 'nav', 'main', 'footer']) expect(count(out, new RegExp(`<${tag}[ >]`))).toBe(1)
    expect(count(out, /<h1[ >]/)).toBe(1)
    const guidelineHeadings = [...out.matchAll(/<h2 class="guideline-heading"[^>]*><span class="guideline-num">([IVXL]+)\.<\/span>/g)].map((m) => m[1])
    expect(guidelineHeadings).toEqual(project.model.guidelines.map((g) => g.id))
    expect(count(out, /<h3 class="group-heading"/)).toBeGreaterThan(0)
    const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(out)![0]
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!)
    expect(targets).toContain('g-I')
    expect(targets).toContain('g-XIV')
    for (const target of targets) expect(out).toContain(`id="${target}"`)
  })

  it('holds every recommendation with its number, text and page reference', async () => {
    const out = await html({})
    const view = viewOf({})
    for (const guideline of view.guidelines)
      for (const group of guideline.groups)
        for (const rec of group.recommendations) {
          const item = new RegExp(`<li class="rec" id="rec-${rec.number}" value="${rec.number}">([\\s\\S]*?)</li>`).exec(out)
          expect(item, `recommendation ${rec.number}`).not.toBeNull()
          expect(item![1]).toContain(`<p class="rec-num">${rec.number}</p>`)
          expect(item![1]).toContain(rec.text.slice(0, 40).replace(/&/g, '&amp;'))
          // Tied: "pág. 142" never parts at a line end.
          expect(item![1]).toContain(rec.pageLabel.replace(/ (?=\d)/g, '\u00a0'))
        }
  })

  it('links footnote markers to notes that link back', async () => {
    const out = await html({})
    expect(out).toContain('<a href="#fn-2" id="fnref-2"')
    expect(out).toMatch(/<li id="fn-2">[\s\S]*?href="#fnref-2"/)
    expect(out).toContain('id="fn-3"')
  })

  it('gives the same bytes for the same inputs', async () => {
    expect(await html({country: 'CL'})).toBe(await html({country: 'CL'}))
  })

  it('renders a guideline brief with exactly its recommendations', async () => {
    const out = await html({guidelines: ['VII']})
    const numbers = [...out.matchAll(/<li class="rec" id="rec-(\d+)"/g)].map((m) => Number(m[1]))
    expect(numbers).toEqual(Array.from({length: 17}, (_, i) => 62 + i))
    expect(out).toContain('Resumen del lineamiento VII')
  })

  it('renders a country brief with its profile and statuses', async () => {
    const view = viewOf({country: 'CL'})
    const out = await html({country: 'CL'})
    expect(out).toContain('Chile')
    expect(out).toContain(view.country!.subregion)
    expect(out).toContain('Perfil del país: Chile')
    expect(out).toContain(view.country!.context === '' ? view.labels['noContext']! : view.country!.context)
    // The shipped profile holds no answers: one note saying so and how to send them, instead of
    // a badge per recommendation, a summary of zeros and an empty chart.
    expect(view.country!.answered).toBe(0)
    expect(count(out, /<span class="status status-[a-z-]+">/g)).toBe(0)
    expect(out).not.toContain('No evaluada')
    expect(out).not.toContain('class="status-summary"')
    expect(out).not.toContain('class="status-chart"')
    expect(out).toMatch(/<aside class="assessment-awaiting" role="note">\s*<p class="assessment-awaiting-title">Aún no se ha recibido una autoevaluación<\/p>/)
    expect(out).toContain('briefs assessment export --country CL')
  })

  it('renders an audience brief with the audience on the cover', async () => {
    const view = viewOf({audiences: ['development-banks']})
    const out = await html({audiences: ['development-banks']})
    expect(out).toContain(`<span class="cover-subject-name">${view.audience!.label}</span>`)
    expect(count(out, /<li class="rec"/g)).toBe(view.counts.recommendations)
  })

  it('uses the labels of the brief language', async () => {
    const out = await html({lang: 'en', guidelines: ['I']})
    expect(out).toContain('<html lang="en">')
    expect(out).toContain('Contents')
    expect(out).toContain('How to cite')
  })

  it('shows raw HTML of the source as text', async () => {
    const hostileProject = loadProject({source: writeHostileSource()})
    const out = new TextDecoder().decode(await renderHtml(select(hostileProject, toBriefSpec({guidelines: ['VII'], lang: 'es'})), options))
    expect(out).toContain('&lt;script&gt;document.write(&quot;SCRIPT-RAN&quot;)&lt;/script&gt;')
    expect(out).toContain('&lt;img src=&quot;http://example.invalid/x.png&quot;&gt;')
    expect(out).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;')
    expect(out).not.toContain(hostile.script)
    expect(out).not.toContain(hostile.image)
    expect(out).not.toContain(hostile.link)
  })

  it('lets --templates override a partial by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-templates-'))
    mkdirSync(join(dir, 'partials'))
    writeFileSync(join(dir, 'partials', 'cover.hbs'), '<header class="cover"><h1>{{subtitle}} (a ministry cover)</h1></header>\n')
    const out = await html({guidelines: ['VII']}, {templates: dir})
    expect(out).toContain('<h1>Resumen del lineamiento VII (a ministry cover)</h1>')
    expect(out).toContain('<p class="rec-num">62</p>')
  })

  it('names the file and line of a broken template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-templates-'))
    mkdirSync(join(dir, 'partials'))
    writeFileSync(join(dir, 'partials', 'toc.hbs'), '<nav>\n  <h2>{{t "contents"}}</h2>\n  {{#each toc}}\n</nav>\n')
    await expect(html({}, {templates: dir})).rejects.toThrow(/partials\/toc\.hbs:\d+:1: Cannot compile template/)
  })
})
