import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import './micromark-edit-map.js'

const processor = unified().use(remarkParse)

/** Characters that can start inline markdown (emphasis, code, links, html, entities, escapes) or block syntax at the start. */
const inlineSyntax = /[*_`[\]<>&\\!~]|^\s*(?:[#=+-]|\d+[.)])|\n\s*(?:[#=+-]|\d+[.)])/

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹'
export const markerPattern = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu

/** `²³` → `"23"`. */
export function superscriptToDigits(value: string): string {
  return [...value].map((c) => String(superscripts.indexOf(c))).join('')
}

/** `"23"` → `²³`. */
export function digitsToSuperscript(value: string): string {
  return [...value].map((c) => superscripts[Number(c)] ?? c).join('')
}

/**
 * Parse one unit of text (a recommendation, a title, a paragraph) as inline
 * markdown. Positions are dropped (the unit keeps its own), white space is
 * folded, and superscript footnote markers become `footnoteReference` nodes.
 */
export function parseInline(text: string): PhrasingContent[] {
  // Text with no character that can open inline markdown is one text node:
  // skip the parser (most recommendations are plain text; this halves parse time).
  if (!inlineSyntax.test(text)) return clean([{type: 'text', value: text}])
  const tree = processor.parse(text)
  const first = tree.children[0]
  const children: PhrasingContent[] =
    tree.children.length === 1 && first && (first.type === 'paragraph' || first.type === 'heading')
      ? first.children
      : [{type: 'text', value: text}]
  return clean(children)
}

function clean(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    delete node.position
    if (node.type === 'text') {
      out.push(...splitMarkers(node.value.replace(/\s+/g, ' ')))
    } else if (node.type === 'break') {
      out.push({type: 'text', value: ' '})
    } else {
      if ('children' in node) node.children = clean(node.children)
      out.push(node)
    }
  }
  return mergeText(out)
}

function splitMarkers(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let last = 0
  for (const match of value.matchAll(markerPattern)) {
    if (match.index > last) out.push({type: 'text', value: value.slice(last, match.index)})
    const id = superscriptToDigits(match[0])
    out.push({type: 'footnoteReference', identifier: id, label: id})
    last = match.index + match[0].length
  }
  if (last < value.length) out.push({type: 'text', value: value.slice(last)})
  return out
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    const prev = out.at(-1)
    if (node.type === 'text' && prev?.type === 'text') prev.value += node.value
    else if (node.type !== 'text' || node.value !== '') out.push(node)
  }
  return out
}

/** Plain text of phrasing content: footnote markers and formatting left out, spaces folded. */
export function plainText(nodes: PhrasingContent[]): string {
  return toString({type: 'paragraph', children: nodes}).replace(/\s+/g, ' ').trim()
}

/** Footnote ids referenced in phrasing content, in order, without repeats. */
export function footnoteIds(nodes: PhrasingContent[]): string[] {
  const ids: string[] = []
  const walk = (list: PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'footnoteReference' && !ids.includes(node.identifier)) ids.push(node.identifier)
      if ('children' in node) walk(node.children)
    }
  }
  walk(nodes)
  return ids
}
