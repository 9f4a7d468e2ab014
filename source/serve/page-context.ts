import Handlebars from 'handlebars'
import {contentPaths} from '../content-paths.js'
import {loadTemplates, type TemplateSet} from '../render/templates.js'
import type {Project} from '../annotate/load-project.js'
import type {ProjectEdition} from '../annotate/project.js'
import {format, isLabelKey, loadLabels, type Labels, type LabelKey} from '../labels/index.js'
import {isLanguage, languages, type Language} from '../model/vocabulary.js'

const helpers: Record<string, Handlebars.HelperDelegate> = {
  // Templates name keys as strings; tests/labels checks every one against the schema, so an unknown key here is a bug, never printed.
  t(this: unknown, key: string, options: Handlebars.HelperOptions) {
    if (!isLabelKey(key)) throw new Error(`Unknown label \`${key}\` in a templates/web page (declare it in source/labels/label-schema.ts)`)
    const labels = (options.data.root as {labels: Labels}).labels
    return format(labels[key], options.hash as Record<string, string | number>)
  },
  eq: (a: unknown, b: unknown) => a === b,
}

let templates: TemplateSet | null = null

/** The workspace's page templates (`templates/web/`), compiled once. */
export function webTemplates(): TemplateSet {
  templates ??= loadTemplates(contentPaths.templates, 'web', undefined, helpers)
  return templates
}

/** `?lang=` of a request, or Spanish (the source's language). */
export function pageLanguage(query: unknown): Language {
  const value = (query as Record<string, unknown> | undefined)?.['lang']
  return isLanguage(value) ? value : 'es'
}

/** Whether the web edition has been built (the server says where it looks); the layout then links it. */
let siteBuilt: () => boolean = () => false

export function linkWebEdition(built: () => boolean): void {
  siteBuilt = built
}

/** A page: the named template inside the layout, with the language's labels. */
export function renderPage(name: string, lang: Language, context: Record<string, unknown>, query: Readonly<Record<string, unknown>> = {}): string {
  // The language links keep the page's other parameters (a selection, a guideline filter).
  const langLinks = languages.map((l) => {
    const params = new URLSearchParams()
    for (const [key, raw] of Object.entries(query)) {
      if (key === 'lang' || key === 'token' || key === 'saved') continue
      for (const value of Array.isArray(raw) ? raw : [raw]) params.append(key, String(value))
    }
    params.set('lang', l)
    return {lang: l, href: `?${params.toString()}`, current: l === lang}
  })
  return webTemplates().template(name)({...context, lang, langs: languages, langLinks, labels: loadLabels(lang), siteHref: siteBuilt() ? `/site/${lang}/index.html` : null})
}

/** A label of the page's language, its `{slots}` filled (the documents' own labels: `loadLabels`). */
export function label(lang: Language, key: LabelKey, values: Record<string, string | number> = {}): string {
  return format(loadLabels(lang)[key], values)
}

/** The text a page in `lang` shows: that language's edition of the document where there is one, else the original. */
export function editionFor(project: Project, lang: Language): ProjectEdition {
  return project.edition(lang) ?? project.primary
}
