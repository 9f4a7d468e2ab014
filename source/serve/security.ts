import {timingSafeEqual} from 'node:crypto'
import {isIP} from 'node:net'
import type {FastifyReply, FastifyRequest} from 'fastify'
import {HttpError} from './http-error.js'

export interface SecurityOptions {
  /** The host the server listens on. */
  readonly host: string
  /** Required on every request when set (always set for a host other than loopback). */
  readonly token: string | null
  /**
   * Behind a reverse proxy (`--trust-proxy`): the proxy chooses which names
   * reach the server (its `server_name`), so the Host is not checked here,
   * and this server's own origin is the proxy's (`https://` and the forwarded
   * host), which the Origin of a write must equal.
   */
  readonly trustProxy?: boolean
}

export const tokenCookie = 'briefs_token'

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Pages: scripts and styles from this server only, no inline script, nothing framed but the preview, forms posting here only. */
export const pageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** The HTML preview of a brief: its own inlined styles and fonts, no script at all (sandboxed), framed by the compose page only. */
export const previewCsp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"

/**
 * The checks every request passes, in order: the Host header names this
 * server (a DNS-rebinding page cannot reach it under a name of its own); the
 * token, when there is one; and for requests that change something, the
 * browser says they come from this server's own pages (CSRF).
 */
export function guard(options: SecurityOptions, port: () => number) {
  const token = options.token === null ? null : Buffer.from(options.token)
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const host = request.headers.host ?? ''
    const parsed = parseHost(host)
    if (!options.trustProxy && (!parsed || parsed.port !== port() || !hostAllowed(parsed.name, options.host))) {
      throw new HttpError(421, `Unexpected Host \`${host}\`: this server answers to ${isLoopback(options.host) ? `127.0.0.1:${port()} and localhost:${port()}` : `its own address and port ${port()}`}`)
    }
    if (token) {
      const given = tokenOf(request)
      if (given === null || !sameSecret(Buffer.from(given), token)) throw new HttpError(401, 'Missing or wrong token: open the URL the server printed (it carries ?token=…) or send `Authorization: Bearer <token>`', {headers: {'www-authenticate': 'Bearer realm="briefs"'}})
      // The printed URL carries the token once; a strict same-site cookie carries it after, so links need not repeat it.
      if ((request.query as Record<string, unknown> | undefined)?.['token'] !== undefined) {
        void reply.header('set-cookie', `${tokenCookie}=${encodeURIComponent(given)}; Path=/; HttpOnly; SameSite=Strict`)
      }
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const site = request.headers['sec-fetch-site']
      const origin = request.headers.origin
      const own = options.trustProxy ? `${request.protocol}://${request.host}` : `http://${host}`
      if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== own)) {
        throw new HttpError(403, `Refused a ${request.method} from another site (Origin \`${origin ?? 'none'}\`, Sec-Fetch-Site \`${site ?? 'none'}\`): changes come from this server's own pages only`)
      }
    }
  }
}

function parseHost(value: string): {name: string; port: number} | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/i.exec(value)
  if (!match) return null
  return {name: match[1]!.toLowerCase(), port: Number(match[2])}
}

/**
 * A loopback server answers to loopback names only. A server on another
 * host answers to that host's name and to IP literals (a rebinding attack
 * needs a domain name of its own, so literals are safe to accept).
 */
function hostAllowed(name: string, bound: string): boolean {
  if (isLoopback(name)) return true
  if (isLoopback(bound)) return false
  const bare = name.replace(/^\[|\]$/g, '')
  return name === bound.toLowerCase() || isIP(bare) !== 0
}

function tokenOf(request: FastifyRequest): string | null {
  const auth = request.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.['token']
  if (typeof fromQuery === 'string') return fromQuery
  const cookie = request.headers.cookie
  if (cookie) {
    for (const part of cookie.split(';')) {
      const [k, ...v] = part.trim().split('=')
      if (k === tokenCookie) return decodeURIComponent(v.join('='))
    }
  }
  return null
}

function sameSecret(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Headers on every answer. */
export const commonHeaders = {
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on the page's own form posts.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const
