import {dateLabel} from '../labels/phrases.js'
import {createHash} from 'node:crypto'
import {basename, dirname, resolve} from 'node:path'
import {contentPaths} from '../content-paths.js'
import type {Country} from '../annotate/countries.js'
import {countryLanguage, officialLanguages, regions, subregions, type Region} from '../annotate/country-groups.js'
import {format, listLabel, loadLabels, pageLabel, type Labels} from '../labels/index.js'
import type {Project, ProjectEdition} from '../annotate/project.js'
import type {Profile} from '../annotate/profiles.js'
import {changeSincePreviousRound, latestAnswerDate, profileAsOf} from '../annotate/rounds.js'
import {changeView} from './round-change.js'
import type {Term} from '../annotate/taxonomy.js'
import {usageError} from '../errors.js'
import {displayPath} from '../display-path.js'
import type {Guideline, Recommendation} from '../model/types.js'
import {fromRoman} from '../parse/roman.js'
import {expandNumbers, type BriefSpec, type Place} from './spec.js'
import {unknownValue, valueError} from './suggest.js'
import type {Labelled, View, ViewAssessment, ViewCountry, ViewGuideline, ViewRecommendation} from '../view/view.js'
import {assessmentStatuses, isOneOf, langTags, languages, type AssessmentStatus, type Language} from '../model/vocabulary.js'
import {regionalViewer, regionProfiles, regionStatusFilter, regionView, type RegionProfile} from './region.js'


const bundledFolder = resolve(dirname(contentPaths.source))

/** A spec whose language is decided. */
type LangSpec = BriefSpec & {readonly lang: Language}

/** The filters of a spec, checked against the project and resolved to ids. */
export interface Resolved {
  readonly guidelines: string[]
  readonly audiences: string[]
  readonly themes: string[]
  readonly numbers: number[]
  readonly words: string[]
  readonly country: string | null
  /** A region brief's region (`lac` or a subregion), else null. */
  readonly region: Region | null
  /** Statuses to keep (`null`: not assessed); empty keeps all. */
  readonly statuses: (AssessmentStatus | null)[]
}

/** Check every filter value; unknown ones are usage errors listing the valid values. */
export function resolveFilters(project: Project, spec: BriefSpec): Resolved {
  const where = (key: string, flag: string): Place => spec.origin?.[key] ?? {text: flag, inFile: false}
  if (!project.annotated && (spec.audiences.length > 0 || spec.themes.length > 0)) {
    const flag = (spec.audiences.length > 0 ? where('audiences', '--audience') : where('themes', '--theme')).text
    throw usageError(`${displayPath(project.sourcePath)} has no annotations (no annotations.yaml beside it), so it cannot be filtered by audience or theme (${flag}). Use --guideline, --rec or --query, or add an annotations.yaml to its folder`)
  }
  const ids = project.model.guidelines.map((g) => g.id)
  const guidelines = spec.guidelines.map((value) => {
    const upper = value.toUpperCase()
    const id = /^\d+$/.test(value) ? project.model.guidelines.find((g) => g.number === Number(value))?.id : fromRoman(upper) !== null ? upper : undefined
    if (!id || !ids.includes(id)) {
      // A numeral past the last one is no typo: say the range instead of guessing a neighbour.
      const number = /^\d+$/.test(value) ? Number(value) : fromRoman(upper)
      const range = `guidelines run ${ids[0]}–${ids.at(-1)} (1–${ids.length})`
      if (number !== null && number > 0) throw valueError(where('guidelines', '--guideline'), `Unknown guideline \`${value}\``, ` The ${range}.`)
      throw unknownValue('guideline', value, where('guidelines', '--guideline'), ids, range)
    }
    return id
  })
  const check = (values: string[], terms: Term[], what: string, key: string, flag: string) =>
    values.map((value) => {
      const term = terms.find((t) => t.id === value.toLowerCase())
      if (!term) throw unknownValue(what, value, where(key, flag), terms.map((t) => ({value: t.id, names: Object.values(t.label)})))
      return term.id
    })
  const numbers = expandNumbers(spec.recs, where('recs', '--rec').text)
  const known = new Set(project.model.recommendations.map((r) => r.number))
  for (const n of numbers) {
    if (!known.has(n)) throw valueError(where('recs', '--rec'), `Unknown recommendation number \`${n}\``, ` Valid values: 1–${Math.max(...known)}`)
  }
  let country: string | null = null
  if (spec.country) {
    const value = spec.country.trim()
    const match = project.countries.find(
      (c) => c.code === value.toUpperCase() || c.aliases.some((a) => fold(a) === fold(value)),
    )
    if (!match) {
      throw unknownValue('country', value, where('country', '--country'), project.countries.map((c) => ({value: c.code, shown: `${c.code} ${c.name[spec.lang ?? project.primary.lang]}`, names: [...Object.values(c.name), ...c.aliases]})))
    }
    country = match.code
  }
  const statusIds = [...assessmentStatuses, 'none'] as const
  const statuses = (spec.statuses ?? []).map((value) => {
    const id = statusIds.find((s) => s === value.trim().toLowerCase())
    if (!id) throw unknownValue('status', value, where('statuses', '--status'), [...statusIds])
    return id === 'none' ? null : id
  })
  let region: Region | null = null
  if (spec.region) {
    const value = spec.region.trim().toLowerCase()
    if (!isOneOf(Object.keys(regions) as Region[], value)) throw unknownValue('region', spec.region, where('region', '--region'), Object.keys(regions))
    if (country) throw usageError(`A brief is about one country (${where('country', '--country').text}) or one region (${where('region', '--region').text}), not both`)
    region = value
  }
  if (statuses.length > 0 && !country && !region) {
    throw usageError(`A status filter (${where('statuses', '--status').text}) needs a country or a region: statuses come from the self-assessments (add --country or --region)`)
  }
  return {
    statuses,
    guidelines,
    audiences: check(spec.audiences, project.audiences, 'audience', 'audiences', '--audience'),
    themes: check(spec.themes, project.themes, 'theme', 'themes', '--theme'),
    numbers,
    words: spec.query ? fold(spec.query).split(/\s+/).filter(Boolean) : [],
    country,
    region,
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

/**
 * The language of a brief: `--lang`, else for a country brief the first of the
 * country's languages that has an edition, else the language of the source.
 */
export function briefLanguage(project: Project, spec: BriefSpec, country: Country | undefined): Language {
  if (spec.lang) return spec.lang
  const editions = languages.filter((lang) => lang === project.primary.lang || project.document.editions[lang] !== undefined)
  return country ? countryLanguage(country, editions, project.primary.lang) : project.primary.lang
}

/**
 * `select` for a project opened from the content cache (`openProject`): the
 * edition in the brief's language is read first, compiling it (and loading
 * the parser) only when the cache does not hold it.
 */
export async function selectOpened(project: Project, spec: BriefSpec): Promise<View> {
  const filters = resolveFilters(project, spec)
  const country = filters.country ? project.countries.find((c) => c.code === filters.country) : undefined
  await project.loadEdition(briefLanguage(project, spec, country))
  return select(project, spec)
}

/** What the steps of `select` share: the spec with its language decided, and what it draws from. */
interface Selection {
  readonly project: Project
  readonly spec: LangSpec
  readonly filters: Resolved
  readonly lang: Language
  readonly labels: Labels
  readonly edition: ProjectEdition
  readonly countryData: Country | undefined
  readonly profile: Profile | null
  /** On a region brief: the region's countries and their profiles. */
  readonly regionProfiles: RegionProfile[] | null
}

/** The recommendations a brief keeps, and how they were chosen. */
interface Chosen {
  readonly chosen: Recommendation[]
  /** The recommendations in scope before the status filter. */
  readonly inScope: Recommendation[]
  /** Whether a country's focus stood in for filters the spec left empty. */
  readonly focused: boolean
  readonly statusOf: (rec: Recommendation) => AssessmentStatus | null
}

/** Term and country ids to labels in the brief's language. */
interface Labellers {
  readonly audience: (id: string) => Labelled
  readonly theme: (id: string) => Labelled
  readonly country: (code: string) => Labelled
}

/** Turn a brief spec into the view model every renderer draws from. All filtering happens here. */
export function select(project: Project, specInput: BriefSpec): View {
  const selection = openSelection(project, specInput)
  const {spec, filters, lang, labels, edition, countryData} = selection
  const {model} = edition
  const scope = chooseRecommendations(selection)
  const labellers = termLabellers(project, lang)
  const guidelines = guidelineViews(model.guidelines, scope.chosen, recommendationViewer(selection, labellers))
  const country = countryView(selection, scope, labellers, guidelines)
  const region = filters.region && selection.regionProfiles ? regionView(filters.region, selection.regionProfiles, scope.chosen, guidelines, labels, lang) : undefined
  const audienceTerm = spec.kind === 'audience' && filters.audiences.length === 1 ? project.audiences.find((t) => t.id === filters.audiences[0]) : undefined
  const subtitle = subtitleOf(spec, filters, labels, countryData?.phrase[lang] ?? (filters.region ? regions[filters.region][lang] : undefined), audienceTerm?.label[lang])
  const ownTitle = ownTitleOf(project, edition)
  const translation = translationView(edition, labels, lang)
  return {
    kind: spec.kind,
    lang,
    langTag: langTags[lang],
    textLang: edition.lang,
    textLangTag: langTags[edition.lang],
    translation,
    title: spec.title ?? ownTitle ?? labels['title.default'],
    subtitle,
    shortTitle: spec.title ?? (spec.kind === 'full' ? (ownTitle ?? labels['shortTitle.default']) : subtitle),
    slug: slugOf(spec, filters),
    source: sourceView(edition, labels, lang),
    guidelines,
    footnotes: footnoteViews(model.footnotes, scope.chosen),
    country,
    region,
    audience: audienceTerm ? {id: audienceTerm.id, label: audienceTerm.label[lang], description: audienceTerm.description[lang]} : undefined,
    filters: describeFilters(project, spec, filters, labels),
    counts: {recommendations: scope.chosen.length, guidelines: guidelines.length},
    meta: metaOf(selection, subtitle, guidelines, translation, audienceTerm),
    labels,
  }
}

/** Resolve the filters, decide the language and find the edition and profile a brief draws from. */
function openSelection(project: Project, specInput: BriefSpec): Selection {
  const filters = resolveFilters(project, specInput)
  const countryData = filters.country ? project.countries.find((c) => c.code === filters.country) : undefined
  const lang = briefLanguage(project, specInput, countryData)
  const labels = loadLabels(lang)
  // The text comes from the edition in the brief's language, or the source's when there is none.
  const edition = project.edition(lang) ?? project.primary
  const stored = filters.country ? project.profile(filters.country) : null
  const profile = stored && specInput.asOf ? profileAsOf(stored, specInput.asOf) : stored
  const inRegion = filters.region ? regionProfiles(project, filters.region, lang, specInput.asOf) : null
  return {project, spec: {...specInput, lang}, filters, lang, labels, edition, countryData, profile, regionProfiles: inRegion}
}

/**
 * The recommendations matching the filters; with a country and no other filter,
 * the country's focus stands in for them. An empty selection is a usage error.
 */
function chooseRecommendations({project, spec, filters, edition: {model}, profile, regionProfiles: inRegion}: Selection): Chosen {
  const noOtherFilters = filters.guidelines.length + filters.audiences.length + filters.themes.length + filters.numbers.length + filters.words.length === 0
  const effective =
    profile && noOtherFilters
      ? {...filters, guidelines: profile.focus.guidelines, audiences: profile.focus.audiences, themes: profile.focus.themes}
      : filters
  const statusOf = (rec: Recommendation): AssessmentStatus | null => profile?.assessments[String(rec.number)]?.status ?? null
  const inScope = model.recommendations.filter((rec) => matches(rec, effective))
  const keep = inRegion ? regionStatusFilter(inRegion, filters.statuses) : (rec: Recommendation) => filters.statuses.includes(statusOf(rec))
  const chosen = filters.statuses.length > 0 ? inScope.filter(keep) : inScope
  const focused = profile !== null && noOtherFilters && effective !== filters && inScope.length < model.recommendations.length
  if (chosen.length === 0) {
    // Messages are English: the filters are described in English too, not in the brief's language.
    throw usageError(`The selection is empty: no recommendation matches ${describeFilters(project, {...spec, lang: 'en'}, filters, loadLabels('en')).join('; ') || 'the filters'}. Loosen a filter (\`briefs select\` shows what matches).`)
  }
  return {chosen, inScope, focused, statusOf}
}

function termLabellers(project: Project, lang: Language): Labellers {
  const term = (terms: Term[]) => (id: string): Labelled => ({id, label: terms.find((t) => t.id === id)?.label[lang] ?? id})
  return {
    audience: term(project.audiences),
    theme: term(project.themes),
    country: (code) => ({id: code, label: project.countries.find((c) => c.code === code)?.name[lang] ?? code}),
  }
}

function recommendationViewer({labels, lang, profile, regionProfiles: inRegion}: Selection, labellers: Labellers): (rec: Recommendation) => ViewRecommendation {
  const regional = inRegion ? regionalViewer(inRegion, labels, lang) : null
  return (rec) => ({
    number: rec.number,
    guideline: rec.guideline,
    group: rec.group,
    text: rec.text,
    children: rec.children,
    pages: rec.pages,
    pageLabel: pageLabel(rec.pages, labels),
    footnotes: rec.footnotes,
    audiences: rec.audiences.map(labellers.audience),
    themes: rec.themes.map(labellers.theme),
    countries: rec.countries.map(labellers.country),
    // A badge only where there is an answer: an unanswered recommendation carries none.
    ...answerOf(profile?.assessments[String(rec.number)], labels),
    ...(regional ? {regional: regional(rec)} : {}),
  })
}

/** The guidelines that keep at least one recommendation, in the document's order. */
function guidelineViews(all: readonly Guideline[], chosen: Recommendation[], toView: (rec: Recommendation) => ViewRecommendation): ViewGuideline[] {
  const guidelines: ViewGuideline[] = []
  for (const g of all) {
    const recs = chosen.filter((r) => r.guideline === g.id)
    if (recs.length === 0) continue
    guidelines.push(guidelineView(g, recs.map(toView)))
  }
  return guidelines
}

/** The footnotes the chosen recommendations cite. */
function footnoteViews(all: ProjectEdition['model']['footnotes'], chosen: Recommendation[]): View['footnotes'] {
  const footnoteIds = new Set(chosen.flatMap((r) => r.footnotes))
  return all.filter((f) => footnoteIds.has(f.id)).map(({id, text, children}) => ({id, text, children}))
}

/** The country section of a country brief: facts, focus and the self-assessment's counts. */
function countryView(selection: Selection, scope: Chosen, labellers: Labellers, guidelines: ViewGuideline[]): ViewCountry | undefined {
  const {project, lang, labels, edition: {model}, countryData, profile} = selection
  if (!countryData || !profile) return undefined
  const {chosen, statusOf} = scope
  return {
    code: countryData.code,
    name: countryData.name[lang],
    formalName: countryData.formal[lang],
    subregion: subregions[countryData.subregion][lang],
    language: countryData.languageName[lang],
    // A profile's own paragraph, else the facts in the brief's language.
    context: profile.context.trim() || format(labels.countryContext, {
      country: capitalize(countryData.phrase[lang]),
      subregion: subregions[countryData.subregion][lang],
      language: countryData.languageName[lang],
    }),
    focus: {
      guidelines: profile.focus.guidelines.map((id) => ({id, label: `${id}. ${model.guidelines.find((g) => g.id === id)?.title ?? ''}`})),
      audiences: profile.focus.audiences.map(labellers.audience),
      themes: profile.focus.themes.map(labellers.theme),
    },
    summary: [...assessmentStatuses, null].map((status) => ({
      status,
      label: labels[`status.${status ?? 'none'}`]!,
      count: chosen.filter((r) => statusOf(r) === status).length,
    })),
    byGuideline: guidelines.map((g) => {
      const recs = chosen.filter((r) => r.guideline === g.id)
      return {id: g.id, title: g.title, counts: [...assessmentStatuses, null].map((status) => recs.filter((r) => statusOf(r) === status).length)}
    }),
    asOf: latestAnswerDate(profile),
    asOfLabel: asOfLabel(latestAnswerDate(profile), labels, lang),
    change: changeView(changeSincePreviousRound(profile, new Set(chosen.map((r) => r.number))), labels, lang),
    illustrative: profile.illustrative === true,
    focusNote: scope.focused ? format(labels['assessment.focusNote']!, {count: scope.inScope.length, total: project.model.recommendations.length}) : null,
    ...answersOf(selection, countryData, chosen.filter((r) => statusOf(r) !== null).length, chosen.length),
  }
}

/** How far the country has answered the brief's recommendations, and what the brief says about it. */
function answersOf({labels, lang, profile}: Selection, country: Country, answered: number, total: number): Pick<ViewCountry, 'answered' | 'awaiting' | 'remainingNote'> {
  const unanswered = total - answered
  if (answered > 0) {
    const remainingNote = unanswered === 0 ? null : format(labels[unanswered === 1 ? 'assessment.remainingOne' : 'assessment.remaining'], {count: unanswered, total})
    return {answered, awaiting: null, remainingNote}
  }
  const none = Object.keys(profile?.assessments ?? {}).length === 0
  const contact = profile?.contact?.trim()
  return {
    answered,
    awaiting: {
      title: labels[none ? 'assessment.awaiting.none' : 'assessment.awaiting.inScope'],
      text: [
        format(labels['assessment.awaiting.what'], {country: country.name[lang]}),
        format(labels['assessment.awaiting.how'], {country: country.name[lang], code: country.code}),
        contact ? format(labels['assessment.awaiting.sendTo'], {contact}) : labels['assessment.awaiting.sendBack'],
      ],
    },
    remainingNote: null,
  }
}

/** The bundled document's title is a label (the same in every edition); any other text's is its own. */
function ownTitleOf(project: Project, edition: ProjectEdition): string | null {
  return resolve(project.document.folder) === bundledFolder ? null : edition.model.meta.title || basename(edition.path).replace(/\.[^.]*$/, '')
}

/** For a brief drawn from a translation: its notice and the original's citation. */
function translationView(edition: ProjectEdition, labels: Labels, lang: Language): View['translation'] {
  const original = edition.translationOf
  return original
    ? {
        cover: labels['translation.cover'],
        notice: format(labels['translation.notice'], {language: officialLanguages[original.lang][lang]}),
        citation: original.citation ?? original.title,
        originalTitle: original.title,
        originalRights: original.copyright || original.symbol
          ? format(labels['translation.originalRights'], {rights: [original.copyright, original.symbol].filter(Boolean).join(' · ')})
          : null,
        author: labels['translation.author'],
        citationLang: original.lang,
        citationLangTag: langTags[original.lang],
      }
    : null
}

function sourceView(edition: ProjectEdition, labels: Labels, lang: Language): View['source'] {
  const {model, translationOf: original} = edition
  // A translation is not ECLAC's publication: the project is its publisher, and the
  // original's citation, rights and sales symbol are given only as the original's (ViewTranslation).
  if (original) {
    return {
      title: model.meta.title,
      titleLangTag: langTags[model.meta.title === original.title ? original.lang : edition.lang],
      publisher: labels['translation.author'], year: model.meta.year,
      citation: null, authors: model.colophon.authors, copyright: null, symbol: null,
    }
  }
  return {
    title: model.meta.title,
    // A translation may keep the original's title (the publication exists in that language only).
    titleLangTag: langTags[edition.lang],
    // The publisher's name and the rights line in the brief's language, whatever the edition's.
    publisher: labels.publishedBy,
    year: model.meta.year,
    citation: model.colophon.citation,
    authors: model.colophon.authors,
    copyright: edition.lang === lang && model.colophon.copyright ? model.colophon.copyright : format(labels['copyright.line'], {year: model.meta.year ?? ''}),
    symbol: model.colophon.symbol,
  }
}

/** The document properties: subject and keywords. */
function metaOf({labels, lang, countryData, filters}: Selection, subtitle: string, guidelines: ViewGuideline[], translation: View['translation'], audienceTerm: Term | undefined): View['meta'] {
  return {
    subject: translation ? `${subtitle}. ${translation.notice} ${translation.citation}` : subtitle,
    keywords: [
      'CEPAL', 'ECLAC', labels['recommendations'],
      ...guidelines.map((g) => `${labels['guideline']} ${g.id}`),
      ...(audienceTerm ? [audienceTerm.label[lang]] : []),
      ...(countryData ? [countryData.formal[lang]] : []),
      ...(filters.region ? [regions[filters.region][lang]] : []),
      ...(translation ? [translation.cover] : []),
    ],
    author: translation ? translation.author : labels['publishedBy'],
  }
}

function asOfLabel(date: string | null, labels: Labels, lang: Language): string | null {
  return date ? format(labels['assessment.asOf'], {date: dateLabel(date, lang)}) : null
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

export {pageLabel}

/** "the Bahamas" → "The Bahamas", at the start of a sentence. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A recommendation's answer as the view carries it: nothing when the country has not answered it. */
function answerOf(entry: Parameters<typeof assessmentOf>[0], labels: Labels): {assessment?: ViewAssessment} {
  return entry ? {assessment: assessmentOf(entry, labels)} : {}
}

function assessmentOf(entry: {status: ViewAssessment['status']; note?: string | undefined; evidence?: string | undefined} | undefined, labels: Labels): ViewAssessment {
  const status = entry?.status ?? null
  return {status, statusLabel: labels[`status.${status ?? 'none'}`]!, note: entry?.note ?? null, evidence: entry?.evidence ?? null}
}

function subtitleOf(spec: LangSpec, filters: Resolved, labels: Labels, country?: string, audience?: string): string {
  switch (spec.kind) {
    case 'full':
      return labels['kind.full']!
    case 'guideline':
      // `--kind guideline` with no guideline: the whole text, not "Summary of guidelines " with nothing after it.
      if (filters.guidelines.length === 0) return labels['kind.full']!
      return filters.guidelines.length === 1
        ? format(labels['kind.guideline']!, {id: filters.guidelines[0]!})
        : format(labels['kind.guidelines']!, {ids: filters.guidelines.join(', ')})
    case 'audience':
      return audience ? format(labels['kind.audience']!, {audience: inSentence(audience)}) : labels['kind.custom']!
    case 'country':
      return country && filters.country ? format(labels['kind.country']!, {country}) : labels['kind.custom']!
    case 'region':
      return country && filters.region ? format(labels['kind.region'], {region: country}) : labels['kind.custom']!
    case 'custom':
      return labels['kind.custom']!
  }
}

/** A label as it reads inside a sentence: "Banca de desarrollo" → "banca de desarrollo" (acronyms kept). */
function inSentence(label: string): string {
  const first = label.split(' ')[0] ?? ''
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

function describeFilters(project: Project, spec: LangSpec, filters: Resolved, labels: Labels): string[] {
  const lang = spec.lang
  const out: string[] = []
  const labelOf = (terms: readonly Term[]) => (id: string) => terms.find((t) => t.id === id)?.label[lang] ?? id
  if (filters.guidelines.length) out.push(listLabel(labels, 'guideline', filters.guidelines))
  if (filters.audiences.length) out.push(listLabel(labels, 'audience', filters.audiences.map(labelOf(project.audiences))))
  if (filters.themes.length) out.push(listLabel(labels, 'theme', filters.themes.map(labelOf(project.themes))))
  if (spec.recs.length) out.push(`${labels[filters.numbers.length === 1 ? 'recommendation' : 'recommendations']}: ${spec.recs.join(', ')}`)
  if (spec.query) out.push(`${labels['query']}: «${spec.query}»`)
  if (filters.country) out.push(`${labels['country']}: ${project.countries.find((c) => c.code === filters.country)?.name[lang]}`)
  if (filters.statuses.length) out.push(`${labels['assessment.statusFilter']}: ${filters.statuses.map((s) => labels[`status.${s ?? 'none'}`]).join(', ')}`)
  return out
}

/** A file-name stem from kind, filters and language: `guideline-vii-es`, `country-cl-es`. */
export function slugOf(spec: LangSpec, filters: Resolved): string {
  const safe = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const parts: string[] = [spec.kind]
  if (spec.kind === 'guideline') parts.push(...filters.guidelines)
  else if (spec.kind === 'audience') parts.push(...filters.audiences)
  else if (spec.kind === 'country') parts.push(filters.country ?? '')
  else if (spec.kind === 'region') parts.push(filters.region ?? '')
  if (spec.kind !== 'guideline' && filters.guidelines.length) parts.push('g', ...filters.guidelines)
  if (spec.kind !== 'audience' && filters.audiences.length) parts.push('a', ...filters.audiences)
  if (filters.themes.length) parts.push('t', ...filters.themes)
  if (spec.recs.length) parts.push('r', ...spec.recs)
  // Free text that folds to nothing (`/`, `...`, `؟`) gets a hash, so the name never collides with the untitled brief's.
  const free = (text: string) => safe(text) || `h${createHash('sha256').update(text).digest('hex').slice(0, 8)}`
  if (spec.query) parts.push('q', free(spec.query))
  if (filters.statuses.length) parts.push('s', ...filters.statuses.map((s) => s ?? 'none'))
  if (spec.asOf) parts.push('as-of', spec.asOf)
  if (spec.title) parts.push(free(spec.title))
  let slug = safe(parts.join('-'))
  if (slug.length > 80) slug = `${slug.slice(0, 70).replace(/-+$/, '')}-${createHash('sha256').update(slug).digest('hex').slice(0, 8)}`
  return `${slug || 'brief'}-${spec.lang}`
}
