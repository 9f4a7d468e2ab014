import type {FastifyRequest} from 'fastify'
import {mayReadCountry, maySeeAllCountries, mayRunBatch, mayWriteCountry, type Account} from '../accounts/roles.js'
import type {View} from '../view/view.js'
import {HttpError} from './http-error.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who makes the request: the signed-in account, or the local single user without `--auth`. Null until the session hook ran. */
    account: Account | null
  }
}

/** The request's account; a request no hook vouched for is refused (never allowed by default). */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw new HttpError(401, 'Sign in first: POST /api/session with {"user", "password"}')
  return request.account
}

function who(account: Account): string {
  return account.role === 'editor' ? `${account.name} (editor of ${account.countries.join(', ')})` : `${account.name} (${account.role})`
}

/** 403 unless the account may read (or write) this country's profile, answers and history. Called before anything is read or written. */
export function allowCountry(request: FastifyRequest, code: string, access: 'read' | 'write'): Account {
  const account = accountOf(request)
  const ok = access === 'read' ? mayReadCountry(account, code) : mayWriteCountry(account, code)
  if (!ok) throw new HttpError(403, `Refused: ${who(account)} may not ${access === 'read' ? 'see' : 'change'} the profile of ${code}`)
  return account
}

/**
 * A brief made from a selection shows answers when it is a country's
 * (its self-assessment) or a region's (every country's): those need the
 * same right as reading the profiles. Briefs of the text alone are open to
 * every account.
 */
export function allowView(request: FastifyRequest, view: View): void {
  if (view.region) allowAllCountries(request, 'a region brief')
  if (view.country) allowCountry(request, view.country.code, 'read')
}

/** The batch page, its documents (country briefs of every country) and running it. */
export function allowBatch(request: FastifyRequest, access: 'read' | 'run'): Account {
  const account = access === 'read' ? allowAllCountries(request, "the batch's documents") : accountOf(request)
  if (access === 'run' && !mayRunBatch(account)) throw new HttpError(403, `Refused: ${who(account)} may not run a batch (admins only)`)
  return account
}

/** Pages that show every country's answers at once (the Region page). */
export function allowAllCountries(request: FastifyRequest, what: string): Account {
  const account = accountOf(request)
  if (!maySeeAllCountries(account)) throw new HttpError(403, `Refused: ${who(account)} may not see ${what}, which shows every country's answers`)
  return account
}
