import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {logger} from './logger.js'
import {projectRoot} from '../content-paths.js'
import {errorCode, firstLine, usageError} from '../errors.js'
import {isLoopback} from '../serve/security.js'
import {createServer} from '../serve/server.js'

export interface ServeFlags {
  port: string
  host: string
  token?: string
  content?: string
  out: string
  site: string
  open?: boolean
  renderConcurrency?: string
}

/** `briefs serve`: the web workspace. The first line on stdout is its URL. */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`Unexpected \`${flags.port}\` in --port, expected 0 (any free port) to 65535`)
  const token = flags.token ?? process.env['BRIEFS_TOKEN'] ?? null
  if (!isLoopback(flags.host) && !token) {
    throw usageError(`Refusing to listen on ${flags.host} without a token: anyone on the network could use the workspace. Give --token SECRET (or set BRIEFS_TOKEN), or keep the default --host 127.0.0.1`)
  }
  if (token !== null && token.length < 16) throw usageError('Expected a --token (or BRIEFS_TOKEN) of at least 16 characters')
  let renderConcurrency = 2
  if (flags.renderConcurrency !== undefined) {
    renderConcurrency = Number(flags.renderConcurrency)
    if (!Number.isInteger(renderConcurrency) || renderConcurrency < 1 || renderConcurrency > 16) throw usageError(`Unexpected \`${flags.renderConcurrency}\` in --render-concurrency, expected 1 to 16`)
  }
  const {app, url} = await createServer({
    host: flags.host, port, token,
    content: flags.content ?? join(projectRoot, 'content'),
    out: flags.out,
    site: flags.site,
    renderConcurrency,
  })
  try {
    await app.listen({host: flags.host, port})
  } catch (error) {
    throw usageError(`Cannot listen on ${flags.host}:${port}: ${errorCode(error) ?? firstLine(error)}`)
  }
  const address = token ? `${url()}?token=${encodeURIComponent(token)}` : url()
  process.stdout.write(`${address}\n`)
  logger.info('Press Ctrl-C to stop.')
  if (flags.open) {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
    spawn(opener, [address], {stdio: 'ignore', detached: true}).on('error', () => logger.error(`Cannot open a browser (${opener}); open ${address} yourself`)).unref()
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void app.close().then(resolve, resolve)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
