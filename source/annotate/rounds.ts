import type {Profile, ProfileAnswer, ReplacedAnswer} from './profiles.js'
import type {AssessmentStatus} from '../model/vocabulary.js'

/*
 * Rounds of self-assessment. Each imported answer carries the day it was
 * received; an import that changes an answer keeps the old one in the answer's
 * `history` with the day it was replaced. From these, pure functions give the
 * profile as it stood on a past date and what changed since the previous round.
 * The country and region briefs both use them.
 */

/** What moved between the two latest rounds of a profile. */
export interface RoundChange {
  /** `YYYY-MM-DD` of the previous round (the second-latest `received` date). */
  readonly previous: string
  /** `YYYY-MM-DD` of the latest round. */
  readonly latest: string
  /** Per status: the recommendations whose answer moved to it (from another status), ascending. */
  readonly moved: Partial<Record<AssessmentStatus, number[]>>
  /** Recommendations answered in the latest state that had no answer at the previous round, ascending. */
  readonly newAnswers: number[]
}

/** From which day an answer was known: its import date, else the day it was given, else always (`''`). */
function knownFrom(answer: {readonly received?: string | undefined; readonly assessed?: string | undefined}): string {
  return answer.received ?? answer.assessed ?? ''
}

/**
 * From which day a replaced answer was known. One that was never imported
 * (no `received`) but dated after its replacement (a hand-written date) was
 * on record before it was replaced all the same: known always.
 */
function entryKnownFrom(entry: ReplacedAnswer): string {
  const from = knownFrom(entry)
  return entry.received === undefined && from > entry.replaced ? '' : from
}

/**
 * The profile as it stood on `date` (`YYYY-MM-DD`): each recommendation's
 * answer known on that day (the current one, or the history entry in force
 * then), or none. An answer is known from its `received` date if set, else its
 * `assessed` date, else always; a replaced answer until its `replaced` date. A
 * current answer is never taken as known before the one it replaced was
 * replaced (a hand edit may have dropped its dates). The answers kept carry
 * only the history entries replaced by that day, so `changeSincePreviousRound`
 * of the result is the change as it was seen then.
 */
export function profileAsOf(profile: Profile, date: string): Profile {
  const assessments: Profile['assessments'] = {}
  for (const [key, answer] of Object.entries(profile.assessments)) {
    const history = answer.history ?? []
    const last = history.at(-1)
    const from = last ? maxDate(knownFrom(answer), last.replaced) : knownFrom(answer)
    const past = history.filter((entry) => entry.replaced <= date)
    if (from <= date) {
      assessments[key] = withHistory(answer, past)
      continue
    }
    // The entry in force on `date`: the latest one known by then and not yet replaced.
    const index = history.findLastIndex((entry) => entryKnownFrom(entry) <= date && date < entry.replaced)
    if (index === -1) continue
    const {replaced: _replaced, ...entry} = history[index]!
    assessments[key] = withHistory(entry, history.slice(0, index).filter((e) => e.replaced <= date))
  }
  const {imported, ...rest} = profile
  return {...rest, ...(imported && imported.date <= date ? {imported} : {}), assessments}
}

/**
 * The change between the two latest rounds (the distinct `received` dates of
 * the answers and their history), or null when there is only one round (or
 * none). `moved` counts recommendations whose status differs between the
 * profile as of the previous round and as of the latest one; `newAnswers` those
 * with no answer at the previous round. `among` limits both to a brief's
 * recommendations.
 */
export function changeSincePreviousRound(profile: Profile, among?: ReadonlySet<number>): RoundChange | null {
  const rounds = roundsOf(profile)
  if (rounds.length < 2) return null
  const latest = rounds.at(-1)!
  const previous = rounds.at(-2)!
  const before = profileAsOf(profile, previous).assessments
  const after = profileAsOf(profile, latest).assessments
  const moved: Partial<Record<AssessmentStatus, number[]>> = {}
  const newAnswers: number[] = []
  for (const key of Object.keys(after).sort((a, b) => Number(a) - Number(b))) {
    const number = Number(key)
    if (among && !among.has(number)) continue
    const was = before[key]
    const now = after[key]!
    if (!was) newAnswers.push(number)
    else if (was.status !== now.status) (moved[now.status] ??= []).push(number)
  }
  return {previous, latest, moved, newAnswers}
}

/** The distinct `received` dates of a profile's answers and their history, ascending. */
export function roundsOf(profile: Profile): string[] {
  const dates = new Set<string>()
  for (const answer of Object.values(profile.assessments)) {
    if (answer.received) dates.add(answer.received)
    for (const entry of answer.history ?? []) if (entry.received) dates.add(entry.received)
  }
  return [...dates].sort()
}

function withHistory(answer: Omit<ProfileAnswer, 'history'> & {history?: unknown}, history: ReplacedAnswer[]): ProfileAnswer {
  const {history: _history, ...fields} = answer
  return history.length > 0 ? {...fields, history} : fields
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}

/** The latest date the profile's answers were given on (or the form they were imported from), if any. */
export function latestAnswerDate(profile: Profile): string | null {
  // An imported answer without a date of its own dates from its import.
  const dates = Object.values(profile.assessments).flatMap((a) => {
    const date = a.assessed ?? a.received
    return date ? [date] : []
  })
  if (dates.length === 0 && profile.imported) dates.push(profile.imported.date)
  return dates.length > 0 ? dates.sort().at(-1)! : null
}
