import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {assessmentStatuses} from '../../source/model/vocabulary.js'

/** The Caribbean countries the region tests make answers for, with the date of their answers. */
export const answering = {JM: '2026-05-20', BB: '2026-06-02', TT: '2026-04-11'} as const

/**
 * Made-up profiles (`illustrative: true`) answering about half of the 113
 * recommendations each, the same on every run (a fixed-seed generator).
 */
export function writeIllustrativeProfiles(dir: string, countries: Readonly<Record<string, string>> = answering, seed = 23): void {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (const [code, date] of Object.entries(countries)) {
    const lines = ['# ILLUSTRATIVE EXAMPLE — NOT AN OFFICIAL ASSESSMENT (made up for a test).', `country: ${code}`, 'illustrative: true', "context: ''", 'assessments:']
    for (let n = 1; n <= 113; n++) {
      if (random() < 0.5) continue
      lines.push(`  ${n}:`, `    status: ${assessmentStatuses[Math.floor(random() * assessmentStatuses.length)]}`, `    assessed: ${date}`)
    }
    writeFileSync(join(dir, `${code}.yaml`), `${lines.join('\n')}\n`)
  }
}
