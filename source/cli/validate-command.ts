import {contentPaths} from '../content-paths.js'
import {displayPath} from '../display-path.js'
import {formatMessages, parseDocument, readSourceFile} from '../parse/index.js'
import {logger} from './logger.js'

// Only the parser is loaded here: `briefs validate` is the command editors run most.
export function validateCommand(path?: string): void {
  const source = path ?? contentPaths.source
  const {model, file} = parseDocument(readSourceFile(source, displayPath(source)), displayPath(source))
  for (const line of formatMessages(file)) logger.error(line)
  if (file.messages.some((m) => m.fatal)) process.exitCode = 1
  else logger.info(`${displayPath(source)}: ${model.guidelines.length} guidelines, ${model.recommendations.length} recommendations, ${model.footnotes.length} footnotes: ${file.messages.length ? `no errors, ${file.messages.length} warning(s)` : 'no problems'}`)
}

