import type {Project} from '../annotate/load-project.js'
import type {ReplacedAnswer} from '../annotate/profiles.js'
import type {AssessmentAnswer} from '../annotate/write-profile.js'
import {inputError} from '../errors.js'
import {isOneOf, languages} from '../model/vocabulary.js'
import {resolveFilters} from '../select/select.js'
import {documentOf, textHash} from './form-data.js'
import type {FormReading} from './read-form.js'

export type ImportChange = {number: number; kind: 'new' | 'changed' | 'unchanged' | 'erase' | 'kept'}

/** What importing a filled form would do to its country's profile. */
export interface ImportPlan {
  readonly code: string
  readonly countryName: string
  /** Per recommendation: the new answer, or null to erase it. */
  readonly updates: Record<number, AssessmentAnswer | null>
  /** Per changed recommendation: the answer it replaces, kept in the answer's history. */
  readonly replaced: Record<number, ReplacedAnswer>
  readonly changes: ImportChange[]
  /** Warnings (answers to recommendations whose text changed since the form was made). */
  readonly warnings: string[]
  /** The summary `briefs assessment import` prints. */
  readonly summary: string[]
}

/**
 * Check a read form against the project (document, country, file name,
 * recommendation texts) and work out the changes; any problem refuses the
 * whole form. One function for `briefs assessment import` and `briefs serve`.
 */
export function planImport(project: Project, form: FormReading, name: string, options: {clearEmpty?: boolean | undefined; country?: string | undefined; received?: string | undefined}): ImportPlan {
  // The import date: the round the imported answers belong to.
  const received = options.received ?? new Date().toISOString().slice(0, 10)
  const {data} = form
  const {document} = documentOf(project)
  if (data.document !== document) throw inputError(`${name}: this form is for the document «${data.document}», not «${document}»; export a form from this document`)
  const country = project.countries.find((c) => c.code === data.country)
  if (!country) throw inputError(`${name}: this form is for an unknown country \`${data.country}\``)
  if (options.country !== undefined) {
    const wanted = resolveFilters(project, {kind: 'country', lang: 'es', guidelines: [], audiences: [], themes: [], recs: [], country: options.country, origin: {country: {text: '--country', inFile: false}}}).country
    if (wanted !== data.country) throw inputError(`${name}: this form is ${country.name.en}'s (${data.country}), not ${wanted}'s; nothing imported`)
  }
  // A form renamed after another country (CL-assessment.xlsx holding AR's answers) is a mix-up, not a form to trust.
  const named = /^([A-Z]{2})-assessment\b/i.exec(name)?.[1]?.toUpperCase()
  if (named && named !== data.country) throw inputError(`${name}: the file name says ${named} but the form is for ${data.country} (${country.name.en}); nothing imported`)

  const problems = [...form.problems]
  // The form's hashes are of the texts it showed: the edition in its language, as `select` picks it for the export.
  const edition = (isOneOf(languages, data.lang) ? project.edition(data.lang) : null) ?? project.primary
  const texts = new Map(edition.model.recommendations.map((r) => [r.number, r.text]))
  const changedTexts: number[] = []
  for (const row of data.rows) {
    const current = texts.get(row.number)
    if (current === undefined) problems.push(`${name}: recommendation ${row.number} is not in «${document}» any more; export a new form`)
    else if (textHash(current) !== row.hash) changedTexts.push(row.number)
  }
  if (problems.length > 0) {
    throw inputError([...problems, `${name}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing imported, the profile is unchanged`].join('\n'))
  }
  const warnings: string[] = []
  if (changedTexts.length > 0) {
    warnings.push(`${name}: warning: the text of recommendation${changedTexts.length === 1 ? '' : 's'} ${changedTexts.join(', ')} changed since the form was made (${data.made}); their answers are imported as given — check them`)
  }

  const profile = project.profile(data.country)
  const updates: Record<number, AssessmentAnswer | null> = {}
  const replaced: Record<number, ReplacedAnswer> = {}
  const changes: ImportChange[] = []
  for (const row of form.rows) {
    const before = profile.assessments[String(row.number)]
    if (row.answer === null) {
      if (before) {
        changes.push({number: row.number, kind: options.clearEmpty ? 'erase' : 'kept'})
        if (options.clearEmpty) updates[row.number] = null
      }
      continue
    }
    if (!before) changes.push({number: row.number, kind: 'new'})
    else if (sameAnswer(before, row.answer)) {
      changes.push({number: row.number, kind: 'unchanged'})
      continue
    } else {
      changes.push({number: row.number, kind: 'changed'})
      // The previous round's answer goes into the history, not away.
      const {history: _history, ...old} = before
      replaced[row.number] = {...old, replaced: received}
    }
    updates[row.number] = {...row.answer, form: name, received}
  }
  const list = (kind: ImportChange['kind']) => changes.filter((c) => c.kind === kind).map((c) => c.number)
  const line = (label: string, numbers: number[]) => `  ${label.padEnd(56)} ${String(numbers.length).padStart(3)}${numbers.length ? `  (${numbers.join(', ')})` : ''}`
  const summary = [
    `${name}: ${country.name.en} (${data.country}), ${form.rows.length + 0} rows checked, no problems`,
    line('new answers', list('new')),
    line('changed answers', list('changed')),
    `  ${'unchanged answers'.padEnd(56)} ${String(list('unchanged').length).padStart(3)}`,
    options.clearEmpty
      ? line('answers erased (empty in the form, --clear-empty)', list('erase'))
      : line('answers kept (empty in the form; --clear-empty erases)', list('kept')),
  ]
  return {code: data.country, countryName: country.name.en, updates, replaced, changes, warnings, summary}
}

function sameAnswer(a: AssessmentAnswer, b: AssessmentAnswer): boolean {
  return a.status === b.status && (a.note ?? '') === (b.note ?? '') && (a.evidence ?? '') === (b.evidence ?? '') && (a.assessed ?? '') === (b.assessed ?? '')
}
