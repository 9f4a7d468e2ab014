import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {profileSchema} from '../../source/annotate/profiles.js'
import {updateProfileText, writeProfile} from '../../source/annotate/write-profile.js'
import {readYaml, validateYaml} from '../../source/yaml-file.js'
import {expectGolden} from '../helpers/golden.js'

const golden = (name: string) => join(import.meta.dirname, 'golden', name)
const commented = readFileSync(golden('commented-profile.yaml'), 'utf8')

describe('updateProfileText', () => {
  it('keeps every comment, the key order and the hand-folded context (golden)', () => {
    const out = updateProfileText(commented, {
      assessments: {
        62: {status: 'implemented', note: 'Ley promulgada.', assessed: '2026-03-01'},
        65: {status: 'not-started'},
        70: null,
        101: {status: 'not-applicable', evidence: 'https://www.example.gob/101'},
      },
      imported: {form: 'CL-assessment.xlsx', date: '2026-03-02'},
    })
    expectGolden(golden('commented-profile.updated.yaml'), out)
    for (const comment of ['# Perfil de país', '# Context paragraph', '# chosen by the ministry in 2025', '# Answers so far.', '# Decentralisation: under way.', '# since March', '# Kept at the end by hand.']) {
      expect(out).toContain(comment)
    }
    // The context paragraph keeps its hand folding byte for byte.
    expect(out).toContain('context: >-\n  Chile es uno de los 33 Estados miembros de la CEPAL\n  en América Latina y el Caribe.\n')
    const data = validateYaml(readYaml('x.yaml', out), profileSchema)
    expect(Object.keys(data.assessments)).toEqual(['62', '65', '101'])
    expect(data.assessments['62']).toEqual({status: 'implemented', note: 'Ley promulgada.', assessed: '2026-03-01'})
    expect(data.imported).toEqual({form: 'CL-assessment.xlsx', date: '2026-03-02'})
    expect(Object.keys(readYaml('x.yaml', out).data as object)).toEqual(['country', 'context', 'focus', 'assessments', 'imported'])
  })

  it('changes nothing when the update is empty', () => {
    expect(updateProfileText(commented, {})).toBe(commented)
  })

  it('turns the shipped empty `assessments: {}` into a block and back', () => {
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'content', 'countries', 'CL.yaml'), 'utf8')
    const filled = updateProfileText(shipped, {assessments: {3: {status: 'in-progress'}}})
    expect(filled.startsWith(shipped.slice(0, shipped.indexOf('assessments: {}')))).toBe(true)
    expect(filled.endsWith('assessments:\n  3:\n    status: in-progress\n')).toBe(true)
    expect(updateProfileText(filled, {assessments: {3: null}})).toBe(shipped)
  })

  it('replaces context and focus, keeping the comments above them', () => {
    const out = updateProfileText(commented, {context: 'Texto nuevo.', focus: {guidelines: ['I', 'II'], audiences: [], themes: []}})
    expect(out).toContain('# Context paragraph, folded by hand at a narrow width that must survive.\ncontext: >-\n  Texto nuevo.\n')
    expect(out).toContain('focus:\n  guidelines: [ I, II ]')
    expect(out).toContain('# Answers so far.\nassessments:\n  # Decentralisation: under way.\n  62:\n    status: in-progress  # since March')
  })
})

describe('writeProfile', () => {
  it('writes atomically and refuses a result that would not load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-profile-'))
    writeFileSync(join(dir, 'CL.yaml'), commented)
    const {path} = writeProfile(dir, 'CL', {assessments: {1: {status: 'implemented'}}})
    expect(readFileSync(path, 'utf8')).toContain('  1:\n    status: implemented\n')
    const before = readFileSync(path, 'utf8')
    expect(() => writeProfile(dir, 'CL', {assessments: {2: {status: 'implemented', assessed: '2026-02-30'}}})).toThrow(/date that exists/)
    expect(readFileSync(path, 'utf8')).toBe(before)
  })

  it('starts a profile that does not exist yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-profile-'))
    const {profile} = writeProfile(dir, 'UY', {assessments: {5: {status: 'not-started'}}})
    expect(profile.country).toBe('UY')
    expect(profile.assessments['5']).toEqual({status: 'not-started'})
  })
})
