import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {followUpIndicator} from '../../source/select/region.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {briefs} from '../helpers/cli.js'
import {answering, writeIllustrativeProfiles} from '../helpers/illustrative.js'

/**
 * The region brief (issue 23, part 1): three illustrative Caribbean profiles
 * answer part of the 113 recommendations; the brief names who answered and
 * who has not, prints each country's figures and says on every page that the
 * answers are made up. Read back from the PDF and the Markdown.
 */

const work = mkdtempSync(join(tmpdir(), 'briefs-region-'))
const profiles = join(work, 'profiles')
const out = join(work, 'out')
const caribbean = ['AG', 'BS', 'BB', 'BZ', 'DM', 'GD', 'GY', 'JM', 'KN', 'LC', 'VC', 'SR', 'TT']
const southAmerica = ['Argentina', 'Brazil', 'Chile', 'Colombia', 'Peru', 'Uruguay']
const normalize = (text: string) => text.replace(/\u00ad/g, '').replace(/\s+/g, ' ')

beforeAll(() => {
  mkdirSync(profiles)
  writeIllustrativeProfiles(profiles)
  const run = briefs(['build', '--region', 'caribbean', '--lang', 'en', '--profiles', profiles, '--format', 'pdf,docx,md,json', '--out', out])
  expect(run.status, run.stderr).toBe(0)
  expect(run.stdout.trim().split('\n').map((p) => p.split('/').at(-1))).toEqual(['region-caribbean-en.pdf', 'region-caribbean-en.docx', 'region-caribbean-en.md', 'region-caribbean-en.json'])
}, 300_000)

const view = () => select(loadProject({paths: {profiles}}), toBriefSpec({region: 'caribbean', lang: 'en'}))

describe('briefs build --region caribbean', () => {
  it('the view: 3 of 13 answered, the other ten named, never counted as zero', () => {
    const region = view().region!
    expect(region.answeredLabel).toBe('3 of 13 countries have sent a self-assessment')
    expect(region.answered.map((c) => c.code).sort()).toEqual(Object.keys(answering).sort())
    expect(region.notAnswered.map((c) => c.code).sort()).toEqual(caribbean.filter((c) => !(c in answering)).sort())
    expect(region.matrix.rows.map((r) => r.code).sort()).toEqual(Object.keys(answering).sort())
    expect(region.illustrative).toBe(true)
  })

  it('PDF: who answered (with the date of the latest answer), who has not, each country’s figures, no South American country', () => {
    const text = normalize(execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'region-caribbean-en.pdf'), '-'], {encoding: 'utf8', maxBuffer: 64 << 20}))
    const region = view().region!
    expect(text).toContain('3 of 13 countries have sent a self-assessment')
    for (const c of region.answered) expect(text).toContain(`${c.name} ${c.asOfLabel}`)
    for (const c of region.notAnswered) expect(text).toContain(c.name)
    expect(text).toContain(region.notAnsweredLabel!)
    // Each answering country's row of the matrix, as laid out: its name, its indicator per guideline and in all
    // on the line above, the counts behind each figure on the line below.
    const layout = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', join(out, 'region-caribbean-en.pdf'), '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\n')
    const squash = (line: string) => line.replace(/\s+/g, '')
    for (const row of region.matrix.rows) {
      const at = layout.findIndex((line) => line.trim() === row.name)
      expect(at, row.name).toBeGreaterThan(0)
      const cells = [...row.cells, row.total]
      expect(squash(layout[at - 1]!)).toBe(cells.map((c) => c.label).join('').replace(/\s+/g, ''))
      expect(squash(layout[at + 1]!)).toBe(cells.map((c) => c.detail).join('').replace(/\s+/g, ''))
    }
    expect(text).toContain('(implemented + ½ × in progress) ÷ (answered − not applicable)')
    for (const name of southAmerica) expect(text).not.toContain(name)
  })

  it('Word (through pandoc, and every page through LibreOffice): the same names, figures and marking', () => {
    const text = normalize(execFileSync('pandoc', ['--to', 'plain', '--wrap', 'none', join(out, 'region-caribbean-en.docx')], {encoding: 'utf8', maxBuffer: 64 << 20})).replaceAll('\u00a0', ' ')
    const region = view().region!
    expect(text).toContain('3 of 13 countries have sent a self-assessment')
    expect(text).toContain(region.notAnsweredLabel!)
    // The matrix's rows as pandoc reads the Word table: the country, then each indicator with the counts behind it.
    const html = execFileSync('pandoc', ['--to', 'html', join(out, 'region-caribbean-en.docx')], {encoding: 'utf8', maxBuffer: 64 << 20})
    const rows = html.split('<tr').map((tr) => normalize(tr.split('</tr>')[0]!.replace(/^[^>]*>/, '').replace(/<[^>]+>/g, ' ')).replaceAll('\u00a0', ' ').trim())
    for (const row of region.matrix.rows) {
      const cells = [...row.cells, row.total].map((c) => `${c.label} ${c.detail.replace(/ /g, '')}`)
      expect(rows).toContain([row.name, ...cells].join(' '))
    }
    for (const name of southAmerica) expect(text).not.toContain(name)
    const lo = mkdtempSync(join(tmpdir(), 'briefs-region-lo-'))
    execFileSync('soffice', [`-env:UserInstallation=file://${join(lo, 'user')}`, '--headless', '--convert-to', 'pdf', '--outdir', lo, join(out, 'region-caribbean-en.docx')], {stdio: 'pipe', timeout: 150_000})
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', join(lo, 'region-caribbean-en.pdf'), '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(0, -1)
    expect(pages.length).toBeGreaterThan(10)
    expect(pages.map((p, i) => [i + 1, normalize(p).includes('Illustrative example — not an official assessment')]).filter(([, marked]) => !marked)).toEqual([])
  }, 200_000)

  it('PDF: every page says the answers are illustrative', () => {
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'region-caribbean-en.pdf'), '-'], {encoding: 'utf8', maxBuffer: 64 << 20}).split('\f').slice(0, -1)
    expect(pages.length).toBeGreaterThan(10)
    expect(pages.map((p, i) => [i + 1, normalize(p).includes('Illustrative example — not an official assessment')]).filter(([, marked]) => !marked)).toEqual([])
  })

  it('per recommendation: how many countries report each status, and which', () => {
    const rec = view().guidelines[0]!.groups[0]!.recommendations[0]!
    const md = readFileSync(join(out, 'region-caribbean-en.md'), 'utf8')
    const line = md.split('\n').find((l) => l.startsWith('1. '))!
    for (const s of rec.regional!.statuses) expect(line).toContain(`${s.label} ${s.count}: ${s.countries.join(', ')}`)
    const answeredIt = rec.regional!.statuses.reduce((n, s) => n + s.count, 0)
    expect(line).toContain(`Not yet answered by ${13 - answeredIt} of 13 countries`)
  })

  it('JSON carries the region for other tools', () => {
    const json = JSON.parse(readFileSync(join(out, 'region-caribbean-en.json'), 'utf8'))
    expect(json.region.answered).toHaveLength(3)
    expect(json.region.notAnswered).toHaveLength(10)
  })
})

describe('the follow-up indicator', () => {
  it('implemented counts one, in progress a half, over the answers that apply; nothing that applies gives no figure', () => {
    expect(followUpIndicator(2, 2, 4)).toBe(0.375)
    expect(followUpIndicator(0, 0, 0)).toBeNull()
    expect(followUpIndicator(3, 0, 0)).toBe(1)
  })
})

describe('bad --region', () => {
  it('an unknown region is a usage error naming the flag and the valid values', () => {
    const run = briefs(['select', '--region', 'andes'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--region/)
    expect(run.stderr).toMatch(/caribbean/)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
  })

  it('a country and a region together are refused', () => {
    const run = briefs(['select', '--region', 'caribbean', '--country', 'JM'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('not both')
  })
})

describe('the matrix encoding', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
    return (hi + 0.05) / (lo + 0.05)
  }
  it('one hue, darker step by step (readable without colour vision), each figure at WCAG AA on its step', async () => {
    const {indicatorRamp} = await import('../../source/render/design-tokens.js')
    const lightness = indicatorRamp.map((s) => luminance(s.fill))
    expect(lightness).toEqual([...lightness].sort((a, b) => b - a))
    for (let i = 1; i < lightness.length; i++) expect(lightness[i - 1]! / lightness[i]!).toBeGreaterThan(1.3)
    for (const step of indicatorRamp) expect(contrast(step.fill, step.on)).toBeGreaterThanOrEqual(4.5)
  })
})

describe('each: region in a batch config', () => {
  it('one region brief per region where some country has answered; none for the shipped, unanswered profiles', async () => {
    const {expandConfig, batchConfigSchema} = await import('../../source/batch/config.js')
    const config = batchConfigSchema.parse({briefs: [{each: 'region', lang: 'en'}]})
    const slugs = (project: ReturnType<typeof loadProject>) => expandConfig(config, project).briefs.map((b) => `${b.spec.kind}:${b.spec.region}`)
    expect(slugs(loadProject({paths: {profiles}}))).toEqual(['region:lac', 'region:caribbean'])
    expect(slugs(loadProject())).toEqual([])
  })
})

describe('rounds in a region brief (examples/illustrative: two rounds for Chile, Costa Rica and Jamaica)', () => {
  const illustrative = join(import.meta.dirname, '..', '..', 'examples', 'illustrative')
  const regionOf = (asOf?: string) => select(loadProject({paths: {profiles: illustrative}}), toBriefSpec({region: 'lac', lang: 'en', ...(asOf ? {asOf} : {})})).region!
  const countryOf = (code: string, asOf?: string) => select(loadProject({paths: {profiles: illustrative}}), toBriefSpec({country: code, lang: 'en', ...(asOf ? {asOf} : {})})).country!

  it('says for each country with two rounds what moved since the previous one, as its country brief does', () => {
    const region = regionOf()
    const withRounds = region.answered.filter((c) => c.change !== null).map((c) => c.code).sort()
    expect(withRounds).toEqual(['CL', 'CR', 'JM'])
    for (const code of withRounds) expect(region.answered.find((c) => c.code === code)!.change!.text).toBe(countryOf(code).change!.text)
  })

  it('--as-of before the latest round gives the earlier figures: each row’s totals are the country brief’s counts on that date', () => {
    const jm = regionOf().answered.find((c) => c.code === 'JM')!
    const before = new Date(Date.parse(`${jm.change!.latest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const past = regionOf(before)
    const now = regionOf()
    for (const code of ['CL', 'CR', 'JM']) {
      const row = past.matrix.rows.find((r) => r.code === code)
      const country = countryOf(code, before)
      const count = (status: string) => country.summary.find((s) => s.status === status)?.count ?? 0
      if (!row) {
        expect(country.answered).toBe(0)
        continue
      }
      expect([row.total.implemented, row.total.inProgress, row.total.notStarted, row.total.notApplicable]).toEqual([count('implemented'), count('in-progress'), count('not-started'), count('not-applicable')])
    }
    const jmNow = now.matrix.rows.find((r) => r.code === 'JM')!.total
    const jmThen = past.matrix.rows.find((r) => r.code === 'JM')!.total
    expect(jmNow).not.toEqual(jmThen)
  })
})
