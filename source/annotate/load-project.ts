import {readCache, writeCache} from '../content-cache.js'
import {inputError} from '../errors.js'
import {formatMessages, parseDocument, readSourceFile} from '../parse/index.js'
import {displayPath} from '../yaml-file.js'
import {applyAnnotations, loadAnnotations} from './annotations.js'
import {linkCountries, loadCountries} from './countries.js'
import {makeProject, projectSources, type CompiledProject, type LoadOptions, type Project, type ProjectSources} from './project.js'
import {loadTerms, requiredAudiences} from './taxonomy.js'

export {openProject, type LoadOptions, type Project} from './project.js'

/**
 * Parse the source, annotate it from `content/`, and check it; the result is
 * kept in the content cache, and read from it when no input changed.
 */
export function loadProject(options: LoadOptions = {}): Project {
  const sources = projectSources(options)
  let compiled = readCache<CompiledProject>('project', sources.key)
  if (!compiled) {
    compiled = compileProject(sources)
    writeCache('project', sources.key, compiled)
  }
  return makeProject(sources, compiled)
}

/** The whole compilation; any problem in the content is thrown with its file:line:col. */
function compileProject({paths, sourcePath}: ProjectSources): CompiledProject {
  const {model, file} = parseDocument(readSourceFile(sourcePath, displayPath(sourcePath)), displayPath(sourcePath))
  if (file.messages.some((m) => m.fatal)) {
    throw inputError(formatMessages(file).join('\n'))
  }
  const audiences = loadTerms(paths.audiences, requiredAudiences)
  const themes = loadTerms(paths.themes)
  const countries = loadCountries(paths.countries)
  applyAnnotations(model, loadAnnotations(paths.annotations, model, audiences, themes))
  linkCountries(model.recommendations, countries)
  return {model, audiences, themes, countries}
}
