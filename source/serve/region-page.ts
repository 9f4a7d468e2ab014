import {regions, type Region} from '../annotate/country-groups.js'
import {formats, type Language} from '../model/vocabulary.js'
import {rampClass, rampLegend} from '../render/design-tokens.js'
import {editionFor, label} from './page-context.js'
import type {Workspace} from './workspace.js'

/**
 * The Region page: the follow-up of a region's self-assessments as the
 * region brief holds it (who has answered, the country × guideline matrix),
 * filtered by region and guideline, with the region brief's downloads.
 */
export function regionContext(ws: Workspace, query: Readonly<Record<string, unknown>>, lang: Language) {
  const value = (key: string) => {
    const raw = query[key]
    const text = String(Array.isArray(raw) ? raw.at(-1) : (raw ?? '')).trim()
    return text === '' ? undefined : text
  }
  const region = (value('region') ?? 'lac') as Region
  const guideline = value('guideline')
  // ws.view checks the values (an unknown region or guideline is a 400 naming it).
  const params = {region, lang, ...(guideline ? {guideline} : {})}
  const view = ws.view(params)
  const data = view.region!
  const qs = new URLSearchParams(params).toString()
  const {model} = editionFor(ws.project(), lang)
  return {
    page: 'region',
    pageTitle: `${label(lang, 'web.nav.region')}: ${data.name}`,
    region: data,
    regions: Object.entries(regions).map(([id, names]) => ({id, name: names[lang], selected: id === region})),
    guidelines: model.guidelines.map((g) => ({id: g.id, title: g.title, selected: g.id === guideline?.toUpperCase()})),
    guideline: guideline ?? null,
    matrix: {
      columns: data.matrix.columns,
      rows: data.matrix.rows.map((row) => ({...row, cells: row.cells.map((c) => ({...c, step: rampClass(c.step)})), total: {...row.total, step: rampClass(row.total.step)}})),
    },
    ramp: rampLegend(),
    downloads: formats.map((format) => ({format, href: `/api/build?${qs}&format=${format}`})),
    count: view.counts.recommendations,
  }
}
