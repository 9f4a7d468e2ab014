import type {Workspace} from './workspace.js'
import {filterParams, flagsFromQuery} from './workspace.js'
import {countLabel} from '../labels/index.js'
import {editionFor, label} from './page-context.js'
import type {View} from '../view/view.js'
import {assessmentStatuses, briefKinds, type Language, formats} from '../model/vocabulary.js'

/** The selection as the API and the compose page give it. */
export function selectionJson(view: View) {
  const count = view.counts.recommendations
  return {
    kind: view.kind, lang: view.lang, slug: view.slug, title: view.title, subtitle: view.subtitle, filters: view.filters, counts: view.counts,
    countLabel: countLabel(view.labels, 'recommendationsCount', count),
    ...(view.country ? {country: {code: view.country.code, name: view.country.name, summary: view.country.summary}} : {}),
    recommendations: view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations.map((r) => ({
      number: r.number, guideline: r.guideline, group: r.group, text: r.text, pageLabel: r.pageLabel, pages: r.pages,
      audiences: r.audiences.map((a) => a.id), themes: r.themes.map((t) => t.id),
      ...(r.assessment ? {assessment: r.assessment.status} : {}),
    })))),
  }
}

/** The query string of a selection: only the filter parameters, in a stable order. */
export function selectionQuery(query: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams()
  for (const key of filterParams) {
    const raw = query[key]
    for (const value of (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String)) if (value.trim() !== '') params.append(key, value)
  }
  return params.toString()
}

/** Everything the compose page shows for a query; a usage problem is shown beside the form, not thrown. */
export function composeContext(ws: Workspace, query: Record<string, unknown>, lang: Language) {
  const project = ws.project()
  const flags = flagsFromQuery(query)
  const has = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v.toUpperCase() === value.toUpperCase() || v === String(value))
  let selection: ReturnType<typeof selectionJson> | null = null
  let error: string | null = null
  try {
    selection = selectionJson(ws.view(query))
  } catch (problem) {
    error = problem instanceof Error ? problem.message : String(problem)
  }
  const qs = selectionQuery(query)
  // Guideline titles in the page's language where the document has that edition (ids and numbers are the same in every edition).
  const {model} = editionFor(project, lang)
  const numberOf = (id: string) => String(model.guidelines.find((g) => g.id === id)?.number ?? '')
  return {
    page: 'compose',
    pageTitle: label(lang, 'web.compose.heading'),
    form: {rec: (flags.rec ?? []).join(','), query: flags.query ?? '', title: flags.title ?? ''},
    guidelines: model.guidelines.map((g) => ({id: g.id, title: g.title, checked: has(flags.guideline, g.id) || has(flags.guideline, numberOf(g.id))})),
    audiences: project.audiences.map((t) => ({id: t.id, label: t.label[lang], checked: has(flags.audience, t.id)})),
    themes: project.themes.map((t) => ({id: t.id, label: t.label[lang], checked: has(flags.theme, t.id)})),
    countries: project.countries.map((c) => ({code: c.code, name: c.name[lang], selected: flags.country?.toUpperCase() === c.code})),
    statuses: [...assessmentStatuses, 'none' as const].map((id) => ({id, label: label(lang, `status.${id}` as const), checked: has(flags.status, id)})),
    kinds: briefKinds.map((id) => ({id, selected: flags.kind === id})),
    selection: selection ? {...selection, filters: selection.filters.join(' · ')} : null,
    error,
    previewHref: `/preview?${qs}`,
    downloads: [...formats.map((f) => ({format: f, label: label(lang, `web.format.${f}` as const), href: `/api/build?${qs}${qs ? '&' : ''}format=${f}`})),
      {format: 'zip', label: label(lang, 'web.compose.allFormats'), href: `/api/build?${qs}${qs ? '&' : ''}format=all`}],
  }
}
