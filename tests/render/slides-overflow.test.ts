import {beforeAll, describe, expect, test} from 'vitest'
import {loadProject, type Project} from '../../source/annotate/load-project.js'
import {openMeasuringPage} from '../../source/render/browser.js'
import {geometry, planSlides} from '../../source/render/slides/plan.js'
import {deckHtml} from '../../source/render/slides/slides-html.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {readBatchConfig} from '../../source/batch/config.js'
import {contentPaths} from '../../source/content-paths.js'
import {sharedBrowser} from '../helpers/browser.js'

interface Problem {
  readonly slide: string
  readonly element: string
  readonly problem: string
}

const browser = sharedBrowser()
let project: Project

beforeAll(() => {
  project = loadProject()
})

/**
 * Lay the deck out in Chromium (a normal page: script is needed to measure)
 * and list every box whose content exceeds it, every element that leaves its
 * slide, and every text smaller than the minimum size.
 */
async function measure(spec: object): Promise<{slides: number; problems: Problem[]}> {
  return measureView(select(project, toBriefSpec(spec)))
}

async function measureView(view: ReturnType<typeof select>): Promise<{slides: number; problems: Problem[]}> {
  const plan = planSlides(view)
  const page = await openMeasuringPage(browser())
  try {
    await page.setViewport({width: geometry.width, height: geometry.height})
    await page.setContent(deckHtml(view, plan), {waitUntil: 'load'})
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    // Measured in the real fonts, not a fallback.
    expect(await page.evaluate(() => document.fonts.check('22px "Source Sans 3"') && [...document.fonts].some((f) => f.family.includes('Source Sans 3') && f.status === 'loaded'))).toBe(true)
    const result = await page.evaluate((minFont: number) => {
      const problems: {slide: string; element: string; problem: string}[] = []
      const slides = [...document.querySelectorAll<HTMLElement>('.slide')]
      for (const slide of slides) {
        const frame = slide.getBoundingClientRect()
        const id = slide.dataset['slide'] ?? '?'
        for (const element of slide.querySelectorAll<HTMLElement>('*')) {
          const style = getComputedStyle(element)
          const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`
          // Boxes that clip (fixed slide regions) must hold their content; other
          // boxes grow with it, and the bounds check below catches them.
          if (style.display !== 'inline' && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
            if (element.scrollHeight > element.clientHeight + 1) problems.push({slide: id, element: name, problem: `content ${element.scrollHeight}px high in a ${element.clientHeight}px box`})
            if (element.scrollWidth > element.clientWidth + 1) problems.push({slide: id, element: name, problem: `content ${element.scrollWidth}px wide in a ${element.clientWidth}px box`})
          }
          const rect = element.getBoundingClientRect()
          if (rect.width > 0 && (rect.left < frame.left - 1 || rect.right > frame.right + 1 || rect.top < frame.top - 1 || rect.bottom > frame.bottom + 1)) {
            problems.push({slide: id, element: name, problem: 'outside its slide'})
          }
          const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '')
          // Text in an SVG scaled to its box is drawn at its font size times the SVG's scale.
          const svg = element instanceof SVGElement ? element.ownerSVGElement : null
          const scale = svg && svg.viewBox.baseVal.width > 0 ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1
          const drawn = Number.parseFloat(style.fontSize) * scale
          if (hasText && element.tagName !== 'SUP' && drawn < minFont) {
            problems.push({slide: id, element: name, problem: `font-size ${drawn.toFixed(1)}px drawn, below ${minFont}px`})
          }
        }
      }
      return {slides: slides.length, problems}
    }, geometry.minFont)
    expect(result.slides).toBe(plan.slides.length)
    return result
  } finally {
    await page.close()
  }
}

describe('slides fit their boxes', () => {
  for (const [name, spec] of Object.entries({
    'full deck, Spanish': {lang: 'es'},
    'full deck, English': {lang: 'en'},
    'full deck, Portuguese': {lang: 'pt'},
    'country deck (status labels)': {lang: 'es', country: 'CL'},
    'audience deck of 8 guidelines': {lang: 'es', audiences: ['subnational-government']},
    'audience deck of 9 guidelines (Portuguese)': {lang: 'pt', audiences: ['private-sector']},
  })) {
    test(name, async () => {
      const {slides, problems} = await measure(spec)
      expect(slides).toBeGreaterThan(12)
      expect(problems).toEqual([])
    }, 180_000)
  }
})

test('every slide of every deck of the default batch fits its boxes', async () => {
  const briefs = readBatchConfig(contentPaths.batch, project).briefs.filter((brief) => brief.papers[0].formats.some((f) => f === 'slides' || f === 'pptx' || f === 'handout'))
  expect(briefs.length).toBeGreaterThan(40)
  const problems: string[] = []
  for (const brief of briefs) {
    const view = select(project, brief.spec)
    for (const problem of (await measureView(view)).problems) problems.push(`${view.slug}: slide ${problem.slide} ${problem.element}: ${problem.problem}`)
  }
  expect(problems).toEqual([])
}, 600_000)
