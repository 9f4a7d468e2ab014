import {basename, resolve} from 'node:path'
import {loadProject, type Project} from '../annotate/load-project.js'
import {isoDate} from '../annotate/profiles.js'
import {writeProfile, type AssessmentAnswer} from '../annotate/write-profile.js'
import {exportForm} from '../assessment/export-form.js'
import {documentOf, formFileName, textHash} from '../assessment/form-data.js'
import {readForm} from '../assessment/read-form.js'
import {contentPaths} from '../content-paths.js'
import {inputError, usageError} from '../errors.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {resolveFilters} from '../select/select.js'
import {languages, type Language} from '../select/view.js'
import {projectOptions} from './filter-options.js'
import {logger} from './logger.js'

export interface ExportFlags {
  country: string
  lang?: string
  out: string
  profiles?: string
  source?: string
}

function projectFor(flags: {profiles?: string | undefined; source?: string | undefined}): Project {
  return loadProject(projectOptions(flags))
}

/** `briefs assessment export --country CL`: write the country's form; print its path. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  if (flags.lang !== undefined && !(languages as readonly string[]).includes(flags.lang)) {
    throw usageError(`Unknown language \`${flags.lang}\` in --lang. Valid values: ${languages.join(', ')}`)
  }
  const project = projectFor(flags)
  const code = resolveFilters(project, {kind: 'country', lang: 'es', guidelines: [], audiences: [], themes: [], recs: [], country: flags.country}).country!
  const own = project.countries.find((c) => c.code === code)!.language
  const lang = (flags.lang ?? ((languages as readonly string[]).includes(own) ? own : 'es')) as Language
  const bytes = await exportForm(project, {country: code, lang, date: new Date()})
  const path = safeJoin(resolve(flags.out), formFileName(code))
  writeFileAtomic(path, bytes)
  process.stdout.write(`${path}\n`)
}

export interface ImportFlags {
  dryRun?: boolean
  clearEmpty?: boolean
  date?: string
  country?: string
  profiles?: string
  source?: string
}

type Change = {number: number; kind: 'new' | 'changed' | 'unchanged' | 'erase' | 'kept'}

/** `briefs assessment import FILE.xlsx`: check every cell, summarise, then update the profile (or nothing). */
export async function importCommand(file: string, flags: ImportFlags): Promise<void> {
  const name = basename(file)
  const today = flags.date ?? new Date().toISOString().slice(0, 10)
  if (!isoDate.safeParse(today).success) throw usageError(`Unexpected date \`${flags.date}\` in --date, expected YYYY-MM-DD`)
  const project = projectFor(flags)
  const form = await readForm(file)
  const {data} = form
  const {document} = documentOf(project)
  if (data.document !== document) throw inputError(`${name}: this form is for the document «${data.document}», not «${document}»; export a form from this document`)
  const country = project.countries.find((c) => c.code === data.country)
  if (!country) throw inputError(`${name}: this form is for an unknown country \`${data.country}\``)
  if (flags.country !== undefined) {
    const wanted = resolveFilters(project, {kind: 'country', lang: 'es', guidelines: [], audiences: [], themes: [], recs: [], country: flags.country, origin: {country: '--country'}}).country
    if (wanted !== data.country) throw inputError(`${name}: this form is ${country.name.en}'s (${data.country}), not ${wanted}'s; nothing imported`)
  }
  // A form renamed after another country (CL-assessment.xlsx holding AR's answers) is a mix-up, not a form to trust.
  const named = /^([A-Z]{2})-assessment\b/i.exec(name)?.[1]?.toUpperCase()
  if (named && named !== data.country) throw inputError(`${name}: the file name says ${named} but the form is for ${data.country} (${country.name.en}); nothing imported`)

  const problems = [...form.problems]
  const texts = new Map(project.model.recommendations.map((r) => [r.number, r.text]))
  const changedTexts: number[] = []
  for (const row of data.rows) {
    const current = texts.get(row.number)
    if (current === undefined) problems.push(`${name}: recommendation ${row.number} is not in «${document}» any more; export a new form`)
    else if (textHash(current) !== row.hash) changedTexts.push(row.number)
  }
  if (problems.length > 0) {
    throw inputError([...problems, `${name}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing imported, the profile is unchanged`].join('\n'))
  }
  if (changedTexts.length > 0) {
    logger.info(`${name}: warning: the text of recommendation${changedTexts.length === 1 ? '' : 's'} ${changedTexts.join(', ')} changed since the form was made (${data.made}); their answers are imported as given — check them`)
  }

  const profile = project.profile(data.country)
  const updates: Record<number, AssessmentAnswer | null> = {}
  const changes: Change[] = []
  for (const row of form.rows) {
    const before = profile.assessments[String(row.number)]
    if (row.answer === null) {
      if (before) {
        changes.push({number: row.number, kind: flags.clearEmpty ? 'erase' : 'kept'})
        if (flags.clearEmpty) updates[row.number] = null
      }
      continue
    }
    if (!before) changes.push({number: row.number, kind: 'new'})
    else if (sameAnswer(before, row.answer)) {
      changes.push({number: row.number, kind: 'unchanged'})
      continue
    } else changes.push({number: row.number, kind: 'changed'})
    updates[row.number] = row.answer
  }
  const list = (kind: Change['kind']) => changes.filter((c) => c.kind === kind).map((c) => c.number)
  const line = (label: string, numbers: number[]) => `  ${label.padEnd(56)} ${String(numbers.length).padStart(3)}${numbers.length ? `  (${numbers.join(', ')})` : ''}`
  const summary = [
    `${name}: ${country.name.en} (${data.country}), ${form.rows.length + 0} rows checked, no problems`,
    line('new answers', list('new')),
    line('changed answers', list('changed')),
    `  ${'unchanged answers'.padEnd(56)} ${String(list('unchanged').length).padStart(3)}`,
    flags.clearEmpty
      ? line('answers erased (empty in the form, --clear-empty)', list('erase'))
      : line('answers kept (empty in the form; --clear-empty erases)', list('kept')),
  ]
  process.stdout.write(`${summary.join('\n')}\n`)
  const dir = flags.profiles ? resolve(flags.profiles) : contentPaths.profiles
  if (flags.dryRun) {
    process.stdout.write('Nothing written (--dry-run).\n')
    return
  }
  if (Object.keys(updates).length === 0) {
    process.stdout.write('Nothing to change; the profile is left as it was.\n')
    return
  }
  const {path} = writeProfile(dir, data.country, {assessments: updates, imported: {form: name, date: today}})
  process.stdout.write(`${path}\n`)
}

function sameAnswer(a: AssessmentAnswer, b: AssessmentAnswer): boolean {
  return a.status === b.status && (a.note ?? '') === (b.note ?? '') && (a.evidence ?? '') === (b.evidence ?? '') && (a.assessed ?? '') === (b.assessed ?? '')
}
