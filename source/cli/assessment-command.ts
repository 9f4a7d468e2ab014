import {basename, resolve} from 'node:path'
import {zipSync} from 'fflate'
import {loadProject, type Project} from '../annotate/load-project.js'
import {isoDate} from '../annotate/profiles.js'
import {writeProfile} from '../annotate/write-profile.js'
import {exportForm} from '../assessment/export-form.js'
import {formFileName} from '../assessment/form-data.js'
import {planImport} from '../assessment/plan-import.js'
import {readForm} from '../assessment/read-form.js'
import {countryLanguage, subregions, type Country} from '../annotate/countries.js'
import type {ImportPlan} from '../assessment/plan-import.js'
import {contentPaths} from '../content-paths.js'
import {BriefsError, exitCodes, inputError, usageError} from '../errors.js'
import {safeJoin, writeFileAtomic} from '../output/write-atomic.js'
import {resolveFilters} from '../select/select.js'
import {projectOptions} from './filter-options.js'
import {logger} from './logger.js'
import {isOneOf, languages} from '../model/vocabulary.js'

export interface ExportFlags {
  country?: string
  all?: boolean
  region?: string
  lang?: string
  out: string
  profiles?: string
  source?: string
}

/** The regions `--region` takes: ECLAC's three subregions (content/countries.yaml) and `lac`, all 33. */
export const formRegions = ['lac', ...Object.keys(subregions)] as readonly string[]

function projectFor(flags: {profiles?: string | undefined; source?: string | undefined}): Project {
  return loadProject(projectOptions(flags))
}

/**
 * `briefs assessment export --country CL`: write the country's form; print its path.
 * `--all` or `--region R`: every country's form (each in its language) and a zip of them all.
 */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  const asked = flags.lang
  if (asked !== undefined && !isOneOf(languages, asked)) {
    throw usageError(`Unknown language \`${flags.lang}\` in --lang. Valid values: ${languages.join(', ')}`)
  }
  const given = [flags.country !== undefined && '--country', flags.all && '--all', flags.region !== undefined && '--region'].filter(Boolean)
  if (given.length !== 1) throw usageError(given.length === 0 ? 'Say whose forms to export: --country CODE, --region REGION or --all' : `Use one of ${given.join(', ')}, not several`)
  if (flags.region !== undefined && !formRegions.includes(flags.region)) {
    throw usageError(`Unknown region \`${flags.region}\` in --region. Valid values: ${formRegions.join(', ')}`)
  }
  const project = projectFor(flags)
  const date = new Date()
  // The first of the country's languages the labels exist in (Suriname: nl, then en), as a country brief chooses.
  const formOf = async (country: Country) => ({
    name: formFileName(country.code),
    bytes: await exportForm(project, {country: country.code, lang: asked ?? countryLanguage(country, languages, 'es'), date}),
  })
  const out = resolve(flags.out)
  if (flags.country !== undefined) {
    const code = resolveFilters(project, {kind: 'country', lang: 'es', guidelines: [], audiences: [], themes: [], recs: [], country: flags.country}).country!
    const form = await formOf(project.countries.find((c) => c.code === code)!)
    const path = safeJoin(out, form.name)
    writeFileAtomic(path, form.bytes)
    process.stdout.write(`${path}\n`)
    return
  }
  const region = flags.region ?? 'lac'
  const countries = project.countries.filter((c) => region === 'lac' || c.subregion === region)
  const files: Record<string, Uint8Array> = {}
  for (const country of countries) {
    const form = await formOf(country)
    files[form.name] = form.bytes
    const path = safeJoin(out, form.name)
    writeFileAtomic(path, form.bytes)
    process.stdout.write(`${path}\n`)
  }
  // One file to send or archive; the workbooks are compressed already, so they are stored as they are.
  const zip = zipSync(files, {level: 0, mtime: date})
  const zipPath = safeJoin(out, `assessment-forms-${region}.zip`)
  writeFileAtomic(zipPath, zip)
  process.stdout.write(`${zipPath}\n`)
}

export interface ImportFlags {
  dryRun?: boolean
  clearEmpty?: boolean
  date?: string
  country?: string
  profiles?: string
  source?: string
}

/** How one form of an import went. */
type FormOutcome = {name: string; plan: ImportPlan; written: string | null} | {name: string; refused: string[]}

/**
 * `briefs assessment import FORM...`: check every cell of every form; each
 * form with a problem writes nothing (its problems are listed, each with its
 * cell), the others update their profiles. Several forms end with a table
 * (one row a form); any refused form makes the exit code 1, after the good
 * ones are imported.
 */
export async function importCommand(files: string | string[], flags: ImportFlags): Promise<void> {
  const list = typeof files === 'string' ? [files] : files
  const today = flags.date ?? new Date().toISOString().slice(0, 10)
  if (!isoDate.safeParse(today).success) throw usageError(`Unexpected date \`${flags.date}\` in --date, expected YYYY-MM-DD`)
  const dir = flags.profiles ? resolve(flags.profiles) : contentPaths.profiles
  if (list.length === 1) {
    // One form: its problems are the command's error, as they always were.
    const name = basename(list[0]!)
    const form = await readForm(list[0]!)
    importOne(projectFor(flags), name, form, flags, today, dir)
    return
  }
  let project: Project | null = null
  const outcomes: FormOutcome[] = []
  const seen = new Map<string, string>()
  for (const file of list) {
    const name = basename(file)
    try {
      // The form first: a file that is no form at all is refused before the document is parsed.
      const form = await readForm(file)
      project ??= projectFor(flags)
      const earlier = seen.get(form.data.country)
      if (earlier) throw inputError(`${name}: a second form for ${form.data.country} in this import (the first: ${earlier}); import it on its own`)
      seen.set(form.data.country, name)
      outcomes.push({name, ...importOne(project, name, form, flags, today, dir)})
    } catch (error) {
      if (!(error instanceof BriefsError) || error.exitCode !== exitCodes.input) throw error
      const lines = error.message.split('\n')
      for (const line of lines) logger.error(line)
      outcomes.push({name, refused: lines.filter((line) => !/: \d+ problems?; nothing imported/.test(line))})
    }
  }
  process.stdout.write(`${importTable(outcomes, project, flags.dryRun ? 'checked' : 'imported')}\n`)
  const refused = outcomes.filter((o) => 'refused' in o).length
  if (refused > 0) throw inputError(`${refused} of ${outcomes.length} forms refused (their profiles are unchanged); the other ${outcomes.length - refused} ${flags.dryRun ? 'checked' : 'imported'}`)
}

/** Plan one form's import, print its summary and (unless --dry-run) write its profile. */
function importOne(project: Project, name: string, form: Awaited<ReturnType<typeof readForm>>, flags: ImportFlags, today: string, dir: string): {plan: ImportPlan; written: string | null} {
  const plan = planImport(project, form, name, {...flags, received: today})
  for (const warning of plan.warnings) logger.info(warning)
  process.stdout.write(`${plan.summary.join('\n')}\n`)
  if (flags.dryRun) {
    process.stdout.write('Nothing written (--dry-run).\n')
    return {plan, written: null}
  }
  if (Object.keys(plan.updates).length === 0) {
    process.stdout.write('Nothing to change; the profile is left as it was.\n')
    return {plan, written: null}
  }
  const {path} = writeProfile(dir, plan.code, {assessments: plan.updates, replaced: plan.replaced, imported: {form: name, date: today}})
  process.stdout.write(`${path}\n`)
  return {plan, written: path}
}

/** One row a form: its country and how many answers were new, changed, unchanged and kept (or erased), or why it was refused. */
function importTable(outcomes: readonly FormOutcome[], project: Project | null, done: string): string {
  const country = (code: string) => `${project?.countries.find((c) => c.code === code)?.name.en ?? code} (${code})`
  const head = ['Form', 'Country', 'New', 'Changed', 'Unchanged', 'Kept', 'Erased']
  const rows = outcomes.map((o): string[] => {
    if ('refused' in o) return [o.name, '', `refused: ${o.refused.length} problem${o.refused.length === 1 ? '' : 's'}`]
    const count = (kind: string) => String(o.plan.changes.filter((c) => c.kind === kind).length)
    return [o.name, country(o.plan.code), count('new'), count('changed'), count('unchanged'), count('kept'), count('erase')]
  })
  const width = (i: number) => Math.max(head[i]!.length, ...rows.filter((r) => r.length === head.length).map((r) => r[i]!.length))
  const line = (cells: string[]) =>
    cells.length === head.length
      ? cells.map((cell, i) => (i < 2 ? cell.padEnd(width(i)) : cell.padStart(width(i)))).join('  ')
      : `${cells[0]!.padEnd(width(0))}  ${cells.slice(1).filter(Boolean).join('  ')}`
  const imported = outcomes.length - outcomes.filter((o) => 'refused' in o).length
  return ['', `${outcomes.length} forms: ${imported} ${done}, ${outcomes.length - imported} refused`, line(head), ...rows.map(line)].join('\n').trimEnd()
}
