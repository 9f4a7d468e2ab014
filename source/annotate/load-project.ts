import {readCache, writeCache} from '../content-cache.js'
import {documentFrom} from '../document/document-folder.js'
import {readEdition, type Edition} from '../document/read-edition.js'
import {inputError} from '../errors.js'
import {formatMessages} from '../parse/index.js'
import {annotateModel, loadAnnotations, type Annotation} from './annotations.js'
import {countriesNamed, loadCountries} from './countries.js'
import {makeProject, projectSources, type CompiledProject, type LoadOptions, type Project, type ProjectCompiler, type ProjectEdition, type ProjectSources} from './project.js'
import {loadTerms, requiredAudiences} from './taxonomy.js'

export {openProject, type LoadOptions, type Project, type ProjectEdition} from './project.js'

/**
 * Parse the source, annotate it from its document folder and `content/`, and
 * check it; the result is kept in the content cache, and read from it when no
 * input changed. Content with errors is never stored: its problems are always
 * found and reported here, with their file:line:col.
 */
export function loadProject(options: LoadOptions = {}): Project {
  const sources = projectSources(options)
  let compiled = readCache<CompiledProject>('project', sources.key)
  if (!compiled) {
    compiled = compileProject(sources)
    writeCache('project', sources.key, compiled)
  }
  return makeProject(sources, compiled, projectCompiler)
}

/** The editions other than the first, compiled when the cache does not hold them. */
export const projectCompiler: ProjectCompiler = {
  edition(compiled, lang) {
    const path = compiled.document.editions[lang]!
    return annotate(checked(readEdition(path, compiled.document, lang)), compiled)
  },
}

/** The whole compilation of the first edition and the content beside it; any problem is thrown with its file:line:col. */
function compileProject({paths, sourcePath, files, annotationsPath}: ProjectSources): CompiledProject {
  const document = documentFrom(files)
  const primaryRead = checked(readEdition(sourcePath, document))
  const audiences = loadTerms(paths.audiences, requiredAudiences)
  const themes = loadTerms(paths.themes)
  const countries = loadCountries(paths.countries)
  const annotations: ReadonlyMap<number, Annotation> | null = annotationsPath ? loadAnnotations(annotationsPath, primaryRead.model, audiences, themes) : null
  const base = {document, audiences, themes, countries, annotations: annotations ? [...annotations] : null}
  return {...base, primary: annotate(primaryRead, base)}
}

/** Annotation makes a new model; the parsed one stays as the parser left it. The messages are dropped (see `ProjectEdition`). */
function annotate({file: _messages, ...edition}: Edition, {annotations, countries}: Pick<CompiledProject, 'annotations' | 'countries'>): ProjectEdition {
  return {...edition, model: annotateModel(edition.model, new Map(annotations ?? []), (text) => countriesNamed(text, countries))}
}

/** An edition with errors (parse or alignment) cannot be used: all its problems, one per line. */
function checked(edition: Edition): Edition {
  if (edition.file.messages.some((m) => m.fatal)) throw inputError(formatMessages(edition.file).join('\n'))
  return edition
}
