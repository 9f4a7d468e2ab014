import type {VFile} from 'vfile'
import {contentPaths} from '../content-paths.js'
import {inputError} from '../errors.js'
import type {Model} from '../model/types.js'
import {formatMessages, parseDocument, readSourceFile} from '../parse/index.js'
import {displayPath} from '../yaml-file.js'
import {applyAnnotations, loadAnnotations} from './annotations.js'
import {linkCountries, loadCountries, type Country} from './countries.js'
import {loadProfile, type Profile, type ProfileCheck} from './profiles.js'
import {loadTerms, requiredAudiences, type Term} from './taxonomy.js'

/** Everything selection needs: the annotated model and the data beside it. */
export interface Project {
  readonly sourcePath: string
  readonly model: Model
  readonly file: VFile
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
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

/** Parse the source, annotate it from `content/`, and check it. */
export function loadProject(options: LoadOptions = {}): Project {
  const paths = {...contentPaths, ...options.paths}
  const sourcePath = options.source ?? paths.source
  const {model, file} = parseDocument(readSourceFile(sourcePath, displayPath(sourcePath)), displayPath(sourcePath))
  if (file.messages.some((m) => m.fatal)) {
    throw inputError(formatMessages(file).join('\n'))
  }
  const audiences = loadTerms(paths.audiences, requiredAudiences)
  const themes = loadTerms(paths.themes)
  const countries = loadCountries(paths.countries)
  applyAnnotations(model, loadAnnotations(paths.annotations, model, audiences, themes))
  linkCountries(model.recommendations, countries)
  const known = {
    guidelines: new Set(model.guidelines.map((g) => g.id)),
    audiences: new Set(audiences.map((t) => t.id)),
    themes: new Set(themes.map((t) => t.id)),
    numbers: new Set(model.recommendations.map((r) => r.number)),
  }
  const profiles = new Map<string, Profile>()
  return {
    sourcePath, model, file, audiences, themes, countries, known,
    profile(code) {
      let p = profiles.get(code)
      if (!p) profiles.set(code, (p = loadProfile(paths.profiles, code, known)))
      return p
    },
  }
}
