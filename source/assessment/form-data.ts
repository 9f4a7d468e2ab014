import {createHash} from 'node:crypto'
import {basename, dirname} from 'node:path'
import type {Project} from '../annotate/load-project.js'

/** The hidden sheet that records what a form was made from, so that import can recognise it. */
export const dataSheetName = '_briefs'
/** First cell of the data sheet: marks a workbook as one of ours. */
export const formMarker = 'briefs-assessment-form'
export const formVersion = 1

/** Columns of the assessment sheet; A–C are locked, D–G are the answers. */
export const columns = {number: 'A', guideline: 'B', recommendation: 'C', status: 'D', note: 'E', evidence: 'F', assessed: 'G'} as const
/** The header row; recommendations start on the row after it. */
export const headerRow = 1

/** What a form was made from, as kept in its data sheet. */
export interface FormData {
  readonly version: number
  readonly country: string
  readonly document: string
  readonly edition: string
  readonly lang: string
  readonly sheet: string
  readonly made: string
  /** One entry per form row, in row order: the recommendation and the hash of its text at export. */
  readonly rows: {readonly number: number; readonly hash: string}[]
}

/** A short hash of a recommendation's text: import warns when the text changed since the form was made. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 16)
}

/** The document a project's source belongs to (its content folder) and the edition (its language). */
export function documentOf(project: Project): {document: string; edition: string} {
  return {document: basename(dirname(project.sourcePath)), edition: project.model.meta.language}
}

/** The form's file name for a country. */
export function formFileName(code: string): string {
  return `${code}-assessment.xlsx`
}
