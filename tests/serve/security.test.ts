import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {request} from 'node:http'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cliPath} from '../helpers/cli.js'
import {sharedServer, startServer} from './server-process.js'
import {folderSnapshot} from '../helpers/folder-snapshot.js'

const server = sharedServer()

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** A raw HTTP request (fetch would not let a test set Host or Origin). */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({host: '127.0.0.1', port, method, path, headers: {host: `127.0.0.1:${port}`, ...headers}}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8')}))
    })
    req.on('error', reject)
    if (body !== undefined) req.end(body)
    else req.end()
  })
}

const snapshot = folderSnapshot

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const formHeaders = {'content-type': 'application/x-www-form-urlencoded'}

describe('briefs serve refuses what it must', () => {
  it('a foreign Host (DNS rebinding) gets 421', async () => {
    const answer = await send(server().port, 'GET', '/api/select', {host: `attacker.example:${server().port}`})
    expect(answer.status).toBe(421)
    expect(JSON.parse(answer.body).error).toMatch(/Unexpected Host/)
    expect((await send(server().port, 'GET', '/api/select', {host: `localhost:${server().port}`})).status).toBe(200)
    expect((await send(server().port, 'GET', '/api/select', {host: `127.0.0.1:${server().port + 1}`})).status).toBe(421)
  })

  it('a cross-origin POST (CSRF) gets 403 and writes nothing', async () => {
    const before = snapshot(server().content)
    const page = await send(server().port, 'GET', '/countries/CL')
    const etag = /name="etag" value="([^"]+)"/.exec(page.body)![1]!.replace(/&quot;/g, '"')
    const body = form({etag, shown: '', context: 'Escrito por otro sitio'})
    const cross = await send(server().port, 'POST', '/countries/CL', {...formHeaders, origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site'}, body)
    expect(cross.status).toBe(403)
    const sameSite = await send(server().port, 'POST', '/countries/CL', {...formHeaders, 'sec-fetch-site': 'same-site'}, body)
    expect(sameSite.status).toBe(403)
    expect((await send(server().port, 'PUT', '/api/countries/CL/profile', {'content-type': 'application/json', origin: 'http://attacker.example', 'if-match': etag}, '{}')).status).toBe(403)
    expect(snapshot(server().content)).toBe(before)
    // The same post from the page's own origin goes through.
    const own = await send(server().port, 'POST', '/countries/CL', {...formHeaders, origin: `http://127.0.0.1:${server().port}`, 'sec-fetch-site': 'same-origin'}, body)
    expect(own.status).toBe(303)
    expect(readFileSync(join(server().content, 'countries', 'CL.yaml'), 'utf8')).toContain('Escrito por otro sitio')
  })

  it('`../` in a country code or a file name is refused and nothing outside is read or written', async () => {
    const before = snapshot(server().content)
    for (const path of ['/api/countries/..%2F..%2Fpackage/profile', '/countries/..%2Fcountries', '/api/countries/C%2E/profile']) {
      const answer = await send(server().port, 'GET', path)
      expect([400, 404]).toContain(answer.status)
    }
    const put = await send(server().port, 'PUT', '/api/countries/..%2FCL/profile', {'content-type': 'application/json', 'if-match': '"x"'}, '{}')
    expect(put.status).toBe(400)
    for (const name of ['..%2Fpackage.json', '..%2F..%2Fetc%2Fpasswd', '.manifest.json', 'a%2F..%2F..%2Fpackage.json']) {
      const answer = await send(server().port, 'GET', `/out/${name}`)
      expect(answer.status).toBe(400)
    }
    expect(snapshot(server().content)).toBe(before)
  })

  it('an oversized body gets 413 and writes nothing', async () => {
    const before = snapshot(server().content)
    const big = form({etag: '"x"', shown: '', context: 'x'.repeat(300 * 1024)})
    expect((await send(server().port, 'POST', '/countries/CL', formHeaders, big)).status).toBe(413)
    const json = JSON.stringify({context: 'y'.repeat(300 * 1024)})
    const answer = await send(server().port, 'PUT', '/api/countries/CL/profile', {'content-type': 'application/json', 'if-match': '"x"'}, json)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error).toMatch(/too large/i)
    expect(snapshot(server().content)).toBe(before)
  })

  it('an oversized or badly named upload is refused and writes nothing', async () => {
    const before = snapshot(server().content)
    const boundary = 'briefsboundary'
    const multipart = (filename: string, bytes: Buffer) => Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="etag"\r\n\r\n"x"\r\n--${boundary}\r\nContent-Disposition: form-data; name="form"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const headers = {'content-type': `multipart/form-data; boundary=${boundary}`}
    const big = await send(server().port, 'POST', '/countries/CL/assessment', headers, multipart('CL-assessment.xlsx', Buffer.alloc(11 * 1024 * 1024, 1)))
    expect(big.status).toBe(413)
    const escape = await send(server().port, 'POST', '/countries/CL/assessment', headers, multipart('../../CL.yaml', Buffer.from('x')))
    expect(escape.status).toBe(400)
    const notForm = await send(server().port, 'POST', '/countries/CL/assessment', headers, multipart('CL-assessment.xlsx', Buffer.from('not a spreadsheet')))
    expect(notForm.status).toBe(422)
    expect(snapshot(server().content)).toBe(before)
  })

  it('a host other than loopback needs a token; then every request must carry it', async () => {
    const refused = spawnSync(process.execPath, [cliPath, 'serve', '--port', '0', '--host', '0.0.0.0'], {encoding: 'utf8', env: {...process.env, BRIEFS_TOKEN: ''}, timeout: 30_000})
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/without a token/)
    const token = 'a-long-enough-secret-token'
    const open = await startServer(['--host', '0.0.0.0', '--token', token])
    try {
      const missing = await send(open.port, 'GET', '/api/select')
      expect(missing.status).toBe(401)
      expect((await send(open.port, 'GET', '/api/select', {authorization: 'Bearer wrong-token-of-the-same-size'})).status).toBe(401)
      expect((await send(open.port, 'GET', '/api/select', {authorization: `Bearer ${token}`})).status).toBe(200)
      // The printed URL's ?token= sets a strict cookie, so the pages' own links work after.
      const first = await send(open.port, 'GET', `/?token=${token}`)
      expect(first.status).toBe(200)
      const cookie = String(first.headers['set-cookie']).split(';')[0]!
      expect(cookie).toContain('briefs_token=')
      expect((await send(open.port, 'GET', '/countries', {cookie})).status).toBe(200)
    } finally {
      await open.stop()
    }
  })
})

describe('the JSON API', () => {
  it('select answers with the CLI\'s messages and statuses', async () => {
    const ok = await send(server().port, 'GET', '/api/select?country=CL&guideline=VII')
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body).counts.recommendations).toBe(17)
    const unknown = await send(server().port, 'GET', '/api/select?audience=subnational')
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body).error).toMatch(/Did you mean `subnational-government`/)
    // The same words as the command line.
    const cli = spawnSync(process.execPath, [cliPath, 'select', '--audience', 'subnational'], {encoding: 'utf8'})
    expect(cli.status).toBe(2)
    expect(cli.stderr.trim()).toBe(JSON.parse(unknown.body).error)
    expect((await send(server().port, 'GET', '/api/select?spec=%2Fetc%2Fpasswd')).status).toBe(400)
    expect((await send(server().port, 'GET', '/api/build?guideline=VII&format=exe')).status).toBe(400)
    expect((await send(server().port, 'GET', '/api/countries/ZZ/profile')).status).toBe(404)
  })

  it('profile GET/PUT with ETag and If-Match: 428 without, 409 on a stale version, 422 on invalid data', async () => {
    const got = await send(server().port, 'GET', '/api/countries/AR/profile')
    expect(got.status).toBe(200)
    const etag = String(got.headers['etag'])
    const profile = JSON.parse(got.body)
    const json = {'content-type': 'application/json'}
    const body = JSON.stringify({context: profile.context, focus: {guidelines: ['VII'], audiences: [], themes: []}, assessments: {62: {status: 'in-progress', note: 'Por la API'}}})
    expect((await send(server().port, 'PUT', '/api/countries/AR/profile', json, body)).status).toBe(428)
    const put = await send(server().port, 'PUT', '/api/countries/AR/profile', {...json, 'if-match': etag}, body)
    expect(put.status).toBe(200)
    expect(put.headers['etag']).not.toBe(etag)
    const file = readFileSync(join(server().content, 'countries', 'AR.yaml'), 'utf8')
    expect(file).toContain('Por la API')
    expect(file).toContain('# Perfil de país: Argentina')
    const stale = await send(server().port, 'PUT', '/api/countries/AR/profile', {...json, 'if-match': etag}, body)
    expect(stale.status).toBe(409)
    expect(JSON.parse(stale.body).current.assessments['62'].note).toBe('Por la API')
    const invalid = await send(server().port, 'PUT', '/api/countries/AR/profile', {...json, 'if-match': String(put.headers['etag'])}, JSON.stringify({assessments: {62: {status: 'done'}}}))
    expect(invalid.status).toBe(422)
    expect(JSON.parse(invalid.body).problems[0].path).toEqual(['assessments', '62', 'status'])
    expect(readFileSync(join(server().content, 'countries', 'AR.yaml'), 'utf8')).toBe(file)
  })
})
