import Handlebars from 'handlebars'
import {contentPaths} from '../content-paths.js'
import {loadTemplates, type TemplateSet} from '../render/templates.js'
import {format, loadLabels, type Labels} from '../select/locales.js'
import {languages, type Language} from '../select/view.js'

const helpers: Record<string, Handlebars.HelperDelegate> = {
  t(this: unknown, key: string, options: Handlebars.HelperOptions) {
    const labels = (options.data.root as {labels: Labels}).labels
    return format(labels[key] ?? key, options.hash as Record<string, string | number>)
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
  return typeof value === 'string' && (languages as readonly string[]).includes(value) ? (value as Language) : 'es'
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
  return webTemplates().template(name)({...context, lang, langs: languages, langLinks, labels: loadLabels(lang)})
}

export function label(lang: Language, key: string, values: Record<string, string | number> = {}): string {
  return format(loadLabels(lang)[key] ?? key, values)
}
