import type {RoundChange} from '../annotate/rounds.js'
import {dateLabel} from '../labels/phrases.js'
import {format, type Labels} from '../labels/index.js'
import type {ViewChange} from '../view/view.js'
import type {AssessmentStatus, Language} from '../model/vocabulary.js'

/** The order moves are told in: progress first. */
const moveOrder: readonly AssessmentStatus[] = ['implemented', 'in-progress', 'not-applicable', 'not-started']

/**
 * A country brief's line on the change since the previous round, in the
 * brief's language: "Since the previous round (2 March 2026): 5 recommendations
 * moved to implemented, 3 to in progress; 2 new answers." Null with one round.
 */
export function changeView(change: RoundChange | null, labels: Labels, lang: Language): ViewChange | null {
  if (!change) return null
  const moved = moveOrder.flatMap((status) => {
    const numbers = change.moved[status] ?? []
    return numbers.length > 0 ? [{status, label: labels[`status.${status}`], numbers}] : []
  })
  const moves = moved.map(({status, numbers}, index) => {
    const phrase = labels[`assessment.change.to.${status}`]
    const key = index > 0 ? 'assessment.change.movedAlso' : numbers.length === 1 ? 'assessment.change.movedOne' : 'assessment.change.moved'
    return format(labels[key], {count: numbers.length, status: phrase})
  })
  const count = change.newAnswers.length
  const parts = [
    ...(moves.length > 0 ? [moves.join(', ')] : []),
    ...(count > 0 ? [count === 1 ? labels['assessment.change.newOne'] : format(labels['assessment.change.new'], {count})] : []),
  ]
  const since = format(labels['assessment.change.since'], {date: dateLabel(change.previous, lang)})
  return {
    text: `${since}: ${parts.length > 0 ? parts.join('; ') : labels['assessment.change.nothing']}.`,
    previous: change.previous,
    latest: change.latest,
    moved,
    newAnswers: change.newAnswers,
  }
}
