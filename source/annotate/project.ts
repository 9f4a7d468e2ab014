import {cacheKey, cached, readCache, writeCache, type CacheInputs} from '../content-cache.js'
import {contentPaths} from '../content-paths.js'
import type {DocumentFolder} from '../document/document-folder.js'
import {documentFiles, type DocumentFiles} from '../document/document-files.js'
import type {Edition} from '../document/read-edition.js'
import type {Model} from '../model/types.js'
import type {Annotation} from './annotations.js'
import type {Country} from './countries.js'
import {loadProfile, profilePath, type Profile, type ProfileCheck} from './profiles.js'
import type {Term} from './taxonomy.js'
import {languages, type Language} from '../model/vocabulary.js'

/**
 * An edition as a project holds it: parsed, checked (alignment and glossary
 * for a translation) and annotated. Its messages are not kept: an edition
 * with errors never gets this far, and its warnings belong to `briefs validate`.
 */
export type ProjectEdition = Omit<Edition, 'file'>

/** Everything selection needs: the annotated model and the data beside it. */
export interface Project {
  /**
   * The edition read first: `--source`, or the bundled document's original. A brief
   * in another language is drawn from the document's edition in that language, if any.
   */
  readonly sourcePath: string
  readonly model: Model
  /** The document the source belongs to: its folder, editions and original. */
  readonly document: DocumentFolder
  /** False for a text without `annotations.yaml`: audiences and themes are then unknown. */
  readonly annotated: boolean
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
  /** The edition of the first source read. */
  readonly primary: ProjectEdition
  /**
   * The annotated edition in a language, or null when the document has none (read on first use).
   * For a project from `openProject`, an edition the cache does not hold needs `loadEdition` first.
   */
  edition(lang: Language): ProjectEdition | null
  /** The same, loading the compiler when the cache does not hold the edition. */
  loadEdition(lang: Language): Promise<ProjectEdition | null>
  /** The ids a country profile may name (what `loadProfile` checks it against). */
  readonly known: ProfileCheck
  /** Profiles are read on first use. */
  profile(code: string): Profile
}

export interface LoadOptions {
  readonly source?: string | undefined
  /** Where annotations, taxonomy, countries and profiles are read from. */
  readonly paths?: Partial<typeof contentPaths>
}

/** The project's content once parsed, annotated and checked: what the content cache holds. */
export interface CompiledProject {
  readonly document: DocumentFolder
  readonly primary: ProjectEdition
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
  /** Audiences and themes by recommendation number, as entries; null for a text without annotations. */
  readonly annotations: [number, Annotation][] | null
}

/** Where a project's content comes from, and the key of its compiled form. */
export interface ProjectSources {
  readonly paths: typeof contentPaths
  readonly sourcePath: string
  readonly files: DocumentFiles
  /** The annotations that apply: the bundled document's may be redirected (tests); any other text brings its own or none. */
  readonly annotationsPath: string | null
  readonly inputs: CacheInputs
  /** Null when the content cannot be cached (an input too large or not a file): everything is compiled. */
  readonly key: string | null
}

/** Compiles what the cache does not hold: the parser and the YAML readers, loaded only then. */
export interface ProjectCompiler {
  edition(compiled: CompiledProject, lang: Language): ProjectEdition
}

export function projectSources(options: LoadOptions): ProjectSources {
  const paths = {...contentPaths, ...options.paths}
  const sourcePath = options.source ?? paths.source
  const files = documentFiles(sourcePath)
  const annotationsPath = options.source === undefined ? paths.annotations : files.annotations
  // Every edition is an input: a translation is checked against the original, and any edition may be drawn on.
  const editions = [...languages].sort().flatMap((lang) => files.editions[lang] ?? [])
  const inputs = {
    files: [sourcePath, ...editions, files.descriptor ?? '', files.glossary ?? '', annotationsPath ?? '', paths.audiences, paths.themes, paths.countries],
  }
  return {paths, sourcePath, files, annotationsPath, inputs, key: cacheKey('project', inputs)}
}

/**
 * The key of an edition other than the first: the project's covers every file
 * it is made from; its own path keeps the entries of other documents apart.
 */
function editionKey(sources: ProjectSources, lang: Language): string | null {
  const path = sources.files.editions[lang]
  return sources.key === null || !path ? null : cacheKey(`edition-${lang}`, {files: [path], extra: sources.key})
}

/**
 * A project from its compiled content; each other edition and each profile is
 * compiled (or read from the cache) on first use. Without a `compiler` (a
 * project opened from the cache), `loadEdition` loads it when an edition must
 * be compiled.
 */
export function makeProject(sources: ProjectSources, compiled: CompiledProject, compiler: ProjectCompiler | null): Project {
  const {document, primary, audiences, themes, countries} = compiled
  const model = primary.model
  const editions = new Map<Language, ProjectEdition | null>([[primary.lang, primary]])
  let known: ProfileCheck | undefined
  const knownIds = (): ProfileCheck => (known ??= {
    guidelines: new Set(model.guidelines.map((g) => g.id)),
    audiences: new Set(audiences.map((t) => t.id)),
    themes: new Set(themes.map((t) => t.id)),
    numbers: new Set(model.recommendations.map((r) => r.number)),
  })
  const profiles = new Map<string, Profile>()
  /** The edition from the cache, or compiled when there is a compiler; undefined when neither. */
  const editionOf = (lang: Language): ProjectEdition | null | undefined => {
    if (editions.has(lang)) return editions.get(lang)!
    if (!document.editions[lang]) {
      editions.set(lang, null)
      return null
    }
    const key = editionKey(sources, lang)
    let edition = readCache<ProjectEdition>(`edition-${lang}`, key)
    if (!edition) {
      if (!compiler) return undefined
      edition = compiler.edition(compiled, lang)
      writeCache(`edition-${lang}`, key, edition)
    }
    editions.set(lang, edition)
    return edition
  }
  return {
    sourcePath: sources.sourcePath, model, document, annotated: compiled.annotations !== null,
    audiences, themes, countries, primary,
    get known() {
      return knownIds()
    },
    edition(lang) {
      const edition = editionOf(lang)
      // A program error, not a content one: the command should have awaited `loadEdition`.
      if (edition === undefined) throw new Error(`The ${lang} edition is not compiled: call loadEdition first`)
      return edition
    },
    async loadEdition(lang) {
      const edition = editionOf(lang)
      if (edition !== undefined) return edition
      compiler = (await import('./load-project.js')).projectCompiler
      return this.edition(lang)
    },
    profile(code) {
      let p = profiles.get(code)
      if (!p) {
        const checks = knownIds()
        // Checked against this project's model and taxonomy: its key is part of the profile's.
        const path = profilePath(sources.paths.profiles, code)
        p = sources.key === null
          ? loadProfile(sources.paths.profiles, code, checks)
          : cached(`profile-${code}`, {files: [path], extra: sources.key}, () => loadProfile(sources.paths.profiles, code, checks))
        profiles.set(code, p)
      }
      return p
    },
  }
}

/**
 * The project, as `loadProject` gives it, for commands that start from
 * nothing: from the content cache when it holds this content, without loading
 * the parser and the YAML compilers at all. An edition in another language is
 * drawn on with `loadEdition` (see `selectOpened`).
 */
export async function openProject(options: LoadOptions = {}): Promise<Project> {
  const sources = projectSources(options)
  const hit = readCache<CompiledProject>('project', sources.key)
  if (!hit) return (await import('./load-project.js')).loadProject(options)
  return makeProject(sources, hit, null)
}
