import type {VFile} from 'vfile'

/** `FILE:LINE:COLUMN: reason [rule-id]`, one line per problem (the `briefs validate` contract). */
export function formatMessages(file: VFile): string[] {
  return file.messages.map((m) => `${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason} [${m.ruleId ?? 'briefs'}]`)
}
