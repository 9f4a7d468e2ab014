import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import type {View} from '../../source/view/view.js'
import {fails} from '../helpers/fails.js'

const project = loadProject()
const numbers = (view: View) => view.guidelines.flatMap((g) => g.groups.flatMap((group) => group.recommendations.map((r) => r.number)))
const view = (input: Record<string, unknown>) => select(project, toBriefSpec(input))

describe('country briefs', () => {
  it('a country brief carries the profile, its assessments and a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-profiles-'))
    writeFileSync(join(dir, 'CL.yaml'), [
      'country: CL', 'context: Contexto de prueba.', 'focus:', '  guidelines: [VII, X]',
      'assessments:', '  62: {status: in-progress, note: Ley en trámite}', '  93: {status: implemented, evidence: "https://example.org/x"}', '',
    ].join('\n'))
    const custom = loadProject({paths: {profiles: dir}})
    const v = select(custom, toBriefSpec({country: 'CL'}))
    expect(v.kind).toBe('country')
    expect(numbers(v)).toEqual([...Array.from({length: 17}, (_, i) => 62 + i), ...Array.from({length: 7}, (_, i) => 93 + i)])
    expect(v.country).toMatchObject({code: 'CL', name: 'Chile', context: 'Contexto de prueba.'})
    const rec62 = v.guidelines[0]!.groups[0]!.recommendations[0]!
    expect(rec62.assessment).toEqual({status: 'in-progress', statusLabel: 'En curso', note: 'Ley en trámite', evidence: null})
    expect(v.country!.summary.map((s) => [s.status, s.count])).toEqual([['not-started', 0], ['in-progress', 1], ['implemented', 1], ['not-applicable', 0], [null, 22]])
  })
})

describe('selection', () => {
  it('full: all 113, 14 guidelines, groups kept', () => {
    const v = view({})
    expect(v.kind).toBe('full')
    expect(numbers(v)).toEqual(Array.from({length: 113}, (_, i) => i + 1))
    expect(v.guidelines[0]!.groups.map((g) => g.recommendations.length)).toEqual([7, 7, 8])
    expect(v.footnotes.map((f) => f.id)).toEqual(['2', '3'])
    expect(v.slug).toBe('full-es')
  })

  it('guideline: VII holds exactly 62–78 with original numbers; accepts 7 and vii', () => {
    for (const g of ['VII', '7', 'vii']) {
      const v = view({guidelines: [g]})
      expect(v.kind).toBe('guideline')
      expect(numbers(v)).toEqual(Array.from({length: 17}, (_, i) => 62 + i))
      expect(v.subtitle).toBe('Resumen del lineamiento VII')
      expect(v.footnotes).toEqual([])
    }
  })

  it('audience: development banks', () => {
    const v = view({audiences: ['development-banks']})
    expect(v.kind).toBe('audience')
    expect(v.audience?.label).toBe('Banca de desarrollo')
    const all = project.model.recommendations.filter((r) => r.audiences.includes('development-banks')).map((r) => r.number)
    expect(numbers(v)).toEqual(all)
    expect(all).toEqual(expect.arrayContaining([6, 7, 21]))
  })

  it('country without focus or answers: all 113, no badge on any, one note saying none was received', () => {
    const v = view({country: 'cr'})
    expect(numbers(v)).toHaveLength(113)
    expect(v.country?.name).toBe('Costa Rica')
    expect(v.guidelines.flatMap((g) => g.groups.flatMap((x) => x.recommendations)).every((r) => r.assessment === undefined)).toBe(true)
    expect(v.country).toMatchObject({answered: 0, remainingNote: null})
    expect(v.country?.awaiting?.title).toBe('Aún no se ha recibido una autoevaluación')
    expect(v.country?.awaiting?.text.join(' ')).toContain('briefs assessment export --country CR')
  })

  it('filters combine: any within a kind, all across kinds', () => {
    const both = view({guidelines: ['VII', 'VIII']})
    expect(numbers(both)).toEqual(Array.from({length: 28}, (_, i) => 62 + i))
    const across = view({guidelines: ['VIII'], themes: ['international-collaboration']})
    const expected = project.model.recommendations.filter((r) => r.guideline === 'VIII' && r.themes.includes('international-collaboration')).map((r) => r.number)
    expect(expected.length).toBeGreaterThan(0)
    expect(numbers(across)).toEqual(expected)
    expect(across.kind).toBe('custom')
    expect(numbers(view({recs: ['1-3,23', '113']}))).toEqual([1, 2, 3, 23, 113])
    expect(numbers(view({query: 'inteligencia ARTIFICIAL'}))).toEqual([18, 94])
    expect(numbers(view({query: 'clúster', recs: ['1-10']}))).toEqual([3])
  })

  it('resolves every label in the language', () => {
    const en = view({guidelines: ['II'], lang: 'en'})
    const first = en.guidelines[0]!.groups[0]!.recommendations[0]!
    expect(first.pageLabel).toBe('p. 28')
    expect(en.subtitle).toBe('Summary of guideline II')
    expect(en.langTag).toBe('en')
    const pt = view({guidelines: ['I'], lang: 'pt'})
    expect(pt.guidelines[0]!.groups[0]!.recommendations[3]!.pageLabel).toBe('pp. 86 e 87')
    expect(view({}).guidelines[0]!.groups[0]!.recommendations[3]!.pageLabel).toBe('págs. 86 y 87')
  })

  it('errors list the valid values and suggest the nearest (exit 2)', () => {
    const e = fails(() => view({themes: ['evaluaton']}))
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain('Did you mean `evaluation`?')
    // Codes with their names (names are accepted too), and no guess for two letters that match nothing.
    expect(fails(() => view({country: 'XX'})).message).toMatch(/Unknown country `XX`[^?]*\nValid values: AR Argentina, BO Bolivia/s)
    expect(fails(() => view({guidelines: ['XV']})).message).toMatch(/Unknown guideline `XV`/)
    expect(fails(() => view({recs: ['200']})).message).toMatch(/Unknown recommendation number `200`/)
    expect(fails(() => view({recs: ['10-3']})).message).toMatch(/ends before it starts/)
    expect(fails(() => toBriefSpec({lang: 'fr'})).exitCode).toBe(2)
  })

  it('an empty selection is an error', () => {
    expect(fails(() => view({guidelines: ['IX'], audiences: ['development-banks']})).message).toMatch(/selection is empty/)
  })

  it('slugs are safe file names derived from the spec', () => {
    expect(view({guidelines: ['VII']}).slug).toBe('guideline-vii-es')
    expect(view({country: 'CL', lang: 'en'}).slug).toBe('country-cl-en')
    expect(view({audiences: ['private-sector']}).slug).toBe('audience-private-sector-es')
    const custom = view({recs: ['1'], title: '../../etc/passwd'})
    expect(custom.slug).toMatch(/^[a-z0-9-]+$/)
  })
})

describe('examples/', () => {
  it('every example brief spec selects something', async () => {
    const {readdirSync} = await import('node:fs')
    const {readBriefSpec} = await import('../../source/select/spec.js')
    const dir = join(import.meta.dirname, '..', '..', 'examples')
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    expect(files.length).toBeGreaterThanOrEqual(3)
    for (const file of files) expect(select(project, readBriefSpec(join(dir, file))).counts.recommendations, file).toBeGreaterThan(0)
  })
})
