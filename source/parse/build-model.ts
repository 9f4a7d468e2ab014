import type {PhrasingContent} from 'mdast'
import type {VFile} from 'vfile'
import {fail} from '../diagnostics.js'
import type {Block, Colophon, Footnote, Group, Guideline, Meta, Model, Position, Recommendation} from '../model/types.js'
import {footnoteIds, parseInline, plainText, superscriptToDigits} from './inline.js'
import {extractPageReference} from './page-references.js'
import {fromRoman} from './roman.js'
import {stripClosingHashes, type Unit} from './units.js'
import type {Language} from '../model/vocabulary.js'

/** How the text announces its counts ("113 recomendaciones", "14 lineamientos"). */
export const announcePatterns = {
  recommendations: /\b(\d+)\s+(?:recomendaciones|recommendations|recomendações)\b/iu,
  guidelines: /\b(\d+)\s+(?:lineamientos|guidelines|diretrizes)\b/iu,
} as const

const groupHeading = /^(?:otras\s+)?(?:recomendaciones|recommendations|recomendações)\b|^other\s+recommendations\b|^outras\s+recomendações/iu

/** Classify units into preamble, guidelines, groups, recommendations, footnotes and colophon. */
export function buildModel(units: Unit[], file: VFile, language: Language = 'es'): Model {
  const preamble: Block[] = []
  const guidelines: Guideline[] = []
  const recommendations: Recommendation[] = []
  const footnotes: Footnote[] = []
  const colophonBlocks: Block[] = []
  // The colophon is what follows the last recommendation or guideline title.
  const lastStructural = units.findLastIndex((u) => u.kind === 'numbered' || isGuideline(u))
  let guideline: Guideline | null = null
  let group: Group | null = null

  units.forEach((unit, index) => {
    if (unit.kind === 'footnote') {
      footnotes.push(footnote(unit))
      return
    }
    if (isGuideline(unit)) {
      guideline = guidelineOf(unit)
      guidelines.push(guideline)
      group = null
      return
    }
    if (!guideline) {
      preamble.push(block(unit))
      return
    }
    if (index > lastStructural) {
      colophonBlocks.push(block(unit))
      return
    }
    if (unit.kind === 'numbered') {
      const current: Guideline = guideline
      const rec = recommendation(unit, current, group, file)
      recommendations.push(rec)
      current.recommendations.push(rec.number)
      group?.recommendations.push(rec.number)
      return
    }
    const current: Guideline = guideline
    const title = unit.kind === 'heading' ? stripClosingHashes(unit.text) : unit.text
    if (unit.kind === 'heading' || (groupHeading.test(unit.text) && !unit.text.includes('\n') && unit.text.length <= 200)) {
      const children = parseInline(title)
      group = {
        id: `${current.id}-${current.groups.length + 1}`,
        guideline: current.id,
        title: plainText(children),
        recommendations: [],
        position: unit.position,
      }
      current.groups.push(group)
      return
    }
    fail(file, `Unexpected text in guideline ${current.id}, expected a recommendation or a group heading`, unit.position, 'unexpected-text')
  })

  const colophon = colophonOf(colophonBlocks)
  checkTrailingText(colophonBlocks, file)
  return {
    meta: metaOf(preamble, colophon, guidelines, recommendations, footnotes, language),
    preamble,
    guidelines,
    recommendations,
    footnotes,
    colophon,
  }
}

function isGuideline(unit: Unit): boolean {
  return unit.kind === 'guideline' && fromRoman(unit.marker) !== null
}

function block(unit: Unit): Block {
  const raw =
    unit.kind === 'numbered' ? `${unit.marker}\\. ${unit.text}` :
    unit.kind === 'guideline' ? `${unit.marker}. ${unit.text}` :
    unit.kind === 'heading' ? stripClosingHashes(unit.text) : unit.text
  const children = parseInline(raw)
  return {text: plainText(children), children, position: unit.position}
}

function guidelineOf(unit: Unit): Guideline {
  const children = parseInline(stripClosingHashes(unit.text))
  return {
    id: unit.marker,
    number: fromRoman(unit.marker)!,
    title: plainText(children),
    children,
    groups: [],
    recommendations: [],
    position: unit.position,
  }
}

function footnote(unit: Unit): Footnote {
  const children = parseInline(unit.text)
  return {id: superscriptToDigits(unit.marker), text: plainText(children), children, position: unit.position}
}

/** Recommendation numbers a document can hold; beyond this a number is a typo (or an attack). */
const maxRecommendationNumber = 9999

function recommendation(unit: Unit, guideline: Guideline, group: Group | null, file: VFile): Recommendation {
  if (unit.marker.length > String(maxRecommendationNumber).length || Number(unit.marker) > maxRecommendationNumber || Number(unit.marker) < 1) {
    file.message(`Unexpected recommendation number \`${unit.marker.length > 24 ? `${unit.marker.slice(0, 20)}…` : unit.marker}\`, expected a whole number from 1 to ${maxRecommendationNumber}`, {
      place: unit.position,
      ruleId: 'recommendation-number',
      source: 'briefs',
    }).fatal = true
  }
  const reference = extractPageReference(unit.text)
  if (!reference) {
    fail(file, `Unexpected recommendation ${unit.marker} without a page reference, expected one such as \`(pág. 94)\` at its end`, unit.position, 'page-reference-missing')
  }
  // Drop the closing period, also where it stands before footnote markers ("CEPAL.²").
  const raw = (reference?.rest ?? unit.text).replace(/[\s.]+(?=[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*$)/u, '')
  const children: PhrasingContent[] = parseInline(raw)
  return {
    number: Number(unit.marker),
    guideline: guideline.id,
    group: group?.title ?? null,
    pages: reference?.pages ?? [],
    footnotes: footnoteIds(children),
    text: plainText(children),
    children,
    audiences: [],
    themes: [],
    countries: [],
    position: unit.position,
  }
}

/** More text than this after the last recommendation is no colophon (the bundled one is about 1,200 characters). */
const colophonLength = 5000

/**
 * Text after the last recommendation is taken as the colophon; a lot of it
 * (pasted filler, a second document) is said, not silently printed on the last page.
 */
function checkTrailingText(blocks: Block[], file: VFile): void {
  const total = blocks.reduce((sum, b) => sum + b.text.length, 0)
  if (total <= colophonLength) return
  file.message(`Unexpected ${total.toLocaleString('en')} characters after the last recommendation, expected a colophon of at most ${colophonLength.toLocaleString('en')} (authors, citation, copyright, symbol)`, {
    place: blocks[0]!.position,
    ruleId: 'trailing-text',
    source: 'briefs',
  })
}

function colophonOf(blocks: Block[]): Colophon {
  const find = (pattern: RegExp) => blocks.find((b) => pattern.test(b.text))?.text ?? null
  const citeLine = find(/(?:debe citarse como|should be cited as|deve ser citada como)\s*:/iu)
  return {
    blocks,
    authors: find(/(?:fue elaborad|was prepared by|foi elaborad)/iu),
    citation: citeLine ? citeLine.replace(/^.*?(?:citarse como|cited as|citada como)\s*:\s*/iu, '') : null,
    copyright: find(/^(?:Copyright|©)/iu),
    symbol: find(/^(?:[A-Z]{1,3}\.\d{5,}\[[A-Z]\]|LC\/[\w./-]+)$/u),
  }
}

function metaOf(preamble: Block[], colophon: Colophon, guidelines: Guideline[], recommendations: Recommendation[], footnotes: Footnote[], language: Language): Meta {
  const citeBlock = colophon.blocks.find((b) => colophon.citation !== null && b.text.endsWith(colophon.citation))
  const emphasis = citeBlock?.children.find((n) => n.type === 'emphasis')
  const title = emphasis ? plainText([emphasis]) : ''
  const years = colophon.citation?.match(/\b(19|20)\d{2}\b/g)
  return {
    title,
    publisher: colophon.citation?.split(',')[0]?.trim() ?? '',
    year: years ? Number(years.at(-1)) : null,
    language,
    announced: {
      recommendations: announced(preamble, announcePatterns.recommendations)?.value ?? null,
      guidelines: announced(preamble, announcePatterns.guidelines)?.value ?? null,
    },
    counts: {recommendations: recommendations.length, guidelines: guidelines.length, footnotes: footnotes.length},
  }
}

/** The first count a preamble paragraph announces, with where it stands. */
export function announced(preamble: Block[], pattern: RegExp): {value: number; position: Position} | null {
  for (const b of preamble) {
    const match = pattern.exec(b.text)
    if (match) return {value: Number(match[1]), position: b.position}
  }
  return null
}
