import {execFileSync} from 'node:child_process'
import JSZip from 'jszip'
import type {Slide} from '../../source/render/slides/plan.js'
import type {View, ViewRecommendation} from '../../source/view/view.js'

/** Reading the slide outputs back: the PDF deck and handout (slides.test.ts) and PowerPoint (pptx.test.ts). */

export const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()
export const recommendationsOf = (view: View): ViewRecommendation[] => view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations))

/** How many times `text` shows a status label of a country deck (every recommendation shows one). */
export function statusLabelsIn(view: View, text: string): number {
  const labels = new Set(recommendationsOf(view).flatMap((r) => (r.assessment ? [r.assessment.statusLabel] : [])))
  return [...labels].reduce((n, label) => n + text.split(label).length - 1, 0)
}

/** Text of each page of a PDF file, whitespace normalised. */
export function pdfPageTexts(path: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(0, -1).map(normalize)
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
const xmlText = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]!)).join('')

/** Text of each slide of a PPTX, and of its notes, in slide order. */
export async function pptxText(bytes: Uint8Array): Promise<{slides: string[]; notes: string[]}> {
  const zip = await JSZip.loadAsync(bytes)
  const count = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length
  const slides: string[] = []
  const notes: string[] = []
  for (let i = 1; i <= count; i++) {
    slides.push(normalize(xmlText(await zip.file(`ppt/slides/slide${i}.xml`)!.async('string'))))
    notes.push(normalize(xmlText(await zip.file(`ppt/notesSlides/notesSlide${i}.xml`)!.async('string'))))
  }
  return {slides, notes}
}

/** A string each output must show on a slide, to check that the three outputs keep the same order. */
export function keyOf(slide: Slide): string {
  switch (slide.type) {
    case 'title':
      return normalize(slide.subtitle)
    case 'agenda':
      return normalize(slide.items[0]!.title)
    case 'section':
      return normalize(slide.title)
    case 'recommendations': {
      const first = slide.blocks.find((b) => b.kind === 'recommendation')!
      return normalize(first.text.slice(0, 60))
    }
    case 'region-answered':
      return normalize(slide.answeredLabel)
    case 'region-matrix':
      return normalize(slide.formula)
    case 'region-not-started':
      return normalize(slide.items[0]!.countries)
    case 'closing':
      return normalize((slide.citation ?? slide.footnotes[0]?.text ?? '').slice(0, 60))
  }
}
