import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify'
import {localAccount, type Account, type AccountsData} from '../accounts/index.js'
import {HttpError} from './http-error.js'
import {label, pageLanguage, renderPage} from './page-context.js'

/** The session cookie's name. */
export const sessionCookie = 'briefs_session'

/**
 * Wrong passwords allowed before sign-in answers 429: per user name (a
 * guessing attack on one account) and per address (one client trying many
 * names). Only failures count, so 33 teams behind one office proxy can all
 * sign in. Counters live in the process (reset by a restart).
 */
export const signInLimits = {
  perUser: {max: 10, windowMs: 15 * 60_000},
  perAddress: {max: 30, windowMs: 15 * 60_000},
} as const

/** Paths answered without a session: the sign-in page and call, the health check, the styles the sign-in page uses. */
function isPublic(method: string, path: string): boolean {
  if (path === '/healthz' || path === '/signin' || path.startsWith('/assets/')) return true
  return path === '/api/session' && method === 'POST'
}

export interface AuthOptions {
  readonly data: AccountsData
}

/** Without `--auth`: every request is the local single user's, as before accounts existed. */
export function registerLocalUser(app: FastifyInstance): void {
  app.decorateRequest('account', null)
  app.addHook('onRequest', async (request) => {
    request.account = localAccount
  })
}

/**
 * `--auth`: every page and API call needs a session. The session hook runs
 * after the Host and Origin checks (`guard`), so a write from another site is
 * refused before any account is looked at.
 */
export async function registerAuth(app: FastifyInstance, {data}: AuthOptions): Promise<void> {
  app.decorateRequest('account', null)
  await app.register(cookie)
  await app.register(rateLimit, {global: false})
  const nameKey = (request: FastifyRequest) => `user:${signInName(request.body).toLowerCase().slice(0, 64)}`
  const perUser = app.createRateLimit({max: signInLimits.perUser.max, timeWindow: signInLimits.perUser.windowMs, keyGenerator: nameKey})
  const perAddress = app.createRateLimit({max: signInLimits.perAddress.max, timeWindow: signInLimits.perAddress.windowMs, keyGenerator: (request) => `address:${request.ip}`})

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!
    const account = data.sessions.account(request.cookies[sessionCookie])
    if (account) {
      request.account = account
      return
    }
    if (isPublic(request.method, path)) return
    if (request.method === 'GET' && !path.startsWith('/api/') && !(request.headers.accept ?? '').startsWith('application/json')) {
      // A page: to the sign-in page, which comes back here after.
      const lang = pageLanguage(request.query)
      return reply.redirect(`/signin?lang=${lang}&next=${encodeURIComponent(request.url)}`, 303)
    }
    throw new HttpError(401, 'Sign in first: POST /api/session with {"user", "password"} (the session may have expired or been signed out)', {headers: {'www-authenticate': 'Cookie realm="briefs"'}})
  })

  /** Check the limits, then the password; a new session (a new id) on success. */
  const signIn = async (request: FastifyRequest, reply: FastifyReply): Promise<Account> => {
    const name = signInName(request.body).trim().toLowerCase()
    const password = field(request.body, 'password')
    for (const limiter of [perUser, perAddress]) {
      const state = await limiter(request, {increment: false})
      if (!state.isAllowed && state.remaining === 0) {
        throw new HttpError(429, `Too many wrong passwords${limiter === perUser ? ` for \`${name.slice(0, 64)}\`` : ' from this address'}: try again in ${state.ttlInSeconds} s`, {headers: {'retry-after': String(state.ttlInSeconds)}, body: {retryAfter: state.ttlInSeconds}})
      }
    }
    const account = name && password ? await data.accounts.verify(name, password) : null
    if (!account) {
      await perUser(request)
      await perAddress(request)
      data.audit.append({user: name.slice(0, 64) || null, address: request.ip, action: 'session.refused', target: null, detail: {}})
      throw new HttpError(401, 'Wrong user name or password')
    }
    const previous = request.cookies[sessionCookie]
    const session = data.sessions.create(account, request.ip, previous)
    data.audit.append({user: account.name, address: request.ip, action: 'session.signin', target: null, detail: {}})
    void reply.setCookie(sessionCookie, session.id, {httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', expires: session.expires})
    request.account = account
    return account
  }

  const signOut = (request: FastifyRequest, reply: FastifyReply) => {
    const account = request.account
    data.sessions.end(request.cookies[sessionCookie])
    if (account) data.audit.append({user: account.name, address: request.ip, action: 'session.signout', target: null, detail: {}})
    void reply.clearCookie(sessionCookie, {httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https'})
  }

  app.post('/api/session', async (request, reply) => {
    if (!request.body || typeof request.body !== 'object') throw new HttpError(415, 'Expected JSON: {"user": "…", "password": "…"}')
    const account = await signIn(request, reply)
    return reply.send({user: account.name, role: account.role, countries: account.countries})
  })
  app.get('/api/session', async (request) => {
    const account = request.account!
    return {user: account.name, role: account.role, countries: account.countries}
  })
  app.delete('/api/session', async (request, reply) => {
    signOut(request, reply)
    return reply.code(204).send()
  })

  app.get('/signin', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const next = safeNext((request.query as Record<string, unknown>)['next'])
    return signInPage(reply, lang, next, null, 200)
  })
  app.post('/signin', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const next = safeNext(field(request.body, 'next'))
    try {
      await signIn(request, reply)
    } catch (error) {
      if (!(error instanceof HttpError) || (error.status !== 401 && error.status !== 429)) throw error
      for (const [k, v] of Object.entries(error.headers)) if (k !== 'www-authenticate') void reply.header(k, v)
      const message = error.status === 429 ? label(lang, 'web.signin.tooMany', {minutes: Math.max(1, Math.ceil(Number(error.headers['retry-after']) / 60))}) : label(lang, 'web.signin.failed')
      return signInPage(reply, lang, next, message, error.status, signInName(request.body))
    }
    return reply.redirect(next, 303)
  })
  app.post('/signout', async (request, reply) => {
    signOut(request, reply)
    return reply.redirect(`/signin?lang=${pageLanguage(request.query)}`, 303)
  })
}

function signInPage(reply: FastifyReply, lang: ReturnType<typeof pageLanguage>, next: string, error: string | null, status: number, user = '') {
  const body = renderPage('signin', lang, {page: 'signin', pageTitle: label(lang, 'web.signin.heading'), next, error, user})
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)
}

/** Only a path of this server (`/countries/CL`), never another site (`//evil.example`, `https://…`). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/signin') ? value : '/'
}

/** A field of a JSON body (`{"user": …}`) or of a posted form (every field a list). */
function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return ''
  const value = (body as Record<string, unknown>)[name]
  const one = Array.isArray(value) ? value.at(-1) : value
  return typeof one === 'string' ? one : ''
}

function signInName(body: unknown): string {
  return field(body, 'user')
}
