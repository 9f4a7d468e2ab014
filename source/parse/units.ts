import type {Root, RootContent} from 'mdast'
import type {Position} from '../model/types.js'
import {extractPageReference} from './page-references.js'

/** What a line of the source starts. */
export type UnitKind = 'guideline' | 'heading' | 'numbered' | 'footnote' | 'text'

/**
 * One logical item of the source: a guideline title, a heading, a numbered
 * item, a footnote definition or a paragraph. Its `text` is the raw markdown
 * with the leading marker (heading marks, number, numeral) removed.
 */
export interface Unit {
  readonly kind: UnitKind
  /** The leading marker: numeral (`"VII"`), number (`"62"`), footnote digits (`"²"`), heading depth. */
  readonly marker: string
  readonly text: string
  readonly position: Position
}

const patterns: [UnitKind, RegExp][] = [
  ['guideline', /^ {0,3}(?:#{1,6}[ \t]+)?([IVXLCDM]+)\.[ \t]+(?=\S)/],
  ['heading', /^ {0,3}(#{1,6})[ \t]+(?=\S)/],
  // Any number of digits: an out-of-range number is reported at its line, not taken for colophon text.
  ['numbered', /^ {0,3}(?:[-*+][ \t]+)?(\d+)[.)][ \t]+(?=\S)/],
  ['footnote', /^ {0,3}([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t]*(?=\S)/u],
]

/**
 * Cut the top-level blocks that remark found into units, line by line.
 * remark merges numbered paragraphs into one list (keeping only `list.start`)
 * and absorbs a `10. …` line written under a paragraph line into that
 * paragraph; reading each line's own marker from the source keeps every real
 * number and every boundary.
 */
export function splitUnits(tree: Root, source: string): Unit[] {
  const lines = source.split('\n')
  const units: Unit[] = []
  for (const block of tree.children) {
    for (const [from, to] of blockRanges(block)) units.push(...unitsOfLines(lines, from, to))
  }
  return units
}

/** Line ranges (1-based, inclusive) of a block; one per list item. */
function blockRanges(block: RootContent): [number, number][] {
  if (!block.position) return []
  if (block.type === 'list') {
    return block.children.flatMap((item): [number, number][] => (item.position ? [[item.position.start.line, item.position.end.line]] : []))
  }
  if (block.type === 'thematicBreak' || block.type === 'definition') return []
  return [[block.position.start.line, block.position.end.line]]
}

function unitsOfLines(lines: string[], from: number, to: number): Unit[] {
  const units: Unit[] = []
  let current: {kind: UnitKind; marker: string; parts: string[]; line: number; column: number; endLine: number} | null = null
  const close = () => {
    if (!current) return
    const last = lines[current.endLine - 1] ?? ''
    units.push({
      kind: current.kind,
      marker: current.marker,
      text: current.parts.join('\n').trim(),
      position: {
        start: {line: current.line, column: current.column},
        end: {line: current.endLine, column: last.length + 1},
      },
    })
    current = null
  }
  for (let n = from; n <= to; n++) {
    const line = lines[n - 1] ?? ''
    if (line.trim() === '') continue
    const start = classify(line)
    // A recommendation ends with its page reference: a plain line after that
    // starts new text, even where markdown would continue the paragraph.
    const ended = current?.kind === 'numbered' && endsWithPageReference(current.parts)
    if (start || !current || ended) {
      close()
      const column = line.length - line.trimStart().length + 1
      current = start
        ? {kind: start.kind, marker: start.marker, parts: [line.slice(start.length)], line: n, column, endLine: n}
        : {kind: 'text', marker: '', parts: [line], line: n, column, endLine: n}
    } else {
      current.parts.push(line)
      current.endLine = n
    }
  }
  close()
  return units
}

/**
 * Whether the lines joined end with a page reference. Only the last few
 * hundred characters are read: joining every line again for each new one
 * made a long item cost the square of its length, and a reference is short.
 */
function endsWithPageReference(parts: string[]): boolean {
  let i = parts.length
  let length = 0
  while (i > 0 && length < 500) length += parts[--i]!.length + 1
  return extractPageReference(parts.slice(i).join(' ')) !== null
}

function classify(line: string): {kind: UnitKind; marker: string; length: number} | null {
  for (const [kind, pattern] of patterns) {
    const match = pattern.exec(line)
    if (match) return {kind, marker: match[1]!, length: match[0].length}
  }
  return null
}

/** Remove closing `#`s of an ATX heading. */
export function stripClosingHashes(text: string): string {
  return text.replace(/[ \t]+#+[ \t]*$/, '')
}
