import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

export const projectRoot = join(import.meta.dirname, '..', '..')
export const cliPath = join(projectRoot, 'dist', 'cli', 'main.js')

export interface Run {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** Run the built `briefs` command as a user would (`npm test` builds first). */
export function briefs(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: {...process.env, ...options.env},
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 300_000,
  })
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}
