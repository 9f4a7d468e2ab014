import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {loadProject, type Project} from '../annotate/load-project.js'
import {inputsHash} from '../batch/run-batch.js'
import {hashFolders, sha256} from '../batch/fingerprint.js'
import {contentPaths, contentPathsAt} from '../content-paths.js'
import {usageError} from '../errors.js'
import {defaultDate, extensions, rendererFor, browserFormats, type RenderOptions} from '../render/index.js'
import {select} from '../select/index.js'
import {version} from '../version.js'
import {specFromFlags, type FilterFlags} from '../select/spec-from-flags.js'
import {DocumentCache} from './document-cache.js'
import {SharedBrowser} from './shared-browser.js'
import {HttpError} from './http-error.js'
import type {View} from '../view/view.js'
import {formats, isOneOf, type Format} from '../model/vocabulary.js'

/** The query parameters a selection takes: the CLI's filter flag names (`--spec`, `--source` and `--profiles` name files, so not here). */
export const filterParams = ['guideline', 'audience', 'theme', 'rec', 'status', 'query', 'country', 'region', 'lang', 'kind', 'title'] as const
const listParams = new Set(['guideline', 'audience', 'theme', 'rec', 'status'])

export interface WorkspaceOptions {
  /** The content folder read and written (profiles); the bundled `content/` by default. */
  readonly content: string
  /** Where the batch writes. */
  readonly out: string
  readonly renderConcurrency: number
  readonly queueTimeoutMs: number
  readonly cacheBytes: number
}

const renderOptions: Omit<RenderOptions, 'browser'> = {paper: 'a4', date: defaultDate, handoutLayout: 2}

/** What the server works on: the project read from one content folder, the shared browser and the document cache. */
export class Workspace {
  readonly content: string
  readonly out: string
  readonly paths: ReturnType<typeof contentPathsAt>
  readonly browser: SharedBrowser
  readonly cache: DocumentCache
  readonly templatesHash: string
  #project: Project | null = null
  #stamp = ''
  #checked = 0
  readonly #inflight = new Map<string, Promise<Uint8Array>>()
  readonly #views = new Map<string, View>()
  #viewsOf: Project | null = null

  constructor(options: WorkspaceOptions) {
    this.content = resolve(options.content)
    this.out = resolve(options.out)
    if (!existsSync(this.content) || !statSync(this.content).isDirectory()) throw usageError(`Cannot use --content ${options.content}: not a folder`)
    this.paths = contentPathsAt(this.content)
    this.browser = new SharedBrowser({concurrency: options.renderConcurrency, queueTimeoutMs: options.queueTimeoutMs})
    this.cache = new DocumentCache(options.cacheBytes)
    this.templatesHash = hashFolders([contentPaths.templates])
  }

  /** The project, read again when a data file under the content folder changed (a saved profile, an edit by hand). */
  project(): Project {
    // Hand edits are noticed within a quarter of a second; this server's own saves invalidate at once.
    const now = performance.now()
    if (this.#project && now - this.#checked < 250) return this.#project
    this.#checked = now
    const stamp = this.#dataStamp()
    if (!this.#project || stamp !== this.#stamp) {
      this.#project = loadProject({source: this.paths.source, paths: this.paths})
      this.#stamp = stamp
    }
    return this.#project
  }

  /** Modification times of the files the project is made of: cheap enough for every request. */
  #dataStamp(): string {
    const files = [this.paths.source, this.paths.audiences, this.paths.themes, this.paths.annotations, this.paths.countries]
    const stamp = files.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0))
    // The document folder too: its editions in other languages, glossary and document.yaml (a page in English reads the English edition).
    const documentFolder = dirname(this.paths.source)
    if (existsSync(documentFolder)) for (const name of readdirSync(documentFolder).sort()) stamp.push(statSync(join(documentFolder, name)).mtimeMs)
    if (existsSync(this.paths.profiles)) {
      // Every profile file too: an editor that writes in place leaves the folder's time as it was.
      for (const name of readdirSync(this.paths.profiles).sort()) stamp.push(statSync(join(this.paths.profiles, name)).mtimeMs)
    }
    return stamp.join(',')
  }

  /** Forget the read project (after this server wrote a profile: same-millisecond writes must not hide). */
  invalidate(): void {
    this.#project = null
  }

  /** The view for query parameters named as the CLI's flags; unknown parameters and values are usage errors (400). */
  view(query: Readonly<Record<string, unknown>>, ignore: readonly string[] = []): View {
    const project = this.project()
    const flags = flagsFromQuery(query, ignore)
    // Views are pure functions of the project and the flags: keep the recent ones (the compose page asks for the same one several times).
    const key = JSON.stringify(flags)
    if (this.#viewsOf !== project) {
      this.#views.clear()
      this.#viewsOf = project
    }
    let view = this.#views.get(key)
    if (!view) {
      view = select(project, specFromFlags(flags))
      if (this.#views.size >= 64) this.#views.delete(this.#views.keys().next().value!)
      this.#views.set(key, view)
    }
    return view
  }

  /** One document, from the cache when the same inputs were built before. */
  async build(view: View, format: Format): Promise<{bytes: Uint8Array; name: string; key: string}> {
    const key = inputsHash({version, templatesHash: this.templatesHash, viewHash: sha256(JSON.stringify(view)), format, options: renderOptions})
    const name = `${view.slug}.${extensions[format]}`
    const cached = this.cache.get(key)
    if (cached) return {bytes: cached, name, key}
    let pending = this.#inflight.get(key)
    if (!pending) {
      pending = this.#render(view, format).finally(() => this.#inflight.delete(key))
      this.#inflight.set(key, pending)
    }
    const bytes = await pending
    this.cache.set(key, bytes)
    return {bytes, name, key}
  }

  async #render(view: View, format: Format): Promise<Uint8Array> {
    const render = await rendererFor(format)
    if (!browserFormats.has(format)) return render(view, renderOptions)
    return this.browser.withBrowser((browser) => render(view, {...renderOptions, browser}))
  }

  /** A document the batch wrote to the output folder, by its manifest name; nothing outside it. */
  outFile(name: string): {path: string; bytes: Buffer} {
    if (!/^[a-z0-9][a-z0-9.-]*\.(pdf|docx|pptx|html|md|json)$/.test(name) || name.includes('..')) throw new HttpError(400, `Unexpected file name \`${name}\`, expected a name from the manifest such as \`guideline-vii-es.pdf\``)
    const path = join(this.out, name)
    if (!existsSync(path) || !statSync(path).isFile()) throw new HttpError(404, `No document \`${name}\` in the output folder`)
    return {path, bytes: readFileSync(path)}
  }

  async close(): Promise<void> {
    await this.browser.close()
  }
}

export function isFormat(value: unknown): value is Format {
  return isOneOf(formats, value)
}

/** Query parameters → the CLI's filter flags: repeated or comma-separated values, unknown names refused. */
export function flagsFromQuery(query: Readonly<Record<string, unknown>>, ignore: readonly string[] = []): FilterFlags {
  const flags: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(query)) {
    // `token` authenticates (security.ts); it is no filter.
    if (ignore.includes(key) || key === 'token') continue
    if (!isOneOf(filterParams, key)) throw usageError(`Unknown parameter \`${key}\`. Valid parameters: ${filterParams.join(', ')}`)
    const values = (Array.isArray(raw) ? raw : [raw]).map(String)
    if (listParams.has(key)) {
      const list = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
      if (list.length > 0) flags[key] = list
    } else {
      const value = values.map((v) => v.trim()).filter(Boolean).at(-1)
      if (value !== undefined) flags[key] = value
    }
  }
  return flags as FilterFlags
}
