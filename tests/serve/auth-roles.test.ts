import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {authFolders, Client, people, removeFolders, sha256File, signedIn, startAuthServer, type AuthFolders, type AuthServer} from './auth-server.js'
import {folderSnapshot} from '../helpers/folder-snapshot.js'

let folders: AuthFolders
let server: AuthServer
beforeAll(async () => {
  folders = authFolders([...Object.values(people), {user: 'target', role: 'viewer', password: 'the-right-password-5'}])
  server = await startAuthServer(folders)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  removeFolders(folders)
})

const profile = (code: string) => join(folders.content, 'countries', `${code}.yaml`)

const snapshot = folderSnapshot

const formHeaders = {'content-type': 'application/x-www-form-urlencoded'}

/** A multipart upload of a (tiny, not even valid) spreadsheet: refused before it is read. */
function upload(): {headers: Record<string, string>; body: Buffer} {
  const boundary = '----briefs-test'
  const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="etag"\r\n\r\n"x"\r\n--${boundary}\r\nContent-Disposition: form-data; name="form"; filename="AR-assessment.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nPK\u0003\u0004\r\n--${boundary}--\r\n`)
  return {headers: {'content-type': `multipart/form-data; boundary=${boundary}`}, body}
}

describe('briefs serve --auth: sessions', () => {
  it('without a session: 401 on the API, pages redirect to sign-in; health, sign-in and styles stay open', async () => {
    const anonymous = new Client(server.port)
    for (const path of ['/api/countries/CL/profile', '/api/select', '/api/countries/CL/history', '/api/batch', '/api/session']) {
      const answer = await anonymous.send('GET', path)
      expect(answer.status, path).toBe(401)
      expect(answer.json().error).toMatch(/Sign in first/)
    }
    expect((await anonymous.send('PUT', '/api/countries/CL/profile', {json: {context: 'x'}, headers: {'if-match': '"x"'}})).status).toBe(401)
    expect((await anonymous.send('DELETE', '/api/session')).status).toBe(401)
    for (const path of ['/', '/countries/CL', '/batch', '/region']) {
      const answer = await anonymous.send('GET', path)
      expect(answer.status, path).toBe(303)
      expect(answer.headers.location).toBe(`/signin?lang=es&next=${encodeURIComponent(path)}`)
    }
    expect((await anonymous.send('GET', '/healthz')).json()).toEqual({status: 'ok', auth: true})
    const signIn = await anonymous.send('GET', '/signin?lang=en')
    expect(signIn.status).toBe(200)
    expect(signIn.body).toContain('<form method="post" action="/signin?lang=en" id="signin"')
    expect((await anonymous.send('GET', '/assets/web.css')).status).toBe(200)
  })

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (not Secure over plain HTTP), and a new id at every sign-in', async () => {
    const client = new Client(server.port)
    // A session id planted before sign-in (fixation) is not the one signed in.
    client.cookies.set('briefs_session', 'A'.repeat(43))
    const answer = await client.signIn(people.cl)
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({user: 'ana.cl', role: 'editor', countries: ['CL']})
    const line = client.setCookies.at(-1)!
    expect(line).toMatch(/^briefs_session=[A-Za-z0-9_-]{43};/)
    expect(line).toMatch(/; HttpOnly/)
    expect(line).toMatch(/; SameSite=Strict/)
    expect(line).toMatch(/; Path=\//)
    expect(line).toMatch(/; Expires=/)
    expect(line).not.toMatch(/Secure/)
    const first = client.session!
    expect(first).not.toBe('A'.repeat(43))
    expect((await client.send('GET', '/api/session')).json()).toMatchObject({user: 'ana.cl'})
    // Signing in again, already signed in: another id, and the old one is dead.
    expect((await client.signIn(people.cl)).status).toBe(200)
    expect(client.session).not.toBe(first)
    const stale = new Client(server.port)
    stale.cookies.set('briefs_session', first)
    expect((await stale.send('GET', '/api/session')).status).toBe(401)
    // The database holds the id's hash, never the id.
    const db = new Database(join(folders.data, 'briefs.sqlite'), {readonly: true})
    try {
      const hashes = db.prepare('SELECT id_hash FROM sessions').pluck().all() as string[]
      expect(hashes).not.toContain(client.session)
      expect(hashes).toContain(createHash('sha256').update(client.session!).digest('base64url'))
    } finally {
      db.close()
    }
  })

  it('signed out → 401, and the old cookie, replayed, is worth nothing', async () => {
    const client = await signedIn(server.port, people.viewer)
    const id = client.session!
    expect((await client.send('GET', '/api/countries/AR/profile')).status).toBe(200)
    const out = await client.send('DELETE', '/api/session')
    expect(out.status).toBe(204)
    expect(client.setCookies.at(-1)).toMatch(/^briefs_session=;/)
    expect(client.session).toBeUndefined()
    expect((await client.send('GET', '/api/countries/AR/profile')).status).toBe(401)
    client.cookies.set('briefs_session', id)
    expect((await client.send('GET', '/api/countries/AR/profile')).status).toBe(401)
  })

  it('a session expires: past its time it is refused', async () => {
    const client = await signedIn(server.port, people.viewer)
    expect((await client.send('GET', '/api/session')).status).toBe(200)
    const db = new Database(join(folders.data, 'briefs.sqlite'))
    try {
      db.prepare('UPDATE sessions SET expires = ? WHERE id_hash = ?').run(new Date(Date.now() - 1000).toISOString(), createHash('sha256').update(client.session!).digest('base64url'))
    } finally {
      db.close()
    }
    expect((await client.send('GET', '/api/session')).status).toBe(401)
  })
})

describe('briefs serve --auth: roles', () => {
  it('CL\'s editor reads and saves CL', async () => {
    const client = await signedIn(server.port, people.cl)
    const got = await client.send('GET', '/api/countries/CL/profile')
    expect(got.status).toBe(200)
    const put = await client.send('PUT', '/api/countries/CL/profile', {json: {...got.json(), yaml: undefined, context: 'Saved by the Chilean team.'}, headers: {'if-match': String(got.headers.etag)}})
    expect(put.status).toBe(200)
    expect(readFileSync(profile('CL'), 'utf8')).toContain('Saved by the Chilean team.')
    expect((await client.send('GET', '/countries/CL')).status).toBe(200)
    expect((await client.send('GET', '/api/countries/CL/assessment.xlsx')).status).toBe(200)
    expect((await client.send('GET', '/api/countries/CL/history')).status).toBe(200)
    expect((await client.send('GET', '/api/build?country=CL&format=md')).status).toBe(200)
    // A brief of the text alone shows no answers: open to every account.
    expect((await client.send('GET', '/api/select?guideline=VII')).status).toBe(200)
    // The list of countries shows only its own.
    const list = await client.send('GET', '/countries')
    expect(list.body).toContain('href="/countries/CL')
    expect(list.body).not.toContain('href="/countries/AR')
  })

  it('CL\'s editor is refused AR on every route that touches it, and every file keeps its bytes', async () => {
    const client = await signedIn(server.port, people.cl)
    const before = snapshot(folders.content)
    const arBefore = sha256File(profile('AR'))
    const {headers: uploadHeaders, body: uploadBody} = upload()
    const refused: [string, string, {headers?: Record<string, string>; body?: string | Buffer; json?: unknown}?][] = [
      ['GET', '/api/countries/AR/profile'],
      ['PUT', '/api/countries/AR/profile', {json: {context: 'Written by CL'}, headers: {'if-match': '"anything"'}}],
      ['GET', '/countries/AR'],
      ['GET', '/countries/ar'],
      ['POST', '/countries/AR', {headers: formHeaders, body: 'etag=x&shown=&context=Written+by+CL'}],
      ['POST', '/countries/AR/assessment', {headers: uploadHeaders, body: uploadBody}],
      ['GET', '/api/countries/AR/assessment.xlsx'],
      ['GET', '/api/countries/AR/history'],
      ['GET', '/api/countries/AR/history/1'],
      ['POST', '/api/countries/AR/history/1/restore', {headers: {'if-match': '"x"'}}],
      ['POST', '/countries/AR/history/1/restore', {headers: formHeaders, body: 'etag=x'}],
      // Briefs that show AR's answers: its country brief in every way of asking, a region's, the batch's documents.
      ['GET', '/api/build?country=AR&format=md'],
      ['GET', '/api/build?country=Argentina&format=json'],
      ['GET', '/api/select?country=AR'],
      ['GET', '/preview?country=AR'],
      ['GET', '/?country=AR'],
      ['GET', '/region'],
      ['GET', '/api/build?region=lac&format=md'],
      ['GET', '/api/select?region=south-america'],
      ['GET', '/batch'],
      ['GET', '/api/batch'],
      ['POST', '/api/batch', {json: {config: 'batch.yaml'}}],
      ['POST', '/batch', {headers: formHeaders, body: 'config=batch.yaml'}],
      ['GET', '/out/country-ar-es.pdf'],
    ]
    for (const [method, path, options] of refused) {
      const answer = await client.send(method, path, options)
      expect(answer.status, `${method} ${path}`).toBe(403)
      expect(answer.body, `${method} ${path}`).toMatch(/Refused: ana\.cl \(editor of CL\)/)
    }
    expect(sha256File(profile('AR'))).toBe(arBefore)
    expect(snapshot(folders.content)).toBe(before)
  })

  it('a viewer reads every country and writes none', async () => {
    const client = await signedIn(server.port, people.viewer)
    const before = snapshot(folders.content)
    const got = await client.send('GET', '/api/countries/AR/profile')
    expect(got.status).toBe(200)
    expect((await client.send('GET', '/countries/AR')).status).toBe(200)
    expect((await client.send('GET', '/api/select?region=lac')).status).toBe(200)
    expect((await client.send('GET', '/batch')).status).toBe(200)
    for (const [method, path, options] of [
      ['PUT', '/api/countries/AR/profile', {json: {...got.json(), yaml: undefined, context: 'Viewer wrote this'}, headers: {'if-match': String(got.headers.etag)}}],
      ['POST', '/countries/CL', {headers: formHeaders, body: 'etag=x&shown=&context=Viewer'}],
      ['POST', '/api/batch', {json: {}}],
    ] as const) {
      const answer = await client.send(method, path, options)
      expect(answer.status, `${method} ${path}`).toBe(403)
      expect(answer.body).toMatch(/Refused: vera \(viewer\)/)
    }
    expect(snapshot(folders.content)).toBe(before)
  })

  it('a write from a foreign Origin is refused, even with a valid session', async () => {
    const client = await signedIn(server.port, people.cl)
    const got = await client.send('GET', '/api/countries/CL/profile')
    const before = sha256File(profile('CL'))
    const body = {...got.json(), yaml: undefined, context: 'Forged from another site'}
    for (const headers of [{origin: 'http://evil.example'}, {'sec-fetch-site': 'cross-site'}, {'sec-fetch-site': 'same-site', origin: `http://attacker.127.0.0.1.nip.io:${server.port}`}]) {
      const answer = await client.send('PUT', '/api/countries/CL/profile', {json: body, headers: {'if-match': String(got.headers.etag), ...headers}})
      expect(answer.status, JSON.stringify(headers)).toBe(403)
      expect(answer.json().error).toMatch(/from another site/)
    }
    // Sign-in itself from another site (login CSRF) too.
    expect((await new Client(server.port).send('POST', '/api/session', {json: {user: people.cl.user, password: people.cl.password}, headers: {origin: 'http://evil.example'}})).status).toBe(403)
    expect(sha256File(profile('CL'))).toBe(before)
    // From its own page's origin it goes through.
    const own = await client.send('PUT', '/api/countries/CL/profile', {json: body, headers: {'if-match': String(got.headers.etag), origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin'}})
    expect(own.status).toBe(200)
  })

  it('an account removed on the command line is signed out at once', async () => {
    const {briefs} = await import('../helpers/cli.js')
    const client = await signedIn(server.port, people.ar)
    expect((await client.send('GET', '/api/countries/AR/profile')).status).toBe(200)
    const run = briefs(['accounts', 'remove', people.ar.user, '--data', folders.data])
    expect(run.status).toBe(0)
    expect((await client.send('GET', '/api/countries/AR/profile')).status).toBe(401)
    expect((await client.signIn(people.ar)).status).toBe(401)
  })
})

describe('briefs serve --auth: brute force', () => {
  it('12 wrong passwords for one user: the 11th and 12th get 429 with Retry-After, and then even the right password waits', async () => {
    const client = new Client(server.port)
    const statuses: number[] = []
    let last
    for (let i = 0; i < 12; i++) {
      last = await client.signIn({user: 'target', password: `wrong guess ${i}`})
      statuses.push(last.status)
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
    const retry = Number(last!.headers['retry-after'])
    expect(retry).toBeGreaterThan(800)
    expect(retry).toBeLessThanOrEqual(900)
    expect(last!.json().error).toMatch(/Too many wrong passwords for `target`/)
    expect((await client.signIn({user: 'target', password: 'the-right-password-5'})).status).toBe(429)
    // Another user from the same address is not locked out by it.
    expect((await client.signIn(people.viewer)).status).toBe(200)
    // The audit log has the refusals, by name and address.
    const db = new Database(join(folders.data, 'briefs.sqlite'), {readonly: true})
    try {
      expect(db.prepare("SELECT count(*) FROM audit WHERE action = 'session.refused' AND user = 'target' AND address = '127.0.0.1'").pluck().get()).toBe(10)
    } finally {
      db.close()
    }
  })

  it('the sign-in page says so too, in the page\'s language, with 429', async () => {
    const client = new Client(server.port)
    const answer = await client.send('POST', '/signin?lang=en', {headers: formHeaders, body: 'user=target&password=again-wrong&next=%2F'})
    expect(answer.status).toBe(429)
    expect(answer.headers['retry-after']).toMatch(/^\d+$/)
    expect(answer.body).toMatch(/Too many failed attempts\. Try again in \d+ minutes\./)
  })

  it('many user names from one address: blocked after 30 wrong passwords', async () => {
    const client = new Client(server.port)
    // The tests above left failures from this address (each one in the audit log); the limit counts them too.
    const db = new Database(join(folders.data, 'briefs.sqlite'), {readonly: true})
    const counted = db.prepare("SELECT count(*) FROM audit WHERE action = 'session.refused' AND address = '127.0.0.1'").pluck().get() as number
    db.close()
    expect(counted).toBeGreaterThanOrEqual(10)
    const left = 30 - counted
    const statuses: number[] = []
    for (let i = 0; i < left + 2; i++) statuses.push((await client.signIn({user: `nobody${i}`, password: 'not-a-password'})).status)
    expect(statuses).toEqual([...Array(left).fill(401), 429, 429])
    const answer = await client.signIn(people.admin)
    expect(answer.status).toBe(429)
    expect(answer.json().error).toMatch(/from this address/)
  })
})
