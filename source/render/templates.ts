import {existsSync, readdirSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {isAbsolute, join, relative} from 'node:path'
import Handlebars from 'handlebars'
import {contentPaths} from '../content-paths.js'
import {formatMessage, placedMessage} from '../diagnostics.js'
import {BriefsError, inputError} from '../errors.js'
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
    const root = realpathSync(dir)
    for (const entry of walk(dir)) {
      // A template may not be a link to a file outside its folder (`/etc/passwd` embedded in a brief).
      const real = realpathSync(entry)
      const inside = relative(root, real)
      if (inside.startsWith('..') || isAbsolute(inside)) throw inputError(`${displayPath(entry)}: Cannot use the template: it is a link to ${real}, outside its folder ${displayPath(dir)} [template]`)
      files.set(relative(dir, entry).replace(/\\/g, '/'), entry)
    }
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
    compiled.set(key, guarded(template, path))
    handlebars.registerPartial(key.replace(/^partials\//, ''), guarded(template, path))
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

/**
 * Errors a template raises while rendering (a partial that does not exist,
 * one that includes itself, a helper that fails) name the template file.
 */
function guarded(template: TemplateDelegate, path: string): TemplateDelegate {
  return ((context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return template(context, options)
    } catch (error) {
      if (error instanceof BriefsError) throw error
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
      const reason = error instanceof RangeError ? 'a partial includes itself, directly or through others' : message
      throw inputError(`${displayPath(path)}: Cannot render the template: ${reason} [template]`)
    }
  }) as TemplateDelegate
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
    const message = error instanceof Error ? error.message : String(error)
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
