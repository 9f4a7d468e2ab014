import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import Handlebars from 'handlebars'
import {contentPaths} from '../content-paths.js'
import {formatMessage, placedMessage} from '../diagnostics.js'
import {inputError} from '../errors.js'
import {displayPath} from '../yaml-file.js'

export type TemplateDelegate = Handlebars.TemplateDelegate

/** Compiled templates and partials of one folder of `templates/`, with user overrides applied. */
export interface TemplateSet {
  readonly handlebars: typeof Handlebars
  /** Compiled template by name (file name without `.hbs`, relative to the folder). */
  template(name: string): TemplateDelegate
  /** Raw text of a non-template asset (CSS) by file name, override first. */
  asset(name: string): string
}

/**
 * Load every `.hbs` file of `base/<folder>` (and `partials/`) as templates and
 * partials; a file of the same name in `override` (or `override/<folder>`)
 * replaces it. A template that does not compile is an error naming its file and line.
 */
export function loadTemplates(base: string, folder: string, override?: string, helpers: Record<string, Handlebars.HelperDelegate> = {}): TemplateSet {
  const handlebars = Handlebars.create()
  for (const [name, fn] of Object.entries(helpers)) handlebars.registerHelper(name, fn)
  const files = new Map<string, string>()
  const collect = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of walk(dir)) files.set(relative(dir, entry).replace(/\\/g, '/'), entry)
  }
  collect(join(base, folder))
  if (override) {
    if (!existsSync(override) || !statSync(override).isDirectory()) throw inputError(`${displayPath(override)}: Cannot use --templates: not a folder`)
    collect(override)
    collect(join(override, folder))
  }
  const compiled = new Map<string, TemplateDelegate>()
  for (const [name, path] of files) {
    if (!name.endsWith('.hbs')) continue
    const key = name.slice(0, -4)
    const template = compile(handlebars, path)
    compiled.set(key, template)
    handlebars.registerPartial(key.replace(/^partials\//, ''), template)
  }
  return {
    handlebars,
    template(name) {
      const t = compiled.get(name)
      if (!t) throw inputError(`Cannot find template \`${name}.hbs\` in ${displayPath(join(base, folder))}${override ? ` or ${displayPath(override)}` : ''}`)
      return t
    },
    asset(name) {
      const path = files.get(name)
      if (!path) throw inputError(`Cannot find \`${name}\` in ${displayPath(join(base, folder))}`)
      return readFileSync(path, 'utf8')
    },
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else yield path
  }
}

/** Compile eagerly so syntax errors surface now, with the file's name and line. */
function compile(handlebars: typeof Handlebars, path: string): TemplateDelegate {
  const source = readFileSync(path, 'utf8')
  try {
    handlebars.precompile(source)
  } catch (error) {
    const message = (error as Error).message
    const line = /line (\d+)/.exec(message)?.[1] ?? '1'
    throw inputError(formatMessage(placedMessage(path, {line: Number(line), column: 1}, `Cannot compile template: ${message.split('\n')[0]}`, 'template')))
  }
  return handlebars.compile(source, {strict: false, noEscape: false})
}

const compiledSets = new Map<string, TemplateSet>()

/** `loadTemplates`, compiled once per folder and override folder for the whole process (a batch reuses them). */
export function cachedTemplates(folder: string, override: string | undefined, helpers: Record<string, Handlebars.HelperDelegate>): TemplateSet {
  const key = `${folder}\0${override ?? ''}`
  let set = compiledSets.get(key)
  if (!set) {
    set = loadTemplates(contentPaths.templates, folder, override, helpers)
    compiledSets.set(key, set)
  }
  return set
}
