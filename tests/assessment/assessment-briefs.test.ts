import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {beforeAll, describe, expect, it} from 'vitest'
import {briefs, projectRoot} from '../helpers/cli.js'

const work = mkdtempSync(join(tmpdir(), 'briefs-assessment-briefs-'))
const example = join(projectRoot, 'examples', 'profiles')
const exampleProfile = readFileSync(join(example, 'CL.yaml'), 'utf8')
/** The example's answers, counted from its own text so the test follows the file. */
const exampleStatuses = [...exampleProfile.matchAll(/^ {4}status: (\S+)$/gm)].map((m) => m[1]!)
const count = (status: string) => exampleStatuses.filter((s) => s === status).length

interface Selected {
  counts: {recommendations: number}
  filters: string[]
  guidelines: {id: string; recommendations: {number: number; assessment?: string | null}[]}[]
}
const select = (args: string[]): Selected => {
  const run = briefs(['select', '--json', ...args])
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Selected
}
const recsOf = (view: Selected) => view.guidelines.flatMap((g) => g.recommendations.map((r) => ({...r, guideline: g.id})))

function pages(pdf: string): string[] {
  const total = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))![1])
  return Array.from({length: total}, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], {encoding: 'utf8'}))
}

function libreOfficePdf(file: string, out: string): string {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo-user')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], {stdio: 'pipe', timeout: 150_000})
  return join(out, file.split('/').pop()!.replace(/\.\w+$/, '.pdf'))
}

describe('--status filter', {timeout: 300_000}, () => {
  it('alone: keeps only the recommendations in those statuses', () => {
    expect(count('not-started')).toBeGreaterThan(0)
    const view = select(['--country', 'CL', '--profiles', example, '--status', 'not-started,in-progress'])
    const recs = recsOf(view)
    expect(recs).toHaveLength(count('not-started') + count('in-progress'))
    expect(new Set(recs.map((r) => r.assessment))).toEqual(new Set(['not-started', 'in-progress']))
    expect(view.filters).toContain('Estado: No iniciada, En curso')
  })

  it('combined with a guideline filter, and `none` for what is not assessed yet', () => {
    const all = recsOf(select(['--country', 'CL', '--profiles', example]))
    const wanted = all.filter((r) => r.guideline === 'VII' && r.assessment === 'in-progress').map((r) => r.number)
    expect(wanted.length).toBeGreaterThan(0)
    expect(recsOf(select(['--country', 'CL', '--profiles', example, '--status', 'in-progress', '--guideline', 'VII'])).map((r) => r.number)).toEqual(wanted)
    const unassessed = recsOf(select(['--country', 'CL', '--profiles', example, '--status', 'none']))
    expect(unassessed).toHaveLength(113 - exampleStatuses.length)
    expect(unassessed.every((r) => r.assessment === null)).toBe(true)
  })

  it('from a spec file and a batch config, as from the flag', () => {
    const spec = join(work, 'todo.yaml')
    writeFileSync(spec, 'country: CL\nstatuses: [not-started]\n')
    expect(recsOf(select(['--spec', spec, '--profiles', example]))).toHaveLength(count('not-started'))
    const config = join(work, 'batch.yaml')
    writeFileSync(config, 'formats: [md]\nbriefs:\n  - {each: country, statuses: [none], lang: en}\n')
    const out = join(work, 'batch-out')
    const run = briefs(['batch', config, '--out', out])
    expect(run.status).toBe(0)
    // The shipped profiles hold no answers: "not assessed" keeps every recommendation, and the
    // brief says that no self-assessment came in rather than badging each one "Not assessed".
    const md = readFileSync(join(out, 'country-cl-s-none-en.md'), 'utf8')
    expect(md).toContain('Status: Not assessed')
    expect(md).toContain('No self-assessment has been received yet')
    expect(md).not.toContain('Self-assessment: Not assessed')
    expect(md).toMatch(/\b113\b/)
  })

  it('is refused without a country, and for an unknown status, naming the flag', () => {
    const alone = briefs(['select', '--status', 'implemented'])
    expect(alone.status).toBe(2)
    expect(alone.stderr).toMatch(/--status\) needs a country/)
    const unknown = briefs(['select', '--country', 'CL', '--status', 'done'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown status `done` in --status/)
  })
})

describe('briefs of the illustrative example', {timeout: 300_000}, () => {
  const out = join(work, 'example')
  const built: Record<string, string> = {}
  beforeAll(() => {
    const run = briefs(['build', '--country', 'CL', '--profiles', example, '--format', 'pdf,pptx,docx,slides', '--out', out])
    expect(run.stderr).toBe('')
    for (const path of run.stdout.trim().split('\n')) built[path.split('.').slice(1).join('.')] = path
  })

  it('says "illustrative" on every page of the PDF brief and the slides, and shows the chart', () => {
    for (const format of ['pdf', 'slides.pdf']) {
      const texts = pages(built[format]!)
      expect(texts.length).toBeGreaterThan(5)
      texts.forEach((text) => expect(text.replace(/\s+/g, ' ')).toContain('Ejemplo ilustrativo: no es una evaluación oficial'))
      expect(texts.join('\n')).toContain('Estado de las recomendaciones por lineamiento')
    }
  })

  it('PowerPoint: a native stacked-bar chart that LibreOffice Impress opens and draws', {timeout: 300_000}, async () => {
    const zip = await JSZip.loadAsync(readFileSync(built['pptx']!))
    const charts = Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name))
    expect(charts).toHaveLength(1)
    const xml = await zip.file(charts[0]!)!.async('string')
    expect(xml).toContain('<c:barDir val="bar"/>')
    expect(xml).toContain('<c:grouping val="stacked"/>')
    for (const label of ['No iniciada', 'En curso', 'Implementada', 'No aplica', 'No evaluada']) expect(xml).toContain(label)
    const texts = pages(libreOfficePdf(built['pptx']!, join(out, 'impress')))
    const chartPage = texts.find((t) => t.includes('Estado de las recomendaciones por lineamiento'))!
    expect(chartPage).toBeDefined()
    // Impress drew the chart: its legend and the guideline axis are text on the page.
    for (const label of ['No iniciada', 'No evaluada', 'XIV']) expect(chartPage).toContain(label)
    texts.forEach((text) => expect(text.replace(/\s+/g, ' ')).toContain('Ejemplo ilustrativo: no es una evaluación oficial'))
  })

  it('Word: the chart as SVG with a bitmap fallback, its counts table, and the mark on every page', {timeout: 300_000}, async () => {
    const zip = await JSZip.loadAsync(readFileSync(built['docx']!))
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))
    expect(media.some((name) => name.endsWith('.svg'))).toBe(true)
    expect(media.some((name) => name.endsWith('.png'))).toBe(true)
    const svg = await zip.file(media.find((name) => name.endsWith('.svg'))!)!.async('string')
    expect(svg).toContain('>No evaluada</text>')
    const texts = pages(libreOfficePdf(built['docx']!, join(out, 'writer')))
    const all = texts.join('\n')
    // The caption style sets it in capitals.
    expect(all.toLowerCase()).toContain('estado de las recomendaciones por lineamiento')
    expect(all).toMatch(/Autoevaluación al \d{1,2} de [a-z]+ de \d{4}/)
    texts.forEach((text) => expect(text.replace(/\s+/g, ' ')).toContain('Ejemplo ilustrativo: no es una evaluación oficial'))
  })

  it('Word: each answered recommendation carries its status, note and evidence under it; the others none (pandoc)', () => {
    const answered = [...exampleProfile.matchAll(/^ {2}'?(\d+)'?:\n {4}status: (\S+)$/gm)].map((m) => ({number: Number(m[1]), status: m[2]!}))
    expect(answered).toHaveLength(exampleStatuses.length)
    const labels: Record<string, string> = {'not-started': 'No iniciada', 'in-progress': 'En curso', implemented: 'Implementada', 'not-applicable': 'No aplica'}
    const text = execFileSync('pandoc', ['-t', 'plain', '--wrap=none', built['docx']!], {encoding: 'utf8'}).replace(/\u200b/g, '').replace(/\u00a0/g, ' ')
    const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim())
    for (const {number, status} of answered) {
      const at = paragraphs.findIndex((p) => p.startsWith(`${number}. `))
      expect(at, `recommendation ${number}`).toBeGreaterThan(-1)
      expect(paragraphs[at + 1], `status under recommendation ${number}`).toMatch(new RegExp(`^${labels[status]}\\b`))
    }
    // No status line under an unanswered recommendation, and no separate table repeating them all.
    // "No evaluada" would be a badge on an unanswered one: it may stand only in the summary's counts.
    const statusLine = new RegExp(`^(${[...Object.values(labels), 'No evaluada'].join('|')})( +(Nota|Evidencia):.*)?$`, 's')
    const statusLines = paragraphs.filter((p) => statusLine.test(p))
    expect(statusLines).toHaveLength(answered.length)
    expect(text).toContain(`${113 - answered.length} de las 113 recomendaciones de este informe aún no tienen respuesta`)
  })

  it('Word: an evidence URL wraps only after a separator (LibreOffice)', () => {
    const urls = [...exampleProfile.matchAll(/evidence: (\S+)/g)].map((m) => m[1]!)
    expect(urls.length).toBeGreaterThan(0)
    const pdf = libreOfficePdf(built['docx']!, join(out, 'writer-urls'))
    const lines = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], {encoding: 'utf8'}).replace(/\u200b/g, '').split('\n')
    const cut = lines.flatMap((line, i) => {
      const last = line.trim().split(/\s+/).pop() ?? ''
      const url = urls.includes(last) ? undefined : urls.find((u) => u.startsWith(last) && last.startsWith('https://'))
      return url && !/[/?&=#]$/.test(last) ? [`${last} | ${lines[i + 1]}`] : []
    })
    expect(cut).toEqual([])
  })

  it('PDF: a badge only on the answered recommendations, and how many have no answer yet', () => {
    const text = pages(built['pdf']!).join('\n').replace(/\s+/g, ' ')
    expect(text).not.toContain('No evaluada No evaluada')
    expect(text).toContain(`${113 - exampleStatuses.length} de las 113 recomendaciones de este informe aún no tienen respuesta`)
  })

  it('in English and Portuguese, the mark is translated', () => {
    for (const [lang, mark] of [['en', 'Illustrative example — not an official assessment'], ['pt', 'Exemplo ilustrativo — não é uma avaliação oficial']] as const) {
      const run = briefs(['build', '--country', 'CL', '--profiles', example, '--format', 'html', '--lang', lang, '--out', out])
      expect(readFileSync(run.stdout.trim(), 'utf8')).toContain(mark)
    }
  })
})

describe('a country with a focus', {timeout: 300_000}, () => {
  it('gets the shorter brief of its focus, and the brief says so', () => {
    const dir = join(work, 'focus')
    mkdirSync(dir, {recursive: true})
    copyFileSync(join(projectRoot, 'content', 'countries', 'CL.yaml'), join(dir, 'CL.yaml'))
    writeFileSync(join(dir, 'CL.yaml'), readFileSync(join(dir, 'CL.yaml'), 'utf8').replace('  guidelines: []', '  guidelines: [VII]'))
    const view = select(['--country', 'CL', '--profiles', dir])
    expect(view.guidelines.map((g) => g.id)).toEqual(['VII'])
    const n = view.counts.recommendations
    expect(n).toBeLessThan(113)
    const run = briefs(['build', '--country', 'CL', '--profiles', dir, '--format', 'html', '--out', join(work, 'focus-out')])
    expect(readFileSync(run.stdout.trim(), 'utf8')).toContain(`Este informe se limita al enfoque del país (${n} de 113 recomendaciones).`)
  })
})

describe('shipped profiles', () => {
  it('hold no answers: assessments come from ministries, the example lives under examples/', () => {
    for (const code of ['CL', 'AR', 'BR', 'MX', 'JM']) {
      const text = readFileSync(join(projectRoot, 'content', 'countries', `${code}.yaml`), 'utf8')
      expect(text).toMatch(/^assessments: \{\}$/m)
      expect(text).not.toMatch(/^illustrative:/m)
    }
    expect(exampleProfile).toMatch(/^illustrative: true$/m)
  })
})
