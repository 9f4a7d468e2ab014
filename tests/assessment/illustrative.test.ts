import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {profileSchema} from '../../source/annotate/profiles.js'
import {changeSincePreviousRound, roundsOf} from '../../source/annotate/rounds.js'
import {loadCountries} from '../../source/annotate/countries.js'
import {projectRoot} from '../helpers/cli.js'

const script = join(projectRoot, 'scripts', 'make-illustrative.mjs')
const committed = join(projectRoot, 'examples', 'illustrative')
const countries = loadCountries(join(projectRoot, 'content', 'countries.yaml'))

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [script, ...args], {cwd, encoding: 'utf8'})
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return result
}

describe('the illustrative set (examples/illustrative)', {timeout: 120_000}, () => {
  it('is what the script writes, byte for byte', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'briefs-illustrative-'))
    run(['--out', 'examples/illustrative'], cwd)
    const again = join(cwd, 'examples', 'illustrative')
    expect(readdirSync(again).sort()).toEqual(readdirSync(committed).sort())
    for (const file of readdirSync(committed)) expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(committed, file), 'utf8'))
  })

  it('every profile is marked illustrative, invented in its notes, across the three subregions', () => {
    const files = readdirSync(committed).filter((f) => f.endsWith('.yaml'))
    expect(files.length).toBeGreaterThanOrEqual(6)
    const subregionOf = (code: string) => countries.find((c) => c.code === code)!.subregion
    const codes = files.map((f) => f.slice(0, 2))
    expect(codes.filter((c) => subregionOf(c) === 'caribbean')).toHaveLength(3)
    expect(new Set(codes.map(subregionOf))).toEqual(new Set(['south-america', 'central-america-mexico', 'caribbean']))
    let withTwoRounds = 0
    for (const file of files) {
      const text = readFileSync(join(committed, file), 'utf8')
      expect(text.startsWith('# ILLUSTRATIVE EXAMPLE — NOT AN OFFICIAL ASSESSMENT.\n'), file).toBe(true)
      const profile = profileSchema.parse(parse(text))
      expect(profile.illustrative, file).toBe(true)
      const answers = Object.values(profile.assessments)
      expect(answers.length, file).toBeGreaterThan(20)
      for (const answer of [...answers, ...answers.flatMap((a) => a.history ?? [])]) {
        if (answer.note) expect(answer.note, file).toMatch(/\((dato inventado|invented|dado inventado)\)/)
        if (answer.evidence) expect(answer.evidence, file).toMatch(/^https:\/\/example\.org\//)
      }
      if (roundsOf(profile).length === 2) {
        withTwoRounds++
        expect(answers.some((a) => a.history), file).toBe(true)
        expect(changeSincePreviousRound(profile), file).not.toBeNull()
      }
    }
    expect(withTwoRounds).toBeGreaterThanOrEqual(2)
  })

  it('--all 33 --out DIR writes 33 assessed illustrative profiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-illustrative-33-'))
    const result = run(['--all', '33', '--out', dir], projectRoot)
    expect(result.stdout.trim().split('\n')).toHaveLength(33)
    const files = readdirSync(dir).sort()
    expect(files).toEqual(countries.map((c) => `${c.code}.yaml`).sort())
    for (const file of files) {
      const profile = profileSchema.parse(parse(readFileSync(join(dir, file), 'utf8')))
      expect(profile.illustrative).toBe(true)
      expect(Object.keys(profile.assessments).length).toBeGreaterThan(20)
    }
    const bad = spawnSync(process.execPath, [script, '--all', '40', '--out', dir], {encoding: 'utf8'})
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--all takes a number of countries from 1 to 33/)
  })
})
