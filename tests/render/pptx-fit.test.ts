import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, test} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {projectRoot} from '../../source/content-paths.js'
import {defaultDate} from '../../source/render/formats.js'
import {renderPptx} from '../../source/render/pptx/render-pptx.js'
import {sansWidth} from '../../source/render/text-width.js'
import {select, toBriefSpec, type BriefSpecInput} from '../../source/select/index.js'

// A deck's text as PowerPoint sets it with the embedded Source Sans 3: each text box wrapped at its
// spaces with the font's advances, each line the font's own 1.424 em times the box's spacing. PowerPoint
// keeps the sizes a file gives until someone edits the text, so what is measured here is what it shows.
const project = loadProject()
const example = loadProject({paths: {profiles: join(projectRoot, 'examples', 'profiles')}})
const emuPerPx = 9525
/** Source Sans 3's typographic ascender + descender (1024 + 400 units of 1000; USE_TYPO_METRICS is set). */
const fontLine = 1.424
/** Clear space a title keeps above the rule under it, in slide px (the slide PDF's header leaves 14). */
const clearance = 8

interface Run {
  readonly text: string
  /** Size in slide px. */
  readonly size: number
  readonly bold: boolean
}
interface Paragraph {
  readonly runs: Run[]
  readonly spacing: number
  readonly after: number
}
interface Shape {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly line: boolean
  readonly stroke: number
  readonly anchor: string
  readonly insets: readonly [number, number, number, number]
  readonly paragraphs: Paragraph[]
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
const attr = (xml: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1]

function shapesOf(slide: string): Shape[] {
  return [...slide.matchAll(/<p:sp>(.*?)<\/p:sp>/g)].map(([, sp]) => {
    const off = /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(sp!)!
    const body = /<a:bodyPr([^>]*)>/.exec(sp!)?.[1] ?? ''
    const inset = (name: string, fallback: number) => Number(attr(body, name) ?? fallback) / emuPerPx
    const paragraphs = [...sp!.matchAll(/<a:p>(.*?)<\/a:p>/g)].map(([, p]): Paragraph => ({
      runs: [...p!.matchAll(/<a:r><a:rPr([^>]*)>.*?<a:t>([^<]*)<\/a:t><\/a:r>/g)].map(([, props, text]) => ({
        text: unescape(text!),
        size: Number(attr(props!, 'sz') ?? 1800) / 100 / 0.75,
        bold: attr(props!, 'b') === '1',
      })),
      spacing: Number(/<a:lnSpc><a:spcPct val="(\d+)"/.exec(p!)?.[1] ?? 100000) / 100000,
      after: Number(/<a:spcAft><a:spcPts val="(\d+)"/.exec(p!)?.[1] ?? 0) / 100 / 0.75,
    }))
    return {
      x: Number(off[1]) / emuPerPx,
      y: Number(off[2]) / emuPerPx,
      w: Number(off[3]) / emuPerPx,
      h: Number(off[4]) / emuPerPx,
      line: /<a:prstGeom prst="line"/.test(sp!),
      stroke: Number(/<a:ln w="(\d+)"/.exec(sp!)?.[1] ?? 0) / emuPerPx,
      anchor: attr(body, 'anchor') ?? 't',
      insets: [inset('lIns', 91440), inset('tIns', 45720), inset('rIns', 91440), inset('bIns', 45720)],
      paragraphs,
    }
  })
}

/** The lines a paragraph takes in `width`: words (runs of non-space, so a no-break space holds) laid greedily. */
function linesOf(paragraph: Paragraph, width: number): string[][] {
  const words: {text: string; width: number; space: number}[] = []
  for (const run of paragraph.runs) {
    for (const [i, word] of run.text.split(' ').entries()) {
      const space = sansWidth(' ', run.size, run.bold ? 700 : 400)
      if (i > 0) {
        if (words.length > 0) words[words.length - 1]!.space += space
        else words.push({text: '', width: 0, space})
      }
      if (word) words.push({text: word, width: sansWidth(word, run.size, run.bold ? 700 : 400), space: 0})
    }
  }
  const lines: string[][] = [[]]
  let used = 0
  for (const word of words) {
    if (used > 0 && used + word.width > width) {
      lines.push([])
      used = 0
    }
    lines[lines.length - 1]!.push(word.text)
    used += word.width + word.space
  }
  return lines
}

/** Top and bottom of a text box's text, in slide px. */
function textExtent(shape: Shape): {top: number; bottom: number} {
  const width = shape.w - shape.insets[0] - shape.insets[2]
  let height = 0
  shape.paragraphs.forEach((p, i) => {
    const size = Math.max(0, ...p.runs.map((r) => r.size))
    height += linesOf(p, width).length * size * fontLine * p.spacing + (i < shape.paragraphs.length - 1 ? p.after : 0)
  })
  const top = shape.anchor === 'b' ? shape.y + shape.h - shape.insets[3] - height : shape.anchor === 'ctr' ? shape.y + shape.h / 2 - height / 2 : shape.y + shape.insets[1]
  return {top, bottom: top + height}
}

const decks = {
  'full-en': [project, {lang: 'en'}],
  'full-es': [project, {lang: 'es'}],
  'full-pt': [project, {lang: 'pt'}],
  'country-jm-en': [project, {lang: 'en', country: 'JM'}],
  'country-cl-es (illustrative answers)': [example, {lang: 'es', country: 'CL'}],
} as const satisfies Record<string, readonly [typeof project, BriefSpecInput]>

describe('PowerPoint text measured with the embedded font', () => {
  const slides: Record<string, string[]> = {}

  beforeAll(async () => {
    for (const [name, [source, spec]] of Object.entries(decks)) {
      const parts = unzipSync(await renderPptx(select(source, toBriefSpec(spec)), {paper: 'a4', date: defaultDate, handoutLayout: 2}))
      const count = Object.keys(parts).filter((path) => /^ppt\/slides\/slide\d+\.xml$/.test(path)).length
      slides[name] = Array.from({length: count}, (_, i) => strFromU8(parts[`ppt/slides/slide${i + 1}.xml`]!))
    }
  }, 180_000)

  test('no title runs onto the rule under it: every text above a rule ends clear of it', () => {
    const onRule: string[] = []
    let titles = 0
    for (const [name, deck] of Object.entries(slides)) {
      deck.forEach((xml, i) => {
        const shapes = shapesOf(xml)
        const rules = shapes.filter((s) => s.line && s.h === 0 && s.w > 600)
        for (const shape of shapes) {
          if (shape.line || shape.paragraphs.every((p) => p.runs.length === 0)) continue
          // The rule under the box, across its width.
          const rule = rules.filter((r) => r.y > shape.y && r.x < shape.x + shape.w && r.x + r.w > shape.x).sort((a, b) => a.y - b.y)[0]
          if (!rule) continue
          titles++
          const {bottom} = textExtent(shape)
          const limit = rule.y - rule.stroke / 2 - clearance
          if (bottom > limit) onRule.push(`${name} slide ${i + 1}: "${shape.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' / ').slice(0, 60)}" ends at ${bottom.toFixed(1)} px, rule at ${(rule.y - rule.stroke / 2).toFixed(1)}`)
        }
      })
    }
    expect(titles).toBeGreaterThan(100)
    expect(onRule).toEqual([])
  })

  test('a status label is never split across lines', () => {
    let labels = 0
    const breakable: string[] = []
    for (const deck of Object.values(slides)) {
      for (const xml of deck) {
        for (const [, text] of xml.matchAll(/<a:t>([^<]*●[^<]*)<\/a:t>/g)) {
          labels++
          // After the bullet, nothing a line may break at: no space, no hyphen.
          if (/[ \-‐]/.test(text!.trimStart())) breakable.push(text!.trim())
        }
      }
    }
    expect(labels).toBeGreaterThan(30)
    expect([...new Set(breakable)]).toEqual([])
  })

  test("the assessment table's labels each fit their cell on one line", () => {
    let cells = 0
    const wrapping: string[] = []
    for (const deck of Object.values(slides)) {
      for (const xml of deck) {
        for (const [, table] of xml.matchAll(/<a:tbl>(.*?)<\/a:tbl>/g)) {
          const columns = [...table!.matchAll(/<a:gridCol w="(\d+)"\/>/g)].map(([, w]) => Number(w) / emuPerPx)
          for (const [, row] of table!.matchAll(/<a:tr\b[^>]*>(.*?)<\/a:tr>/g)) {
            ;[...row!.matchAll(/<a:tc>(.*?)<\/a:tc>/g)].forEach(([, cell], i) => {
              const run = /<a:rPr([^>]*)>.*?<a:t>([^<]*)<\/a:t>/.exec(cell!)
              if (!run) return
              cells++
              const margins = ['marL', 'marR'].reduce((sum, name) => sum + Number(attr(/<a:tcPr([^>]*)>/.exec(cell!)?.[1] ?? '', name) ?? 91440) / emuPerPx, 0)
              const width = sansWidth(unescape(run[2]!), Number(attr(run[1]!, 'sz') ?? 1800) / 100 / 0.75, attr(run[1]!, 'b') === '1' ? 700 : 400)
              if (width > columns[i]! - margins) wrapping.push(`${unescape(run[2]!)}: ${width.toFixed(0)} px in ${(columns[i]! - margins).toFixed(0)}`)
            })
          }
        }
      }
    }
    expect(cells).toBeGreaterThanOrEqual(10)
    expect(wrapping).toEqual([])
  })
})
