import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {profileSchema, type Profile} from '../../source/annotate/profiles.js'
import {changeSincePreviousRound, profileAsOf, roundsOf} from '../../source/annotate/rounds.js'
import {updateProfileText} from '../../source/annotate/write-profile.js'

/** A profile through the schema, as `loadProfile` gives it. */
function profileOf(assessments: Record<string, unknown>): Profile {
  return profileSchema.parse({country: 'CL', assessments})
}

// Two imports: 2026-03-02 and 2026-06-10; answer 9 was written by hand (no dates).
const twoRounds = profileOf({
  1: {status: 'implemented', form: 'CL-assessment.xlsx', received: '2026-06-10', history: [
    {status: 'not-started', assessed: '2026-01-15', replaced: '2026-03-02'},
    {status: 'in-progress', form: 'CL-assessment.xlsx', received: '2026-03-02', replaced: '2026-06-10'},
  ]},
  2: {status: 'in-progress', form: 'CL-assessment.xlsx', received: '2026-03-02'},
  3: {status: 'implemented', form: 'CL-assessment.xlsx', received: '2026-06-10'},
  4: {status: 'not-applicable', note: 'changed only in its note', received: '2026-06-10', history: [{status: 'not-applicable', received: '2026-03-02', replaced: '2026-06-10'}]},
  9: {status: 'not-started'},
})

describe('rounds of self-assessment (pure functions)', () => {
  it('profileAsOf gives each answer known on the day', () => {
    const statuses = (date: string) => Object.fromEntries(Object.entries(profileAsOf(twoRounds, date).assessments).map(([k, a]) => [k, a.status]))
    expect(statuses('2026-01-01')).toEqual({9: 'not-started'})
    expect(statuses('2026-02-01')).toEqual({1: 'not-started', 9: 'not-started'})
    expect(statuses('2026-03-02')).toEqual({1: 'in-progress', 2: 'in-progress', 4: 'not-applicable', 9: 'not-started'})
    expect(statuses('2026-06-09')).toEqual({1: 'in-progress', 2: 'in-progress', 4: 'not-applicable', 9: 'not-started'})
    expect(statuses('2026-06-10')).toEqual({1: 'implemented', 2: 'in-progress', 3: 'implemented', 4: 'not-applicable', 9: 'not-started'})
    // The answer in force then, with only the history replaced by then.
    const april = profileAsOf(twoRounds, '2026-04-01').assessments['1']!
    expect(april).toEqual({status: 'in-progress', form: 'CL-assessment.xlsx', received: '2026-03-02', history: [{status: 'not-started', assessed: '2026-01-15', replaced: '2026-03-02'}]})
    expect(profileAsOf(twoRounds, '2026-04-01').assessments['4']!.note).toBeUndefined()
  })

  it('changeSincePreviousRound: what moved between the two latest rounds', () => {
    expect(roundsOf(twoRounds)).toEqual(['2026-03-02', '2026-06-10'])
    expect(changeSincePreviousRound(twoRounds)).toEqual({previous: '2026-03-02', latest: '2026-06-10', moved: {implemented: [1]}, newAnswers: [3]})
    expect(changeSincePreviousRound(twoRounds, new Set([2, 3]))).toEqual({previous: '2026-03-02', latest: '2026-06-10', moved: {}, newAnswers: [3]})
    // As it was seen before the second round: one round, no change.
    expect(changeSincePreviousRound(profileAsOf(twoRounds, '2026-04-01'))).toBeNull()
    expect(changeSincePreviousRound(profileOf({2: {status: 'implemented', received: '2026-03-02'}}))).toBeNull()
    expect(changeSincePreviousRound(profileOf({}))).toBeNull()
  })

  it('a save that sends no replaced answer (the web editor) leaves history as it is', () => {
    const text = `country: CL\nassessments:\n  1:\n    status: implemented # now\n    received: 2026-06-10\n    history:\n      # the first round\n      - status: in-progress\n        replaced: 2026-06-10\n`
    const saved = updateProfileText(text, {assessments: {1: {status: 'not-applicable', note: 'web'}}})
    const entry = parse(saved).assessments['1']
    expect(entry).toEqual({status: 'not-applicable', note: 'web', history: [{status: 'in-progress', replaced: '2026-06-10'}]})
    expect(saved).toContain('# the first round')
    expect(saved).toContain('status: not-applicable # now')
    // An import appends; new fields go before history, not after it.
    const imported = updateProfileText(saved, {
      assessments: {1: {status: 'implemented', form: 'CL-assessment.xlsx', received: '2026-09-01'}},
      replaced: {1: {status: 'not-applicable', note: 'web', replaced: '2026-09-01'}},
    })
    expect(Object.keys(parse(imported).assessments['1'])).toEqual(['status', 'form', 'received', 'history'])
    expect(parse(imported).assessments['1'].history).toEqual([{status: 'in-progress', replaced: '2026-06-10'}, {status: 'not-applicable', note: 'web', replaced: '2026-09-01'}])
    expect(profileSchema.safeParse(parse(imported)).success).toBe(true)
  })
})
