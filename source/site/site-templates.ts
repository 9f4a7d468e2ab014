import type Handlebars from 'handlebars'
import {briefHelpers, briefTemplates} from '../render/html/render-html.js'
import {cachedTemplates, type TemplateSet} from '../render/templates.js'

/**
 * The site's templates (`templates/site/`), which draw each brief with the
 * brief's own partials (cover, contents, guideline, recommendation, notes,
 * colophon) and helpers: a page of the site is the HTML brief in the site's
 * frame. `--templates` overrides either by file name.
 */
export function siteTemplates(override?: string): TemplateSet {
  const site = cachedTemplates('site', override, briefHelpers)
  const brief = briefTemplates(override)
  for (const [name, partial] of Object.entries(brief.handlebars.partials)) {
    if (!(name in site.handlebars.partials)) site.handlebars.registerPartial(name, partial as Handlebars.Template)
  }
  return site
}
