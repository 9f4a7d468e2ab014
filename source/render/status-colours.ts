import {ooxmlColor, statusColors} from './design-tokens.js'
import type {AssessmentStatus} from '../model/vocabulary.js'

/**
 * Colours of the self-assessment statuses in charts (hex without `#`, as
 * OOXML and pptxgenjs write them): each status's chart segment from the design
 * tokens, the same in the PDF, HTML, Word and PowerPoint charts.
 */
export const statusColours = {
  'not-started': ooxmlColor(statusColors['not-started'].bar),
  'in-progress': ooxmlColor(statusColors['in-progress'].bar),
  implemented: ooxmlColor(statusColors.implemented.bar),
  'not-applicable': ooxmlColor(statusColors['not-applicable'].bar),
  none: ooxmlColor(statusColors.none.bar),
} as const satisfies Record<AssessmentStatus | 'none', string>

export function statusColour(status: AssessmentStatus | null): string {
  return statusColours[status ?? 'none']
}

/** The colour of a figure printed on a status's chart segment (hex without `#`). */
export function statusOnColour(status: AssessmentStatus | null): string {
  return ooxmlColor(statusColors[status ?? 'none'].onBar)
}
