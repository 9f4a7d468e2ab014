import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadAnnotations} from '../../source/annotate/annotations.js'
import {loadProject} from '../../source/annotate/load-project.js'
import {profileCodes} from '../../source/annotate/profiles.js'
import {contentPaths} from '../../source/content-paths.js'
import {fails} from '../helpers/fails.js'

const project = loadProject()

describe('annotations', () => {
  it('tag every recommendation with at least one known audience and theme', () => {
    const audiences = new Set(project.audiences.map((a) => a.id))
    const themes = new Set(project.themes.map((t) => t.id))
    expect(project.model.recommendations).toHaveLength(113)
    for (const rec of project.model.recommendations) {
      expect(rec.audiences.length, `recommendation ${rec.number}`).toBeGreaterThan(0)
      expect(rec.themes.length, `recommendation ${rec.number}`).toBeGreaterThan(0)
      for (const a of rec.audiences) expect(audiences.has(a)).toBe(true)
      for (const t of rec.themes) expect(themes.has(t)).toBe(true)
    }
  })

  it('use every audience and every theme at least once', () => {
    for (const a of project.audiences) expect(project.model.recommendations.some((r) => r.audiences.includes(a.id)), a.id).toBe(true)
    for (const t of project.themes) expect(project.model.recommendations.some((r) => r.themes.includes(t.id)), t.id).toBe(true)
  })

  it('give labels in es, en and pt for every audience and theme', () => {
    for (const term of [...project.audiences, ...project.themes]) {
      for (const lang of ['es', 'en', 'pt'] as const) {
        expect(term.label[lang].length).toBeGreaterThan(1)
        expect(term.description[lang].length).toBeGreaterThan(10)
      }
    }
  })

  const original = readFileSync(contentPaths.annotations, 'utf8')
  const problem = (text: string) => fails(() => loadAnnotations('annotations.yaml', project.model, project.audiences, project.themes, text)).message

  it('name file and line for an unknown audience', () => {
    const text = original.replace(/^2:\n  audiences: \[national-government/m, '2:\n  audiences: [national-govt')
    const line = text.split('\n').findIndex((l) => l.includes('national-govt')) + 1
    expect(problem(text)).toMatch(new RegExp(`annotations\\.yaml:${line}:\\d+: Unknown audience \`national-govt\` \\(recommendation 2\\)`))
  })

  it('name file and line for an unknown number, a duplicate and an empty list', () => {
    expect(problem(`${original}\n114:\n  audiences: [academia]\n  themes: [evaluation]\n`)).toMatch(/annotations\.yaml:\d+:\d+: Unknown recommendation number `114`/)
    expect(problem(`${original}\n5:\n  audiences: [academia]\n  themes: [evaluation]\n`)).toMatch(/annotations\.yaml:\d+:\d+: Map keys must be unique/)
    expect(problem(original.replace(/^(3:\n  audiences: )\[[^\]]*\]/m, '$1[]'))).toMatch(/annotations\.yaml:\d+:\d+: Expected at least one audience \(recommendation 3\)/)
    expect(problem(original.replace(/^7:\n(  .*\n){2}/m, ''))).toMatch(/Missing annotation for recommendation 7/)
  })
})

describe('countries and profiles', () => {
  it('has the 33 ECLAC member states, a profile each, names from i18n-iso-countries', () => {
    expect(project.countries).toHaveLength(33)
    expect(profileCodes(contentPaths.profiles).sort()).toEqual(project.countries.map((c) => c.code).sort())
    for (const c of project.countries) {
      const profile = project.profile(c.code)
      expect(profile.country).toBe(c.code)
      expect(Object.keys(profile.assessments)).toEqual([])
    }
    expect(project.countries.find((c) => c.code === 'MX')!.name).toEqual({es: 'México', en: 'Mexico', pt: 'México'})
    expect(project.countries.filter((c) => c.subregion === 'caribbean')).toHaveLength(13)
  })

  it('links recommendation 112 to Costa Rica, Mexico and Panama, and no other', () => {
    const linked = project.model.recommendations.filter((r) => r.countries.length > 0)
    expect(linked.map((r) => [r.number, r.countries])).toEqual([[112, ['CR', 'MX', 'PA']]])
  })

  it('validates a profile: wrong status and unknown ids name file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-profiles-'))
    mkdirSync(join(dir, 'profiles'))
    writeFileSync(join(dir, 'profiles', 'CL.yaml'), 'country: CL\ncontext: x\nassessments:\n  62:\n    status: done\n')
    const custom = loadProject({paths: {profiles: join(dir, 'profiles')}})
    expect(fails(() => custom.profile('CL')).message).toMatch(/CL\.yaml:5:13: .*not-started.*\[schema\]/)
    writeFileSync(join(dir, 'profiles', 'PE.yaml'), 'country: PE\nfocus:\n  audiences: [banks]\n')
    expect(fails(() => custom.profile('PE')).message).toMatch(/PE\.yaml:3:\d+: Unknown audience `banks`/)
  })
})

describe('docs/coverage.md', () => {
  it('is generated from the annotations and up to date', async () => {
    const {coverageMarkdown} = await import('../../source/annotate/coverage.js')
    const text = coverageMarkdown(project)
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'coverage.md'), 'utf8')).toBe(text)
    expect(text).toMatch(/\| `development-banks` \| Banca de desarrollo \| Development banks \| \d+ \|/)
  })
})
