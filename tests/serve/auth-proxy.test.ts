import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {briefs} from '../helpers/cli.js'
import {authFolders, Client, people, removeFolders, startAuthServer, type AuthFolders, type AuthServer} from './auth-server.js'

// Behind nginx: the proxy passes the public name, https and the client's address.
const proxied = {host: 'briefs.example.org', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7'}

let folders: AuthFolders
let server: AuthServer
beforeAll(async () => {
  folders = authFolders([people.cl])
  server = await startAuthServer(folders, ['--trust-proxy'])
}, 120_000)
afterAll(async () => {
  await server?.stop()
  removeFolders(folders)
})

describe('briefs serve --auth --trust-proxy', () => {
  it('behind a TLS proxy the cookie is Secure, the audit log has the client\'s address, logs are JSON lines with the proxy\'s request id', async () => {
    const client = new Client(server.port)
    const answer = await client.send('POST', '/api/session', {json: {user: people.cl.user, password: people.cl.password}, headers: {...proxied, 'x-request-id': 'nginx-4711'}})
    expect(answer.status).toBe(200)
    expect(answer.headers['x-request-id']).toBe('nginx-4711')
    expect(client.setCookies.at(-1)).toMatch(/; Secure/)
    const db = new Database(join(folders.data, 'briefs.sqlite'), {readonly: true})
    try {
      expect(db.prepare("SELECT address FROM audit WHERE action = 'session.signin'").pluck().get()).toBe('203.0.113.7')
    } finally {
      db.close()
    }
    // The "request completed" line is written as the answer goes out: wait for it to arrive.
    for (let i = 0; i < 50 && !server.stderr().includes('"reqId":"nginx-4711","res"'); i++) await new Promise((r) => setTimeout(r, 40))
    const lines = server.stderr().split('\n').filter((l) => l.startsWith('{'))
    const entries = lines.map((l) => JSON.parse(l) as {reqId?: string; req?: {url: string; remoteAddress: string}; res?: {statusCode: number}})
    expect(entries.find((e) => e.reqId === 'nginx-4711' && e.req)).toMatchObject({req: {url: '/api/session', remoteAddress: '203.0.113.7'}})
    expect(entries.find((e) => e.reqId === 'nginx-4711' && e.res)).toMatchObject({res: {statusCode: 200}})
    // Never a password in the log.
    expect(server.stderr()).not.toContain(people.cl.password)
  })

  it('a write must come from the proxy\'s own origin (https and the public name)', async () => {
    const client = new Client(server.port)
    expect((await client.send('POST', '/api/session', {json: {user: people.cl.user, password: people.cl.password}, headers: proxied})).status).toBe(200)
    const got = await client.send('GET', '/api/countries/CL/profile', {headers: proxied})
    const {yaml: _yaml, ...body} = got.json()
    const put = (origin: string) => client.send('PUT', '/api/countries/CL/profile', {json: {...body, context: `From ${origin}`}, headers: {...proxied, origin, 'if-match': String(got.headers.etag)}})
    expect((await put('http://briefs.example.org')).status).toBe(403)
    expect((await put('https://evil.example')).status).toBe(403)
    expect((await put('https://briefs.example.org')).status).toBe(200)
  })

  it('refuses flags that do not go together, with exit 2', () => {
    for (const args of [['serve', '--auth'], ['serve', '--data', folders.data], ['serve', '--trust-proxy'], ['serve', '--auth', '--data', folders.data, '--token', 'x'.repeat(20)]]) {
      const run = briefs(args)
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/--data|--auth|--trust-proxy/)
      expect(run.stdout).toBe('')
    }
  })
})
