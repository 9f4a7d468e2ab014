import {basename, resolve} from 'node:path'
import {loadProject, type Project} from '../annotate/load-project.js'
import {isoDate} from '../annotate/profiles.js'
import {writeProfile} from '../annotate/write-profile.js'
import {exportForm} from '../assessment/export-form.js'
import {formFileName} from '../assessment/form-data.js'
import {planImport} from '../assessment/plan-import.js'
import {readForm} from '../assessment/read-form.js'
import {countryLanguage} from '../annotate/countries.js'
import {contentPaths} from '../content-paths.js'
import {usageError} from '../errors.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {resolveFilters} from '../select/select.js'
import {projectOptions} from './filter-options.js'
import {logger} from './logger.js'
import {isOneOf, languages} from '../model/vocabulary.js'

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
  const asked = flags.lang
  if (asked !== undefined && !isOneOf(languages, asked)) {
    throw usageError(`Unknown language \`${flags.lang}\` in --lang. Valid values: ${languages.join(', ')}`)
  }
  const project = projectFor(flags)
  const code = resolveFilters(project, {kind: 'country', lang: 'es', guidelines: [], audiences: [], themes: [], recs: [], country: flags.country}).country!
  // The first of the country's languages the labels exist in (Suriname: nl, then en), as a country brief chooses.
  const lang = asked ?? countryLanguage(project.countries.find((c) => c.code === code)!, languages, 'es')
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

/** `briefs assessment import FILE.xlsx`: check every cell, summarise, then update the profile (or nothing). */
export async function importCommand(file: string, flags: ImportFlags): Promise<void> {
  const name = basename(file)
  const today = flags.date ?? new Date().toISOString().slice(0, 10)
  if (!isoDate.safeParse(today).success) throw usageError(`Unexpected date \`${flags.date}\` in --date, expected YYYY-MM-DD`)
  // The form first: a file that is no form at all is refused before the document is parsed.
  const form = await readForm(file)
  const project = projectFor(flags)
  const plan = planImport(project, form, name, flags)
  for (const warning of plan.warnings) logger.info(warning)
  process.stdout.write(`${plan.summary.join('\n')}\n`)
  const updates = plan.updates
  const dir = flags.profiles ? resolve(flags.profiles) : contentPaths.profiles
  if (flags.dryRun) {
    process.stdout.write('Nothing written (--dry-run).\n')
    return
  }
  if (Object.keys(updates).length === 0) {
    process.stdout.write('Nothing to change; the profile is left as it was.\n')
    return
  }
  const {path} = writeProfile(dir, plan.code, {assessments: updates, imported: {form: name, date: today}})
  process.stdout.write(`${path}\n`)
}
