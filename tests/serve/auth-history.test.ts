import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {parse} from 'yaml'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {authFolders, people, removeFolders, signedIn, startAuthServer, type AuthFolders, type AuthServer, type Client} from './auth-server.js'

interface Version {
  id: number
  user: string | null
  action: string
  changes: {field: string; before: string | null; after: string | null}[]
}

let folders: AuthFolders
let server: AuthServer
beforeAll(async () => {
  folders = authFolders()
  server = await startAuthServer(folders)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  removeFolders(folders)
})

const profile = (code: string) => join(folders.content, 'countries', `${code}.yaml`)

/** GET the profile, change it with `edit`, PUT it back with If-Match; the answer. */
async function save(client: Client, code: string, edit: (p: Record<string, unknown>) => Record<string, unknown>) {
  const got = await client.send('GET', `/api/countries/${code}/profile`)
  expect(got.status).toBe(200)
  const {yaml: _yaml, ...current} = got.json()
  return client.send('PUT', `/api/countries/${code}/profile`, {json: edit(current), headers: {'if-match': String(got.headers.etag)}})
}

const history = async (client: Client, code: string) => (await client.send('GET', `/api/countries/${code}/history`)).json<{etag: string; versions: Version[]}>()

describe('briefs serve --auth: history and audit trail', () => {
  it('two saves by two users: both in the history, newest first, with their names and field-level changes', async () => {
    const editor = await signedIn(server.port, people.cl)
    const admin = await signedIn(server.port, people.admin)
    const original = readFileSync(profile('CL'), 'utf8')
    expect((await save(editor, 'CL', (p) => ({...p, context: 'Contexto del equipo de Chile.'}))).status).toBe(200)
    expect((await save(admin, 'CL', (p) => ({...p, assessments: {...(p['assessments'] as object), 47: {status: 'in-progress', note: 'Revisado por CEPAL.'}}}))).status).toBe(200)
    const {versions} = await history(editor, 'CL')
    expect(versions.map((v) => [v.user, v.action])).toEqual([['admin', 'save'], ['ana.cl', 'save'], [null, 'initial']])
    const [second, first] = versions
    expect(first!.changes).toContainEqual({field: 'context', before: (parse(original) as {context: string}).context || null, after: 'Contexto del equipo de Chile.'})
    expect(second!.changes).toEqual([
      {field: 'assessments.47.note', before: null, after: 'Revisado por CEPAL.'},
      {field: 'assessments.47.status', before: null, after: 'in-progress'},
    ])
    // The audit log has the same saves, with the address.
    const db = new Database(join(folders.data, 'briefs.sqlite'), {readonly: true})
    try {
      const rows = db.prepare("SELECT user, address, action, target FROM audit WHERE action LIKE 'profile.%' ORDER BY id").all()
      expect(rows).toEqual([
        {user: 'ana.cl', address: '127.0.0.1', action: 'profile.save', target: 'CL'},
        {user: 'admin', address: '127.0.0.1', action: 'profile.save', target: 'CL'},
      ])
    } finally {
      db.close()
    }
  })

  it('restores an earlier version as a new save: the file says it again, the history says who restored what', async () => {
    const editor = await signedIn(server.port, people.cl)
    const before = await history(editor, 'CL')
    const editorSave = before.versions.find((v) => v.user === 'ana.cl')!
    const old = (await editor.send('GET', `/api/countries/CL/history/${editorSave.id}`)).json<{yaml: string}>()
    const restored = await editor.send('POST', `/api/countries/CL/history/${editorSave.id}/restore`, {headers: {'if-match': before.etag}})
    expect(restored.status).toBe(200)
    expect(readFileSync(profile('CL'), 'utf8')).toBe(old.yaml)
    const after = await history(editor, 'CL')
    expect(after.versions[0]).toMatchObject({user: 'ana.cl', action: 'restore'})
    expect(after.versions[0]!.changes.map((c) => c.field)).toEqual(['assessments.47.note', 'assessments.47.status'])
    expect(after.versions[0]!.changes.every((c) => c.after === null)).toBe(true)
    // A stale If-Match is a conflict, nothing written.
    const text = readFileSync(profile('CL'), 'utf8')
    expect((await editor.send('POST', `/api/countries/CL/history/${editorSave.id}/restore`, {headers: {'if-match': before.etag}})).status).toBe(409)
    expect(readFileSync(profile('CL'), 'utf8')).toBe(text)
    expect((await editor.send('GET', '/api/countries/CL/history/999999')).status).toBe(404)
  })

  it('a change made outside the workspace (by hand, by the command line) shows as one, without a name', async () => {
    const {writeFileSync} = await import('node:fs')
    const text = readFileSync(profile('CL'), 'utf8')
    writeFileSync(profile('CL'), text.replace(/^context: .*$/m, "context: 'Editado a mano.'"))
    const {versions} = await history(await signedIn(server.port, people.viewer), 'CL')
    expect(versions[0]).toMatchObject({user: null, action: 'external'})
    expect(versions[0]!.changes).toContainEqual(expect.objectContaining({field: 'context', after: 'Editado a mano.'}))
  })

  it('the history and audit log survive a restart', async () => {
    const client = await signedIn(server.port, people.admin)
    const before = await history(client, 'CL')
    await server.stop()
    server = await startAuthServer(folders)
    const after = await history(await signedIn(server.port, people.admin), 'CL')
    expect(after.versions).toEqual(before.versions)
  })

  it('kill -9 in the middle of saves: the database is intact, every confirmed save is in it with its audit entry, every file whole', async () => {
    const codes = ['AR', 'BR', 'MX', 'UY']
    const admin = await signedIn(server.port, people.admin)
    const confirmed: string[] = []
    let stop = false
    const loop = async (code: string) => {
      for (let i = 0; !stop; i++) {
        const mark = `kill-test ${code} ${i}`
        try {
          const answer = await save(admin, code, (p) => ({...p, context: mark}))
          if (answer.status === 200) confirmed.push(mark)
        } catch {
          return // the server is gone
        }
      }
    }
    const loops = codes.map(loop)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await server.kill()
    stop = true
    await Promise.all(loops)
    expect(confirmed.length).toBeGreaterThan(4)

    const db = new Database(join(folders.data, 'briefs.sqlite'))
    try {
      expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      // A save is its version and its audit entry, both or neither.
      const orphans = db.prepare(`
        SELECT count(*) FROM audit a WHERE a.action = 'profile.save' AND NOT EXISTS (SELECT 1 FROM profile_versions v WHERE v.audit_id = a.id)`).pluck().get()
      expect(orphans).toBe(0)
      expect(db.prepare("SELECT count(*) FROM profile_versions WHERE action = 'save' AND audit_id IS NULL").pluck().get()).toBe(0)
      const recorded = new Set((db.prepare("SELECT text FROM profile_versions WHERE action = 'save' AND user = 'admin'").pluck().all() as string[]).map((t) => (parse(t) as {context: string}).context))
      for (const mark of confirmed) expect(recorded.has(mark), mark).toBe(true)
    } finally {
      db.close()
    }
    // Every profile file is whole, and after a restart the history ends with what the file says.
    server = await startAuthServer(folders)
    const client = await signedIn(server.port, people.admin)
    for (const code of codes) {
      const text = readFileSync(profile(code), 'utf8')
      expect((parse(text) as {context: string}).context).toMatch(new RegExp(`^kill-test ${code} \\d+$`))
      const got = await client.send('GET', `/api/countries/${code}/profile`)
      expect(got.status).toBe(200)
      const last = (await client.send('GET', `/api/countries/${code}/history/${(await history(client, code)).versions[0]!.id}`)).json<{yaml: string}>()
      expect(last.yaml).toBe(text)
    }
  })
})
