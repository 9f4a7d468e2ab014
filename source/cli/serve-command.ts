import {spawn} from 'node:child_process'
import {join, resolve} from 'node:path'
import {openAccounts} from '../accounts/index.js'
import {onExit} from '../shutdown.js'
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
  auth?: boolean
  data?: string
  trustProxy?: boolean
}

/** `briefs serve`: the web workspace. The first line on stdout is its URL. */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`Unexpected \`${flags.port}\` in --port, expected 0 (any free port) to 65535`)
  const auth = flags.auth ?? false
  if (auth && !flags.data) throw usageError('Missing --data DIR with --auth: the folder that holds the accounts, sessions, audit log and history (add accounts with `briefs accounts add USER --role admin --password-stdin --data DIR`)')
  if (!auth && flags.data !== undefined) throw usageError('Unexpected --data without --auth: the data folder holds the accounts of `briefs serve --auth --data DIR`')
  if (!auth && flags.trustProxy) throw usageError('Unexpected --trust-proxy without --auth: it is for the hosted workspace behind a reverse proxy (`briefs serve --auth --data DIR --trust-proxy`)')
  if (auth && flags.token !== undefined) throw usageError('Use --auth or --token, not both: with --auth every person signs in with an account of their own')
  const token = auth ? null : (flags.token ?? process.env['BRIEFS_TOKEN'] ?? null)
  if (!isLoopback(flags.host) && !token && !auth) {
    throw usageError(`Refusing to listen on ${flags.host} without a token: anyone on the network could use the workspace. Give --auth --data DIR (accounts), --token SECRET (or set BRIEFS_TOKEN), or keep the default --host 127.0.0.1`)
  }
  if (token !== null && token.length < 16) throw usageError('Expected a --token (or BRIEFS_TOKEN) of at least 16 characters')
  let renderConcurrency = 2
  if (flags.renderConcurrency !== undefined) {
    renderConcurrency = Number(flags.renderConcurrency)
    if (!Number.isInteger(renderConcurrency) || renderConcurrency < 1 || renderConcurrency > 16) throw usageError(`Unexpected \`${flags.renderConcurrency}\` in --render-concurrency, expected 1 to 16`)
  }
  const data = auth ? openAccounts(resolve(flags.data!)) : null
  if (data) {
    onExit(() => data.close())
    if (data.accounts.list().length === 0) logger.info(`No accounts yet: nobody can sign in until one is added (\`briefs accounts add NAME --role admin --password-stdin --data ${flags.data}\`; the server sees it at once).`)
    if (!isLoopback(flags.host) && !flags.trustProxy) logger.info(`Warning: listening on ${flags.host} over plain HTTP: passwords and session cookies cross the network unencrypted. Put a TLS proxy in front (docs/deploy.md) and use --trust-proxy.`)
  }
  const {app, url} = await createServer({
    host: flags.host, port, token,
    content: flags.content ?? join(projectRoot, 'content'),
    out: flags.out,
    site: flags.site,
    renderConcurrency,
    auth: data,
    trustProxy: flags.trustProxy ?? false,
    log: auth,
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
