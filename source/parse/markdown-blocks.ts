import type {List, ListItem, Paragraph, PhrasingContent, Root} from 'mdast'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {digitsToSuperscript} from './inline.js'

/**
 * Markdown written the way the source text writes it — footnote markers as
 * superscript digits, recommendations as ordered lists that keep their real
 * numbers — for the parser's inverse (`modelToMarkdown`) and the markdown
 * brief (`render/md`), so that both parse back alike.
 */
const processor = unified().use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', incrementListMarker: true})

export function stringifyMarkdown(root: Root): string {
  return processor.stringify(root)
}

export interface Numbered {
  readonly number: number
  readonly children: PhrasingContent[]
  readonly pageLabel: string
  /** Written after the page reference (a country brief's assessment). */
  readonly suffix?: string | undefined
}

/** Footnote markers back to superscript digits, as the source writes them. */
export function withMarkers(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    if (node.type === 'footnoteReference') return {type: 'text', value: digitsToSuperscript(node.identifier)}
    if ('children' in node) return {...node, children: withMarkers(node.children)}
    return node
  })
}

/** Recommendations as ordered lists that keep their real numbers (one list per consecutive run). */
export function numberedLists(items: readonly Numbered[]): List[] {
  const lists: List[] = []
  let previous = -1
  for (const item of items) {
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: [...withMarkers(item.children), {type: 'text', value: `${item.pageLabel ? ` (${item.pageLabel})` : ''}${item.suffix ?? ''}.`}],
    }
    const listItem: ListItem = {type: 'listItem', spread: false, children: [paragraph]}
    const last = lists.at(-1)
    if (last && item.number === previous + 1) last.children.push(listItem)
    else lists.push({type: 'list', ordered: true, start: item.number, spread: false, children: [listItem]})
    previous = item.number
  }
  return lists
}

export const paragraph = (children: PhrasingContent[]): Paragraph => ({type: 'paragraph', children: withMarkers(children)})
export const text = (value: string): PhrasingContent => ({type: 'text', value})
