import {spawn, type ChildProcess} from 'node:child_process'
import {cpSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {afterAll, beforeAll} from 'vitest'
import {cliPath, projectRoot} from '../helpers/cli.js'

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly content: string
  readonly out: string
  readonly child: ChildProcess
  stop(): Promise<void>
}

/** A copy of content/ in a temporary folder: tests edit profiles there, never the real files. */
export function contentCopy(): {root: string; content: string; out: string} {
  const root = mkdtempSync(join(tmpdir(), 'briefs-serve-'))
  cpSync(join(projectRoot, 'content'), join(root, 'content'), {recursive: true})
  return {root, content: join(root, 'content'), out: join(root, 'out')}
}

/** `briefs serve --port 0` as a user runs it; resolves with the URL it prints first. */
export async function startServer(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const {root, content, out} = contentCopy()
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--content', content, '--out', out, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({input: child.stdout!})
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`briefs serve exited ${code}: ${stderr}`)))
  })
  const url = new URL(first)
  return {
    url: `${url.origin}/`, port: Number(url.port), content, out, child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(root, {recursive: true, force: true})
    },
  }
}

/** One server for a test file, started before its tests and stopped after them (as `sharedBrowser()`). */
export function sharedServer(): () => RunningServer {
  let server: RunningServer | undefined
  beforeAll(async () => {
    server = await startServer()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })
  return () => {
    if (!server) throw new Error('The test server has not started: call sharedServer() at the top of the file')
    return server
  }
}
