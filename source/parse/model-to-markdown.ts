import type {Root, RootContent} from 'mdast'
import {loadLabels, pageLabel} from '../labels/index.js'
import type {Model} from '../model/types.js'
import {digitsToSuperscript} from './inline.js'
import {numberedLists, paragraph, stringifyMarkdown, text, withMarkers, type Numbered} from './markdown-blocks.js'

/** The whole model back as markdown, the parser's inverse: parsing the result gives the same model. */
export function modelToMarkdown(model: Model): string {
  const es = loadLabels('es')
  const out: RootContent[] = model.preamble.map((b) => paragraph(b.children))
  const written = new Set<string>()
  for (const g of model.guidelines) {
    out.push({type: 'heading', depth: 2, children: [text(`${g.id}. `), ...withMarkers(g.children)]})
    const recs = model.recommendations.filter((r) => r.guideline === g.id)
    let group: string | null = null
    let run: Numbered[] = []
    const flush = () => {
      out.push(...numberedLists(run))
      run = []
    }
    for (const rec of recs) {
      if (rec.group !== group && rec.group !== null) {
        flush()
        out.push({type: 'heading', depth: 3, children: [text(rec.group)]})
      }
      group = rec.group
      run.push({number: rec.number, children: rec.children, pageLabel: pageLabel(rec.pages, es)})
    }
    flush()
    for (const f of model.footnotes) {
      if (!written.has(f.id) && recs.some((r) => r.footnotes.includes(f.id))) {
        out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
        written.add(f.id)
      }
    }
  }
  for (const f of model.footnotes) if (!written.has(f.id)) out.push(paragraph([text(`${digitsToSuperscript(f.id)} `), ...f.children]))
  out.push(...model.colophon.blocks.map((b) => paragraph(b.children)))
  const root: Root = {type: 'root', children: out}
  return stringifyMarkdown(root)
}
