import type {VFile} from 'vfile'
import {formatMessage} from '../diagnostics.js'

/** `FILE:LINE:COLUMN: reason [rule-id]`, one line per problem (the `briefs validate` contract). */
export function formatMessages(file: VFile): string[] {
  return file.messages.map((m) => formatMessage(m, file.path))
}
