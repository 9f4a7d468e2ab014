import type {PhrasingContent} from 'mdast'
import {inlineRuns, type TextRun} from './inline-runs.js'

const entities: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]!)
}

export interface PhrasingHtmlOptions {
  /** Markup for a footnote reference (default: a superscript link to `#fn-<id>`). */
  readonly footnote?: (id: string) => string
  /** Applied to the text of every run but code (e.g. soft hyphens for print). */
  readonly hyphenate?: ((text: string) => string) | undefined
}

/**
 * Inline mdast to HTML, from the shared runs (`inline-runs.ts` holds the
 * rule: raw HTML shown as text, links as their text, images as alt text).
 */
export function phrasingToHtml(nodes: readonly PhrasingContent[], options: PhrasingHtmlOptions = {}): string {
  const footnote = options.footnote ?? ((id: string) => `<sup class="fn-ref"><a href="#fn-${escapeHtml(id)}" id="fnref-${escapeHtml(id)}">${escapeHtml(id)}</a></sup>`)
  const hyphenate = options.hyphenate
  return inlineRuns(nodes).map((run) => ('footnote' in run ? footnote(run.footnote) : textHtml(hyphenate && !run.code ? {...run, text: hyphenate(run.text)} : run))).join('')
}

/** Elements for each mark, innermost first. */
const markTags = [['code', 'code'], ['del', 'del'], ['strong', 'strong'], ['em', 'em']] as const

function textHtml(run: TextRun): string {
  let html = escapeHtml(run.text)
  for (const [mark, tag] of markTags) if (run[mark]) html = `<${tag}>${html}</${tag}>`
  return html
}
