import type {VFile} from 'vfile'
import {contentPaths} from '../content-paths.js'
import {documentOf, type DocumentFolder} from '../document/document-folder.js'
import {readEdition, type Edition} from '../document/read-edition.js'
import {inputError} from '../errors.js'
import type {Language} from '../labels/languages.js'
import type {Model} from '../model/types.js'
import {formatMessages} from '../parse/index.js'
import {annotateModel, loadAnnotations, type Annotation} from './annotations.js'
import {countriesNamed, loadCountries, type Country} from './countries.js'
import {loadProfile, type Profile, type ProfileCheck} from './profiles.js'
import {loadTerms, requiredAudiences, type Term} from './taxonomy.js'

/** Everything selection needs: the annotated model and the data beside it. */
export interface Project {
  /**
   * The edition read first: `--source`, or the bundled document's original. A brief
   * in another language is drawn from the document's edition in that language, if any.
   */
  readonly sourcePath: string
  readonly model: Model
  readonly file: VFile
  /** The document the source belongs to: its folder, editions and original. */
  readonly document: DocumentFolder
  /** False for a text without `annotations.yaml`: audiences and themes are then unknown. */
  readonly annotated: boolean
  readonly audiences: Term[]
  readonly themes: Term[]
  readonly countries: Country[]
  /** The edition of the first source read. */
  readonly primary: Edition
  /** The annotated edition in a language, or null when the document has none (read on first use). */
  edition(lang: Language): Edition | null
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

/** Parse the source, annotate it from its document folder and `content/`, and check it. */
export function loadProject(options: LoadOptions = {}): Project {
  const paths = {...contentPaths, ...options.paths}
  const sourcePath = options.source ?? paths.source
  const document = documentOf(sourcePath)
  const primaryRead = checked(readEdition(sourcePath, document))
  const audiences = loadTerms(paths.audiences, requiredAudiences)
  const themes = loadTerms(paths.themes)
  const countries = loadCountries(paths.countries)
  // The bundled document's annotations may be redirected (tests); any other text brings its own or none.
  const annotationsPath = options.source === undefined ? paths.annotations : document.annotations
  const annotations: ReadonlyMap<number, Annotation> | null = annotationsPath ? loadAnnotations(annotationsPath, primaryRead.model, audiences, themes) : null
  // Annotation makes a new model; the parsed one stays as the parser left it.
  const annotate = (edition: Edition): Edition => ({
    ...edition,
    model: annotateModel(edition.model, annotations ?? new Map(), (text) => countriesNamed(text, countries)),
  })
  const primary = annotate(primaryRead)
  const editions = new Map<Language, Edition | null>([[primary.lang, primary]])
  const known = {
    guidelines: new Set(primary.model.guidelines.map((g) => g.id)),
    audiences: new Set(audiences.map((t) => t.id)),
    themes: new Set(themes.map((t) => t.id)),
    numbers: new Set(primary.model.recommendations.map((r) => r.number)),
  }
  const profiles = new Map<string, Profile>()
  return {
    sourcePath, model: primary.model, file: primary.file, document, annotated: annotations !== null,
    audiences, themes, countries, primary, known,
    edition(lang) {
      if (!editions.has(lang)) {
        const path = document.editions[lang]
        editions.set(lang, path ? annotate(checked(readEdition(path, document, lang))) : null)
      }
      return editions.get(lang) ?? null
    },
    profile(code) {
      let p = profiles.get(code)
      if (!p) profiles.set(code, (p = loadProfile(paths.profiles, code, known)))
      return p
    },
  }
}

/** An edition with errors (parse or alignment) cannot be used: all its problems, one per line. */
function checked(edition: Edition): Edition {
  if (edition.file.messages.some((m) => m.fatal)) throw inputError(formatMessages(edition.file).join('\n'))
  return edition
}
