import {readFileSync} from 'node:fs'
import type {VFile} from 'vfile'
import {contentPaths} from '../content-paths.js'
import {displayPath} from '../display-path.js'
import {inputError} from '../errors.js'
import {parseDocument} from '../parse/index.js'
import {logger} from './logger.js'

// Only the parser is loaded here: `briefs validate` is the command editors run most.
/** `FILE:LINE:COLUMN: reason [rule-id]`, one line per problem. */
export function formatMessages(file: VFile): string[] {
  return file.messages.map((m) => `${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason} [${m.ruleId ?? 'briefs'}]`)
}

export function validateCommand(path?: string): void {
  const source = path ?? contentPaths.source
  let bytes: Buffer
  try {
    bytes = readFileSync(source)
  } catch (error) {
    throw inputError(`${displayPath(source)}: Cannot read the source text (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  const {model, file} = parseDocument(bytes, displayPath(source))
  for (const line of formatMessages(file)) logger.error(line)
  if (file.messages.some((m) => m.fatal)) process.exitCode = 1
  else logger.info(`${displayPath(source)}: ${model.guidelines.length} guidelines, ${model.recommendations.length} recommendations, ${model.footnotes.length} footnotes: no problems`)
}

