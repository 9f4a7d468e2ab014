import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {profileSchema} from '../../source/annotate/profiles.js'
import {updateProfileText} from '../../source/annotate/write-profile.js'
import {readProfileForm} from '../../source/serve/profile-page.js'
import {sharedServer} from '../serve/server-process.js'

const server = sharedServer()

const withHistory = `country: CL
context: ''
focus:
  guidelines: []
  audiences: []
  themes: []
assessments:
  1:
    status: implemented
    form: CL-assessment.xlsx
    received: 2026-06-10
    history:
      # round one
      - status: in-progress
        form: CL-assessment.xlsx
        received: 2026-03-02
        replaced: 2026-06-10
`

// The web editor saves answers as before; the rounds kept in `history` stay as they are.
describe('web saves keep an answer\'s history', {timeout: 120_000}, () => {
  it('the profile page\'s form', () => {
    const current = profileSchema.parse(parse(withHistory))
    const {update, errors} = readProfileForm({'shown': ['1'], 'a.1.status': ['not-applicable'], 'a.1.note': ['Cambiado en la web'], 'etag': ['x']}, current, new Set([1]), 'es')
    expect(errors).toEqual({})
    const text = updateProfileText(withHistory, update)
    const saved = profileSchema.parse(parse(text))
    expect(saved.assessments['1']!.status).toBe('not-applicable')
    expect(saved.assessments['1']!.history).toEqual(current.assessments['1']!.history)
    expect(text).toContain('# round one')
  })

  it('PUT /api/countries/CL/profile with the JSON it got', async () => {
    const path = join(server().content, 'countries', 'CL.yaml')
    writeFileSync(path, withHistory)
    const got = await fetch(`${server().url}api/countries/CL/profile`)
    expect(got.status).toBe(200)
    const {yaml: _yaml, ...profile} = await got.json()
    expect(profile.assessments['1'].history).toHaveLength(1)
    profile.assessments['1'].status = 'not-started'
    const put = await fetch(`${server().url}api/countries/CL/profile`, {
      method: 'PUT', headers: {'content-type': 'application/json', 'if-match': got.headers.get('etag')!}, body: JSON.stringify(profile),
    })
    expect(put.status).toBe(200)
    const saved = parse(readFileSync(path, 'utf8'))
    expect(saved.assessments['1'].status).toBe('not-started')
    expect(saved.assessments['1'].history).toEqual([{status: 'in-progress', form: 'CL-assessment.xlsx', received: '2026-03-02', replaced: '2026-06-10'}])
    expect(readFileSync(path, 'utf8')).toContain('# round one')
  })
})
