import type {PhrasingContent} from 'mdast'

const entities: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]!)
}

export interface PhrasingHtmlOptions {
  /** Markup for a footnote reference (default: a superscript link to `#fn-<id>`). */
  readonly footnote?: (id: string) => string
}

/**
 * Inline mdast to HTML. Raw HTML in the source is shown as text, never
 * markup; links become plain text (the source's links are anchors `#` at
 * best, and a printed brief must not point anywhere).
 */
export function phrasingToHtml(nodes: readonly PhrasingContent[], options: PhrasingHtmlOptions = {}): string {
  const footnote = options.footnote ?? ((id: string) => `<sup class="fn-ref"><a href="#fn-${escapeHtml(id)}" id="fnref-${escapeHtml(id)}">${escapeHtml(id)}</a></sup>`)
  const render = (list: readonly PhrasingContent[]): string =>
    list
      .map((node) => {
        switch (node.type) {
          case 'text':
            return escapeHtml(node.value)
          case 'emphasis':
            return `<em>${render(node.children)}</em>`
          case 'strong':
            return `<strong>${render(node.children)}</strong>`
          case 'delete':
            return `<del>${render(node.children)}</del>`
          case 'inlineCode':
            return `<code>${escapeHtml(node.value)}</code>`
          case 'break':
            return ' '
          case 'footnoteReference':
            return footnote(node.identifier)
          case 'html':
            return escapeHtml(node.value)
          case 'link':
          case 'linkReference':
            return render(node.children)
          case 'image':
          case 'imageReference':
            return escapeHtml(node.alt ?? '')
          default:
            return ''
        }
      })
      .join('')
  return render(nodes)
}
