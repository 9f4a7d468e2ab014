import {cacheKey, cached, readCache, type CacheInputs} from '../content-cache.js'
import {contentPaths} from '../content-paths.js'
import type {Model} from '../model/types.js'
import type {Country} from './countries.js'
import {loadProfile, profilePath, type Profile} from './profiles.js'
import type {Term} from './taxonomy.js'

/** Everything selection needs: the annotated model and the data beside it. */
export interface Project {
  readonly sourcePath: string
  readonly model: Model
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
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
  readonly model: Model
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
}

/** Where a project's content comes from, and the key of its compiled form. */
export interface ProjectSources {
  readonly paths: typeof contentPaths
  readonly sourcePath: string
  readonly inputs: CacheInputs
  readonly key: string
}

export function projectSources(options: LoadOptions): ProjectSources {
  const paths = {...contentPaths, ...options.paths}
  const sourcePath = options.source ?? paths.source
  const inputs = {files: [sourcePath, paths.audiences, paths.themes, paths.annotations, paths.countries]}
  return {paths, sourcePath, inputs, key: cacheKey('project', inputs)}
}

/** A project from its compiled content; each profile is compiled (or read from the cache) on first use. */
export function makeProject(sources: ProjectSources, compiled: CompiledProject): Project {
  const {model, audiences, themes, countries} = compiled
  let known: Parameters<typeof loadProfile>[2] | undefined
  const profiles = new Map<string, Profile>()
  return {
    sourcePath: sources.sourcePath, model, audiences, themes, countries,
    profile(code) {
      let p = profiles.get(code)
      if (!p) {
        known ??= {
          guidelines: new Set(model.guidelines.map((g) => g.id)),
          audiences: new Set(audiences.map((t) => t.id)),
          themes: new Set(themes.map((t) => t.id)),
          numbers: new Set(model.recommendations.map((r) => r.number)),
        }
        const checks = known
        // Checked against this project's model and taxonomy: its key is part of the profile's.
        p = cached(`profile-${code}`, {files: [profilePath(sources.paths.profiles, code)], extra: sources.key}, () =>
          loadProfile(sources.paths.profiles, code, checks),
        )
        profiles.set(code, p)
      }
      return p
    },
  }
}

/**
 * The project, as `loadProject` gives it, for commands that start from
 * nothing: from the content cache when it holds this content, without loading
 * the parser and the YAML compilers at all.
 */
export async function openProject(options: LoadOptions = {}): Promise<Project> {
  const sources = projectSources(options)
  const hit = readCache<CompiledProject>('project', sources.key)
  if (hit) return makeProject(sources, hit)
  return (await import('./load-project.js')).loadProject(options)
}
