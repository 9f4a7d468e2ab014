import {colors, ooxmlColor, statusColors} from './design-tokens.js'
import type {AssessmentStatus} from '../model/vocabulary.js'

/**
 * Colours of the self-assessment statuses in charts (hex without `#`, as
 * OOXML and pptxgenjs write them): each status's ink from the design tokens,
 * dark enough for white figures on it; unassessed bars in the hairline grey.
 */
export const statusColours = {
  'not-started': ooxmlColor(statusColors['not-started'].ink),
  'in-progress': ooxmlColor(statusColors['in-progress'].ink),
  implemented: ooxmlColor(statusColors.implemented.ink),
  'not-applicable': ooxmlColor(statusColors['not-applicable'].ink),
  none: ooxmlColor(colors.rule),
} as const satisfies Record<AssessmentStatus | 'none', string>

export function statusColour(status: AssessmentStatus | null): string {
  return statusColours[status ?? 'none']
}
