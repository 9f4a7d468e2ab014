import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {projectRoot} from '../../source/content-paths.js'
import {renderDocx} from '../../source/render/docx/render-docx.js'
import {defaultDate} from '../../source/render/formats.js'
import {chartLayout} from '../../source/render/status-chart.js'
import {sansWidth} from '../../source/render/text-width.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'

// Word's chart and evidence links as a reader without SVG support sees them: through LibreOffice,
// which draws the chart's PNG fallback, read back from the PDF it prints.
const example = loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}})
/** A URL long enough to wrap, with every kind of separator in it. */
const longUrl = 'https://www.example.org/evidencia/politicas-productivas/informe-anual-de-seguimiento-2024/anexo.estadistico.pdf?version=2&idioma=es#seccion-3'
const separators = '/.-?&=#'

const recommendationsOf = (view: View) => view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))

/** A P6 PPM file (what `pdfimages` writes for an RGB image) as its size and pixels. */
function readPpm(file: string): {width: number; height: number; rgb: Buffer} {
  const bytes = readFileSync(file)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 64))!
  return {width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length)}
}

describe('Word through LibreOffice (Chile, illustrative answers)', () => {
  let view: View
  let work: string
  let text: string
  let pandoc: string

  beforeAll(async () => {
    const chile = select(example, toBriefSpec({lang: 'es', country: 'CL'}))
    // One answer's evidence is a long URL, so that it has to wrap somewhere.
    const changed = structuredClone(chile) as {guidelines: {groups: {recommendations: {assessment: {evidence: string | null} | null}[]}[]}[]}
    const answered = changed.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations)).find((rec) => rec.assessment?.evidence)!
    answered.assessment!.evidence = longUrl
    view = changed as unknown as View
    work = mkdtempSync(join(tmpdir(), 'docx-chart-'))
    writeFileSync(join(work, 'cl.docx'), await renderDocx(view, {paper: 'a4', date: defaultDate, handoutLayout: 2}))
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, join(work, 'cl.docx')], {stdio: 'ignore', timeout: 150_000})
    text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'cl.pdf'), '-'], {encoding: 'utf8'})
    pandoc = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', join(work, 'cl.docx')], {encoding: 'utf8'})
  }, 240_000)

  afterAll(() => rmSync(work, {recursive: true, force: true}))

  test('the chart LibreOffice draws is at print resolution and carries every label: legend, numerals, names, counts', () => {
    const list = execFileSync('pdfimages', ['-list', join(work, 'cl.pdf')], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
    expect(list).toHaveLength(1)
    const [, , , , , , , , , , , , xPpi, yPpi] = list[0]!.trim().split(/\s+/)
    expect(Number(xPpi)).toBeGreaterThanOrEqual(300)
    expect(Number(yPpi)).toBeGreaterThanOrEqual(300)
    execFileSync('pdfimages', [join(work, 'cl.pdf'), join(work, 'chart')])
    const image = readPpm(join(work, readdirSync(work).find((name) => /^chart-\d+\.ppm$/.test(name))!))
    const layout = chartLayout(view.country!)
    const scale = image.width / layout.width
    expect(image.height).toBe(Math.ceil(layout.height * scale))
    const missing: string[] = []
    for (const label of layout.labels) {
      // The label's box from the font's metrics: its advance wide, cap height (0.66 em) tall, above the baseline.
      const width = sansWidth(label.text, label.size, label.bold ? 600 : 400)
      const left = label.anchor === 'middle' ? label.x - width / 2 : label.anchor === 'end' ? label.x - width : label.x
      const [x0, x1] = [Math.round(left * scale), Math.round((left + width) * scale)]
      const [y0, y1] = [Math.round((label.y - 0.66 * label.size) * scale), Math.round(label.y * scale)]
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(label.fill.slice(i, i + 2), 16))
      let ink = 0
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const at = (y * image.width + x) * 3
          if (Math.max(Math.abs(image.rgb[at]! - r!), Math.abs(image.rgb[at + 1]! - g!), Math.abs(image.rgb[at + 2]! - b!)) <= 40) ink++
        }
      }
      // Set text inks a tenth or more of its box; an unlabelled bitmap has none of the label's colour there.
      if (ink < 0.1 * (x1 - x0) * (y1 - y0)) missing.push(`${label.text} (${ink} of ${(x1 - x0) * (y1 - y0)} px)`)
    }
    expect(missing).toEqual([])
  })

  test('evidence links wrap only after a separator, and read back whole', () => {
    const urls = recommendationsOf(view).flatMap((rec) => (rec.assessment?.evidence ? [rec.assessment.evidence] : []))
    expect(urls).toContain(longUrl)
    let wrapped = 0
    for (const url of urls) {
      // The URL as printed, a line break allowed between any two characters.
      const printed = new RegExp([...url].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\n?'))
      const match = printed.exec(text)
      expect(match, url).not.toBeNull()
      for (const [i, c] of [...match![0]].entries()) {
        if (c !== '\n') continue
        wrapped++
        expect(separators, `${url} broken after "${match![0].slice(0, i)}"`).toContain(match![0][i - 1])
      }
      // The link's target and its text (zero-width break opportunities aside) are the URL itself.
      // (pandoc writes the underlined text as `[[text]{.underline}](target)`).
      const link = new RegExp(`\\[\\[?([^\\]]*)\\]?(?:\\{[^}]*\\})?\\]\\(${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`).exec(pandoc)
      expect(link, url).not.toBeNull()
      expect(link![1]!.replace(/\u200b/g, '').replace(/\\(.)/g, '$1')).toBe(url)
    }
    expect(wrapped).toBeGreaterThan(0)
  })
})
