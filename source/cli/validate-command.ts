import {contentPaths} from '../content-paths.js'
import {displayPath} from '../display-path.js'
import {documentOf} from '../document/document-folder.js'
import {readEdition} from '../document/read-edition.js'
import {formatMessages} from '../parse/index.js'
import {logger} from './logger.js'

// Only the parser is loaded here: `briefs validate` is the command editors run most.
// A translated edition is also checked against its document's original (`edition-…` rules).
export function validateCommand(path?: string): void {
  const source = path ?? contentPaths.source
  const {model, file, translationOf} = readEdition(source, documentOf(source))
  for (const line of formatMessages(file)) logger.error(line)
  if (file.messages.some((m) => m.fatal)) process.exitCode = 1
  else {
    const aligned = translationOf ? `, lines up with the ${translationOf.lang} original` : ''
    const outcome = file.messages.length ? `no errors, ${file.messages.length} warning(s)` : 'no problems'
    logger.info(`${displayPath(source)}: ${model.guidelines.length} guidelines, ${model.recommendations.length} recommendations, ${model.footnotes.length} footnotes${aligned}: ${outcome}`)
  }
}
