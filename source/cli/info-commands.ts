import {openProject} from '../annotate/project.js'
import {countLabel} from '../labels/index.js'
import {selectOpened} from '../select/index.js'
import {projectOptions} from './filter-options.js'
import {specFromFlags, type FilterFlags} from '../select/spec-from-flags.js'

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

export async function modelCommand(path?: string): Promise<void> {
  const project = await openProject({source: path})
  print(project.model)
}

export async function schemaCommand(): Promise<void> {
  print((await import('../model/schema.js')).modelJsonSchema())
}

export async function listCommand(what: string, opts: {json?: boolean | undefined; lang: 'es' | 'en' | 'pt'}): Promise<void> {
  const project = await openProject()
  const lang = opts.lang
  let rows: Record<string, unknown>[]
  let lines: string[]
  switch (what) {
    case 'guidelines': {
      // Titles from the edition in the asked language, when the document has one.
      const model = ((await project.loadEdition(lang)) ?? project.primary).model
      rows = model.guidelines.map((g) => ({id: g.id, number: g.number, title: g.title, recommendations: g.recommendations}))
      lines = model.guidelines.map((g) => `${g.id.padEnd(5)} ${g.title} (${g.recommendations[0]}–${g.recommendations.at(-1)}, ${g.recommendations.length})`)
      break
    }
    case 'audiences':
    case 'themes': {
      const terms = what === 'audiences' ? project.audiences : project.themes
      const count = (id: string) => project.model.recommendations.filter((r) => (what === 'audiences' ? r.audiences : r.themes).includes(id)).length
      rows = terms.map((t) => ({id: t.id, label: t.label, description: t.description, recommendations: count(t.id)}))
      lines = terms.map((t) => `${t.id.padEnd(32)} ${t.label[lang]} (${count(t.id)}) — ${t.description[lang]}`)
      break
    }
    default:
      rows = project.countries.map((c) => ({code: c.code, name: c.name, formal: c.formal, subregion: c.subregion, language: c.language, languages: c.languages}))
      lines = project.countries.map((c) => `${c.code}  ${c.name[lang].padEnd(34)} ${c.subregion.padEnd(24)} ${c.languages.join(', ')}`)
  }
  if (opts.json) print(rows)
  else process.stdout.write(`${lines.join('\n')}\n`)
}

export async function selectCommand(flags: FilterFlags & {json?: boolean}): Promise<void> {
  const project = await openProject(projectOptions(flags))
  const view = await selectOpened(project, specFromFlags(flags))
  if (flags.json) {
    print({
      kind: view.kind, lang: view.lang, slug: view.slug, title: view.title, subtitle: view.subtitle, filters: view.filters, counts: view.counts,
      ...(view.country ? {country: {code: view.country.code, name: view.country.name, summary: view.country.summary, asOf: view.country.asOf, change: view.country.change}} : {}),
      guidelines: view.guidelines.map((g) => ({
        id: g.id, title: g.title,
        recommendations: g.groups.flatMap((group) => group.recommendations.map((r) => ({
          number: r.number, group: r.group, text: r.text, pages: r.pages, audiences: r.audiences.map((a) => a.id), themes: r.themes.map((t) => t.id),
          // On a country brief every recommendation says its status, `null` where there is no answer yet.
          ...(view.country ? {assessment: r.assessment?.status ?? null} : {}),
        }))),
      })),
    })
    return
  }
  // The heading in words, in the brief's language: what it is, how much it holds, the file name it gets.
  const out: string[] = [`${view.subtitle} — ${countLabel(view.labels, 'recommendationsCount', view.counts.recommendations)}, ${countLabel(view.labels, 'brief.guidelinesCount', view.counts.guidelines)} (${view.lang}) → ${view.slug}.*`]
  if (view.filters.length) out.push(view.filters.join(' · '))
  if (view.country) out.push(view.country.summary.map((s) => `${s.label}: ${s.count}`).join(' · '))
  if (view.country?.change) out.push(view.country.change.text)
  for (const g of view.guidelines) {
    out.push('', `${g.id}. ${g.title} (${g.count})`)
    for (const group of g.groups) {
      if (group.title) out.push(`  ${group.title}`)
      for (const r of group.recommendations) {
        const status = r.assessment ? ` [${r.assessment.statusLabel}]` : ''
        out.push(`  ${String(r.number).padStart(3)}. ${r.text.length > 100 ? `${r.text.slice(0, 99)}…` : r.text} (${r.pageLabel})${status}`)
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`)
}
