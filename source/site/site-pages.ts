import type {Project} from '../annotate/load-project.js'
import type {BatchPlan} from '../batch/config.js'
import {languages, type Language} from '../model/vocabulary.js'
import {regionsWithAnswers} from '../select/region.js'
import {select} from '../select/index.js'
import {toBriefSpec, type BriefSpec} from '../select/spec.js'
import type {View} from '../view/view.js'

/** The home page groups briefs by what they are about. */
export const siteSections = ['full', 'guideline', 'audience', 'theme', 'country', 'region', 'custom'] as const
export type SiteSection = (typeof siteSections)[number]

/** One page of the web edition: one brief in one language. */
export interface SitePage {
  readonly lang: Language
  /** The brief's file-name stem without its language (`guideline-vii`): the same page in every language. */
  readonly stem: string
  /** Path under the site folder: `es/guideline-vii.html`. */
  readonly path: string
  readonly section: SiteSection
  readonly view: View
}

/**
 * Every page of the site: the full text, each guideline, audience, theme and
 * country (and each region some country has answered for), then every other
 * brief of the batch config; each in every language, so each page has its
 * counterpart in the other two. A brief listed twice is one page.
 */
export function sitePages(project: Project, plan: BatchPlan): SitePage[] {
  const standard: Record<string, unknown>[] = [
    {kind: 'full'},
    ...project.model.guidelines.map((g) => ({kind: 'guideline', guidelines: [g.id]})),
    ...project.audiences.map((a) => ({kind: 'audience', audiences: [a.id]})),
    ...project.themes.map((t) => ({kind: 'custom', themes: [t.id]})),
    ...project.countries.map((c) => ({kind: 'country', country: c.code})),
    ...regionsWithAnswers(project).map((region) => ({kind: 'region', region})),
  ]
  const specs: BriefSpec[] = [...standard.map((input) => toBriefSpec(input)), ...plan.briefs.map((brief) => brief.spec)]
  const pages: SitePage[] = []
  const seen = new Set<string>()
  for (const spec of specs) {
    for (const lang of languages) {
      const view = select(project, {...spec, lang})
      const stem = stemOf(view.slug, lang)
      const path = `${lang}/${stem}.html`
      if (seen.has(path)) continue
      seen.add(path)
      pages.push({lang, stem, path, section: sectionOf(spec), view})
    }
  }
  return pages
}

/** `guideline-vii-es` → `guideline-vii`. */
export function stemOf(slug: string, lang: Language): string {
  return slug.endsWith(`-${lang}`) ? slug.slice(0, -lang.length - 1) : slug
}

function sectionOf(spec: BriefSpec): SiteSection {
  const onlyOneTheme = spec.themes.length === 1 && spec.guidelines.length + spec.audiences.length + spec.recs.length === 0 && !spec.query && !spec.title
  if (spec.kind === 'custom') return onlyOneTheme ? 'theme' : 'custom'
  return spec.kind
}
