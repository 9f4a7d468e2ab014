import {createHash} from 'node:crypto'
import {subregions} from '../annotate/subregions.js'
import type {Project} from '../annotate/project.js'
import type {Term} from '../annotate/taxonomy.js'
import {usageError} from '../errors.js'
import type {Guideline, Recommendation} from '../model/types.js'
import {fromRoman} from '../parse/roman.js'
import {format, loadLabels, type Labels} from './locales.js'
import {expandNumbers, type BriefSpec} from './spec.js'
import {unknownValue} from './suggest.js'
import {
  assessmentStatuses,
  type Labelled,
  type Language,
  type View,
  type ViewAssessment,
  type ViewCountry,
  type ViewGuideline,
  type ViewRecommendation,
} from './view.js'

const langTags = {es: 'es-419', en: 'en', pt: 'pt-BR'} as const satisfies Record<Language, string>

/** The filters of a spec, checked against the project and resolved to ids. */
export interface Resolved {
  readonly guidelines: string[]
  readonly audiences: string[]
  readonly themes: string[]
  readonly numbers: number[]
  readonly words: string[]
  readonly country: string | null
}

/** Check every filter value; unknown ones are usage errors listing the valid values. */
export function resolveFilters(project: Project, spec: BriefSpec): Resolved {
  const where = (key: string, flag: string) => spec.origin?.[key] ?? flag
  const ids = project.model.guidelines.map((g) => g.id)
  const guidelines = spec.guidelines.map((value) => {
    const upper = value.toUpperCase()
    const id = /^\d+$/.test(value) ? project.model.guidelines.find((g) => g.number === Number(value))?.id : fromRoman(upper) !== null ? upper : undefined
    if (!id || !ids.includes(id)) throw unknownValue('guideline', value, where('guidelines', '--guideline'), ids)
    return id
  })
  const check = (values: string[], terms: Term[], what: string, key: string, flag: string) =>
    values.map((value) => {
      const term = terms.find((t) => t.id === value.toLowerCase())
      if (!term) throw unknownValue(what, value, where(key, flag), terms.map((t) => t.id))
      return term.id
    })
  const numbers = expandNumbers(spec.recs, where('recs', '--rec'))
  const known = new Set(project.model.recommendations.map((r) => r.number))
  for (const n of numbers) {
    if (!known.has(n)) throw usageError(`Unknown recommendation number \`${n}\` in ${where('recs', '--rec')}. Valid values: 1–${Math.max(...known)}`)
  }
  let country: string | null = null
  if (spec.country) {
    const value = spec.country.trim()
    const match = project.countries.find(
      (c) => c.code === value.toUpperCase() || c.aliases.some((a) => fold(a) === fold(value)),
    )
    if (!match) throw unknownValue('country', value, where('country', '--country'), project.countries.map((c) => c.code))
    country = match.code
  }
  return {
    guidelines,
    audiences: check(spec.audiences, project.audiences, 'audience', 'audiences', '--audience'),
    themes: check(spec.themes, project.themes, 'theme', 'themes', '--theme'),
    numbers,
    words: spec.query ? fold(spec.query).split(/\s+/).filter(Boolean) : [],
    country,
  }
}

/** Lower case without accents, for searching. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Within one kind of filter any value matches; across kinds all must. */
export function matches(rec: Recommendation, filters: Omit<Resolved, 'country'>): boolean {
  const any = <T>(wanted: readonly T[], has: (value: T) => boolean) => wanted.length === 0 || wanted.some(has)
  return (
    any(filters.guidelines, (g) => rec.guideline === g) &&
    any(filters.audiences, (a) => rec.audiences.includes(a)) &&
    any(filters.themes, (t) => rec.themes.includes(t)) &&
    any(filters.numbers, (n) => rec.number === n) &&
    filters.words.every((w) => fold(rec.text).includes(w))
  )
}

/** Turn a brief spec into the view model every renderer draws from. All filtering happens here. */
export function select(project: Project, spec: BriefSpec): View {
  const labels = loadLabels(spec.lang)
  const filters = resolveFilters(project, spec)
  const profile = filters.country ? project.profile(filters.country) : null
  const noOtherFilters = filters.guidelines.length + filters.audiences.length + filters.themes.length + filters.numbers.length + filters.words.length === 0
  const effective =
    profile && noOtherFilters
      ? {...filters, guidelines: profile.focus.guidelines, audiences: profile.focus.audiences, themes: profile.focus.themes}
      : filters
  const chosen = project.model.recommendations.filter((rec) => matches(rec, effective))
  if (chosen.length === 0) {
    throw usageError(`The selection is empty: no recommendation matches ${describeFilters(project, spec, filters, labels).join('; ') || 'the filters'}. Loosen a filter (\`briefs select\` shows what matches).`)
  }
  const lang = spec.lang
  const term = (terms: Term[]) => (id: string): Labelled => ({id, label: terms.find((t) => t.id === id)?.label[lang] ?? id})
  const audience = term(project.audiences)
  const theme = term(project.themes)
  const countryLabel = (code: string): Labelled => ({id: code, label: project.countries.find((c) => c.code === code)?.name[lang] ?? code})

  const toView = (rec: Recommendation): ViewRecommendation => ({
    number: rec.number,
    guideline: rec.guideline,
    group: rec.group,
    text: rec.text,
    children: rec.children,
    pages: rec.pages,
    pageLabel: pageLabel(rec.pages, labels),
    footnotes: rec.footnotes,
    audiences: rec.audiences.map(audience),
    themes: rec.themes.map(theme),
    countries: rec.countries.map(countryLabel),
    ...(profile ? {assessment: assessmentOf(profile.assessments[String(rec.number)], labels)} : {}),
  })

  const guidelines: ViewGuideline[] = []
  for (const g of project.model.guidelines) {
    const recs = chosen.filter((r) => r.guideline === g.id)
    if (recs.length === 0) continue
    guidelines.push(guidelineView(g, recs.map(toView)))
  }
  const footnoteIds = new Set(chosen.flatMap((r) => r.footnotes))
  const footnotes = project.model.footnotes.filter((f) => footnoteIds.has(f.id)).map(({id, text, children}) => ({id, text, children}))

  const countryData = filters.country ? project.countries.find((c) => c.code === filters.country) : undefined
  const country: ViewCountry | undefined =
    countryData && profile
      ? {
          code: countryData.code,
          name: countryData.name[lang],
          subregion: subregions[countryData.subregion][lang],
          language: countryData.languageName[lang],
          context: profile.context.trim(),
          focus: {
            guidelines: profile.focus.guidelines.map((id) => ({id, label: `${id}. ${project.model.guidelines.find((g) => g.id === id)?.title ?? ''}`})),
            audiences: profile.focus.audiences.map(audience),
            themes: profile.focus.themes.map(theme),
          },
          summary: [...assessmentStatuses, null].map((status) => ({
            status,
            label: labels[`status.${status ?? 'none'}`]!,
            count: chosen.filter((r) => (profile.assessments[String(r.number)]?.status ?? null) === status).length,
          })),
        }
      : undefined
  const audienceTerm = spec.kind === 'audience' && filters.audiences.length === 1 ? project.audiences.find((t) => t.id === filters.audiences[0]) : undefined

  const subtitle = subtitleOf(spec, filters, labels, country?.name, audienceTerm?.label[lang])
  const title = spec.title ?? labels['title.default']!
  return {
    kind: spec.kind,
    lang,
    langTag: langTags[lang],
    title,
    subtitle,
    shortTitle: spec.title ?? (spec.kind === 'full' ? labels['shortTitle.default']! : subtitle),
    slug: slugOf(spec, filters),
    source: {
      title: project.model.meta.title,
      publisher: project.model.meta.publisher,
      year: project.model.meta.year,
      citation: project.model.colophon.citation,
      authors: project.model.colophon.authors,
      copyright: project.model.colophon.copyright,
      symbol: project.model.colophon.symbol,
    },
    guidelines,
    footnotes,
    country,
    audience: audienceTerm ? {id: audienceTerm.id, label: audienceTerm.label[lang], description: audienceTerm.description[lang]} : undefined,
    filters: describeFilters(project, spec, filters, labels),
    counts: {recommendations: chosen.length, guidelines: guidelines.length},
    meta: {
      subject: subtitle,
      keywords: [
        'CEPAL', 'ECLAC', labels['recommendations']!,
        ...guidelines.map((g) => `${labels['guideline']} ${g.id}`),
        ...(audienceTerm ? [audienceTerm.label[lang]] : []),
        ...(country ? [country.name] : []),
      ],
      author: labels['publishedBy']!,
    },
    labels,
  }
}

function guidelineView(g: Guideline, recs: ViewRecommendation[]): ViewGuideline {
  const groups: {title: string | null; recommendations: ViewRecommendation[]}[] = []
  for (const rec of recs) {
    const last = groups.at(-1)
    if (last && last.title === rec.group) last.recommendations.push(rec)
    else groups.push({title: rec.group, recommendations: [rec]})
  }
  return {id: g.id, number: g.number, title: g.title, children: g.children, groups, count: recs.length}
}

/** "pág. 94", "págs. 86 y 87", "págs. 12, 14 y 15" (and the en/pt forms). */
export function pageLabel(pages: readonly number[], labels: Labels): string {
  if (pages.length === 0) return ''
  if (pages.length === 1) return `${labels['page.one']} ${pages[0]}`
  return `${labels['page.many']} ${pages.slice(0, -1).join(', ')} ${labels['page.and']} ${pages.at(-1)}`
}

function assessmentOf(entry: {status: ViewAssessment['status']; note?: string | undefined; evidence?: string | undefined} | undefined, labels: Labels): ViewAssessment {
  const status = entry?.status ?? null
  return {status, statusLabel: labels[`status.${status ?? 'none'}`]!, note: entry?.note ?? null, evidence: entry?.evidence ?? null}
}

function subtitleOf(spec: BriefSpec, filters: Resolved, labels: Labels, country?: string, audience?: string): string {
  switch (spec.kind) {
    case 'full':
      return labels['kind.full']!
    case 'guideline':
      return filters.guidelines.length === 1
        ? format(labels['kind.guideline']!, {id: filters.guidelines[0]!})
        : format(labels['kind.guidelines']!, {ids: filters.guidelines.join(', ')})
    case 'audience':
      return audience ? format(labels['kind.audience']!, {audience: inSentence(audience)}) : labels['kind.custom']!
    case 'country':
      return country ? format(labels['kind.country']!, {country}) : labels['kind.custom']!
    case 'custom':
      return labels['kind.custom']!
  }
}

/** A label as it reads inside a sentence: "Banca de desarrollo" → "banca de desarrollo" (acronyms kept). */
function inSentence(label: string): string {
  const first = label.split(' ')[0] ?? ''
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

function describeFilters(project: Project, spec: BriefSpec, filters: Resolved, labels: Labels): string[] {
  const lang = spec.lang
  const out: string[] = []
  if (filters.guidelines.length) out.push(`${labels['guidelines']}: ${filters.guidelines.join(', ')}`)
  if (filters.audiences.length) out.push(`${labels['audiences']}: ${filters.audiences.map((id) => project.audiences.find((t) => t.id === id)?.label[lang]).join(', ')}`)
  if (filters.themes.length) out.push(`${labels['themes']}: ${filters.themes.map((id) => project.themes.find((t) => t.id === id)?.label[lang]).join(', ')}`)
  if (spec.recs.length) out.push(`${labels['recommendations']}: ${spec.recs.join(', ')}`)
  if (spec.query) out.push(`${labels['query']}: «${spec.query}»`)
  if (filters.country) out.push(`${labels['country']}: ${project.countries.find((c) => c.code === filters.country)?.name[lang]}`)
  return out
}

/** A file-name stem from kind, filters and language: `guideline-vii-es`, `country-cl-es`. */
export function slugOf(spec: BriefSpec, filters: Resolved): string {
  const safe = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const parts: string[] = [spec.kind]
  if (spec.kind === 'guideline') parts.push(...filters.guidelines)
  else if (spec.kind === 'audience') parts.push(...filters.audiences)
  else if (spec.kind === 'country') parts.push(filters.country ?? '')
  if (spec.kind !== 'guideline' && filters.guidelines.length) parts.push('g', ...filters.guidelines)
  if (spec.kind !== 'audience' && filters.audiences.length) parts.push('a', ...filters.audiences)
  if (filters.themes.length) parts.push('t', ...filters.themes)
  if (spec.recs.length) parts.push('r', ...spec.recs)
  if (spec.query) parts.push('q', spec.query)
  if (spec.title) parts.push(spec.title)
  let slug = safe(parts.join('-'))
  if (slug.length > 80) slug = `${slug.slice(0, 70).replace(/-+$/, '')}-${createHash('sha256').update(slug).digest('hex').slice(0, 8)}`
  return `${slug || 'brief'}-${spec.lang}`
}
