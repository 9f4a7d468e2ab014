import type {AssessmentStatus} from '../select/view.js'

/**
 * Colours of the self-assessment statuses (hex without `#`), shared by the
 * chart in every format and the PowerPoint badges. The same values as the
 * `.status-*` rules of `templates/brief/brief.css`; dark enough for white
 * figures on them.
 */
export const statusColours = {
  'not-started': 'A33B20',
  'in-progress': '9A6A00',
  implemented: '1E7A3C',
  'not-applicable': '4B5563',
  none: 'B8C2CC',
} as const satisfies Record<AssessmentStatus | 'none', string>

export function statusColour(status: AssessmentStatus | null): string {
  return statusColours[status ?? 'none']
}
