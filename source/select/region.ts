import type {Country} from '../annotate/countries.js'
import {regions, type Region} from '../annotate/country-groups.js'
import type {Profile} from '../annotate/profiles.js'
import type {Project} from '../annotate/project.js'
import {changeSincePreviousRound, latestAnswerDate, profileAsOf} from '../annotate/rounds.js'
import {changeView} from './round-change.js'
import {dateLabel, format, pageLabel, type Labels} from '../labels/index.js'
import type {Recommendation} from '../model/types.js'
import {assessmentStatuses, langTags, type AssessmentStatus, type Language} from '../model/vocabulary.js'
import type {ViewGuideline, ViewMatrixCell, ViewRegion, ViewRegional} from '../view/view.js'
import {indicatorStep} from '../render/design-tokens.js'

/** One country of a region with its profile. */
export interface RegionProfile {
  readonly country: Country
  readonly profile: Profile
}

/** The countries of a region (`lac`: all of them) with their profiles (as they stood on `asOf`, if given), in the order of their names in `lang`. */
export function regionProfiles(project: Project, region: Region, lang: Language, asOf?: string): RegionProfile[] {
  const countries = project.countries.filter((c) => region === 'lac' || c.subregion === region)
  return countries
    .map((country) => {
      const stored = project.profile(country.code)
      return {country, profile: asOf ? profileAsOf(stored, asOf) : stored}
    })
    .sort((a, b) => a.country.name[lang].localeCompare(b.country.name[lang], langTags[lang]))
}

/** The regions (`lac` first, then the subregions) where at least one country has answered. */
export function regionsWithAnswers(project: Project): Region[] {
  const answered = project.countries.filter((c) => Object.keys(project.profile(c.code).assessments).length > 0)
  return (Object.keys(regions) as Region[]).filter((region) => answered.some((c) => region === 'lac' || c.subregion === region))
}

const answerOf = ({profile}: RegionProfile, rec: Recommendation): AssessmentStatus | null => profile.assessments[String(rec.number)]?.status ?? null
const hasAnswers = ({profile}: RegionProfile) => Object.keys(profile.assessments).length > 0

/** Keeps a recommendation when some country of the region reports one of the statuses (`null`: some country has not answered it). */
export function regionStatusFilter(profiles: readonly RegionProfile[], statuses: readonly (AssessmentStatus | null)[]): (rec: Recommendation) => boolean {
  const answering = profiles.filter(hasAnswers)
  return (rec) => answering.some((p) => statuses.includes(answerOf(p, rec))) || (statuses.includes(null) && answering.length < profiles.length)
}

/** The per-recommendation line of a region brief: which answering countries report each status. */
export function regionalViewer(profiles: readonly RegionProfile[], labels: Labels, lang: Language): (rec: Recommendation) => ViewRegional {
  const answering = profiles.filter(hasAnswers)
  return (rec) => {
    const statuses = assessmentStatuses
      .map((status) => {
        const countries = answering.filter((p) => answerOf(p, rec) === status).map((p) => p.country.name[lang])
        return {status, label: labels[`status.${status}`], count: countries.length, countries}
      })
      .filter((s) => s.count > 0)
    const unanswered = profiles.length - statuses.reduce((sum, s) => sum + s.count, 0)
    return {statuses, unansweredLabel: unanswered > 0 ? format(labels['region.unanswered'], {count: unanswered, total: profiles.length}) : null}
  }
}

/** The follow-up of a region: who has answered, the country × guideline matrix, counts per guideline, what is most often not started. */
export function regionView(region: Region, profiles: readonly RegionProfile[], chosen: readonly Recommendation[], guidelines: readonly ViewGuideline[], labels: Labels, lang: Language): ViewRegion {
  const answering = profiles.filter(hasAnswers)
  const percent = new Intl.NumberFormat(langTags[lang], {style: 'percent', maximumFractionDigits: 0})
  const cellOf = (profile: RegionProfile, recs: readonly Recommendation[]): ViewMatrixCell => {
    const count = (status: AssessmentStatus | null) => recs.filter((r) => answerOf(profile, r) === status).length
    return cell(count('implemented'), count('in-progress'), count('not-started'), count('not-applicable'), count(null), percent)
  }
  const sum = (cells: readonly ViewMatrixCell[]): ViewMatrixCell => {
    const total = (key: 'implemented' | 'inProgress' | 'notStarted' | 'notApplicable' | 'unanswered') => cells.reduce((n, c) => n + c[key], 0)
    return cell(total('implemented'), total('inProgress'), total('notStarted'), total('notApplicable'), total('unanswered'), percent)
  }
  const recsOf = (id: string) => chosen.filter((r) => r.guideline === id)
  const rows = answering.map((p) => ({
    code: p.country.code,
    name: p.country.name[lang],
    cells: guidelines.map((g) => cellOf(p, recsOf(g.id))),
    total: cellOf(p, chosen),
  }))
  const statuses = [...assessmentStatuses, null] as const
  const countsOver = (recs: readonly Recommendation[]) => statuses.map((status) => answering.reduce((n, p) => n + recs.filter((r) => answerOf(p, r) === status).length, 0))
  const notStarted = chosen
    .map((rec) => ({rec, countries: answering.filter((p) => answerOf(p, rec) === 'not-started').map((p) => p.country.name[lang])}))
    .filter((entry) => entry.countries.length > 0)
    .sort((a, b) => b.countries.length - a.countries.length || a.rec.number - b.rec.number)
    .slice(0, 10)
  const notAnswered = profiles.filter((p) => !hasAnswers(p)).map((p) => ({code: p.country.code, name: p.country.name[lang]}))
  const total = profiles.length
  const numbers = new Set(chosen.map((r) => r.number))
  return {
    id: region,
    name: regions[region][lang],
    answeredLabel: format(labels[answering.length === 1 ? 'region.answeredOne' : 'region.answered'], {count: answering.length, total}),
    answered: answering.map((p) => {
      const asOf = latestAnswerDate(p.profile)
      const change = changeView(changeSincePreviousRound(p.profile, numbers), labels, lang)
      return {code: p.country.code, name: p.country.name[lang], asOf, asOfLabel: asOf ? dateLabel(asOf, lang) : null, illustrative: p.profile.illustrative === true, change}
    }),
    notAnswered,
    notAnsweredLabel: notAnswered.length > 0 ? format(labels['region.notAnswered'], {countries: notAnswered.map((c) => c.name).join(', ')}) : null,
    indicator: {name: labels['region.indicator'], formula: labels['region.formula']},
    matrix: {columns: guidelines.map((g) => ({id: g.id, title: g.title})), rows},
    byGuideline: guidelines.map((g, i) => ({id: g.id, title: g.title, counts: countsOver(recsOf(g.id)), cell: sum(rows.map((r) => r.cells[i]!))})),
    summary: statuses.map((status, i) => ({status, label: labels[`status.${status ?? 'none'}`], count: countsOver(chosen)[i]!})),
    mostNotStarted: notStarted.map(({rec, countries}) => ({number: rec.number, text: rec.text, pageLabel: pageLabel(rec.pages, labels), count: countries.length, countries})),
    illustrative: profiles.some((p) => p.profile.illustrative === true),
  }
}

/**
 * The follow-up indicator of a set of answers (defined in docs/region.md):
 * implemented counts one, in progress one half, over the answers that apply
 * (answered minus not applicable). Nothing answered that applies: no figure.
 */
export function followUpIndicator(implemented: number, inProgress: number, notStarted: number): number | null {
  const applicable = implemented + inProgress + notStarted
  return applicable === 0 ? null : (implemented + inProgress / 2) / applicable
}

function cell(implemented: number, inProgress: number, notStarted: number, notApplicable: number, unanswered: number, percent: Intl.NumberFormat): ViewMatrixCell {
  const indicator = followUpIndicator(implemented, inProgress, notStarted)
  return {
    implemented, inProgress, notStarted, notApplicable, unanswered, indicator,
    step: indicator === null ? null : indicatorStep(indicator),
    label: indicator === null ? '—' : percent.format(indicator),
    detail: `${implemented} · ${inProgress} / ${implemented + inProgress + notStarted}`,
  }
}
