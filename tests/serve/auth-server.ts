import {spawn, type ChildProcess} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readFileSync, rmSync} from 'node:fs'
import {request} from 'node:http'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {briefs, cliPath} from '../helpers/cli.js'
import {contentCopy} from './server-process.js'

/** A hosted workspace's folders: a copy of content/, an output folder and `--data`. */
export interface AuthFolders {
  readonly root: string
  readonly content: string
  readonly out: string
  readonly data: string
}

export interface AuthAccount {
  readonly user: string
  readonly role: 'admin' | 'editor' | 'viewer'
  readonly countries?: readonly string[]
  readonly password: string
}

/** The accounts most tests use: CL's editor, AR's editor, a viewer and an admin. */
export const people = {
  cl: {user: 'ana.cl', role: 'editor', countries: ['CL'], password: 'chile-team-password-1'},
  ar: {user: 'bruno.ar', role: 'editor', countries: ['AR'], password: 'argentina-team-pass-2'},
  viewer: {user: 'vera', role: 'viewer', password: 'reads-everything-3'},
  admin: {user: 'admin', role: 'admin', password: 'eclac-admin-password-4'},
} as const satisfies Record<string, AuthAccount>

/** Folders with the given accounts added through the real command (`briefs accounts add … --password-stdin`). */
export function authFolders(accounts: readonly AuthAccount[] = Object.values(people)): AuthFolders {
  const {root, content, out} = contentCopy()
  const data = join(root, 'data')
  for (const a of accounts) {
    const run = briefs(['accounts', 'add', a.user, '--role', a.role, ...(a.countries ?? []).flatMap((c) => ['--country', c]), '--password-stdin', '--data', data], {input: a.password})
    if (run.status !== 0) throw new Error(`briefs accounts add ${a.user} exited ${run.status}: ${run.stderr}`)
  }
  return {root, content, out, data}
}

export interface AuthServer {
  readonly url: string
  readonly port: number
  readonly child: ChildProcess
  stderr(): string
  stop(): Promise<void>
  /** SIGKILL: no handler runs, as with a power cut or the OOM killer. */
  kill(): Promise<void>
}

/** `briefs serve --auth --data DIR --port 0` on the folders, as an administrator runs it. */
export async function startAuthServer(folders: AuthFolders, args: string[] = []): Promise<AuthServer> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--auth', '--data', folders.data, '--content', folders.content, '--out', folders.out, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({input: child.stdout!}).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`briefs serve exited ${code}: ${stderr}`)))
  })
  const url = new URL(first)
  const ended = () => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))
  return {
    url: `${url.origin}/`, port: Number(url.port), child,
    stderr: () => stderr,
    async stop() {
      const done = ended()
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await done
    },
    async kill() {
      const done = ended()
      child.kill('SIGKILL')
      await done
    },
  }
}

export function removeFolders(folders: AuthFolders): void {
  rmSync(folders.root, {recursive: true, force: true})
}

export interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
  json<T = Record<string, unknown>>(): T
}

/**
 * An HTTP client with a cookie jar of its own, as one browser has: it keeps
 * the cookies the server sets and sends them back. Raw node:http, so a test
 * can set Origin and Sec-Fetch-Site as a browser would.
 */
export class Client {
  readonly port: number
  readonly cookies = new Map<string, string>()
  /** Every Set-Cookie header seen, for checking the flags. */
  readonly setCookies: string[] = []

  constructor(port: number) {
    this.port = port
  }

  send(method: string, path: string, options: {headers?: Record<string, string>; body?: string | Buffer; json?: unknown} = {}): Promise<Answer> {
    const headers: Record<string, string> = {host: `127.0.0.1:${this.port}`, ...options.headers}
    let body = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] = 'application/json'
    }
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return new Promise((resolve, reject) => {
      const req = request({host: '127.0.0.1', port: this.port, method, path, headers}, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) {
            this.setCookies.push(line)
            const [pair, ...attributes] = line.split(';').map((s) => s.trim())
            const [name, ...value] = pair!.split('=')
            const expired = attributes.some((a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()) || attributes.some((a) => /^max-age=0$/i.test(a))
            if (expired || value.join('=') === '') this.cookies.delete(name!)
            else this.cookies.set(name!, value.join('='))
          }
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T})
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  /** Sign in through the API; the answer's status (200 when the cookie is set). */
  async signIn(account: Pick<AuthAccount, 'user' | 'password'>): Promise<Answer> {
    return this.send('POST', '/api/session', {json: {user: account.user, password: account.password}})
  }

  get session(): string | undefined {
    return this.cookies.get('briefs_session')
  }
}

/** A client already signed in as `account`. */
export async function signedIn(port: number, account: AuthAccount): Promise<Client> {
  const client = new Client(port)
  const answer = await client.signIn(account)
  if (answer.status !== 200) throw new Error(`Cannot sign in as ${account.user}: ${answer.status} ${answer.body}`)
  return client
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}
