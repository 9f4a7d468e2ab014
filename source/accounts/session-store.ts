import {createHash, randomBytes} from 'node:crypto'
import type Database from 'better-sqlite3'
import type {Account} from './roles.js'
import type {AccountStore} from './account-store.js'

/** How long a session lasts from sign-in: a working day; then sign in again. */
export const sessionHours = 12

/** A session id as the cookie carries it: 256 random bits, base64url. */
const idPattern = /^[A-Za-z0-9_-]{43}$/

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/**
 * Sessions: an id is made at every sign-in and never reused, so a session
 * id planted before sign-in is worth nothing after it (no fixation). Only
 * the id's hash is stored.
 */
export class SessionStore {
  readonly #db: Database.Database
  readonly #accounts: AccountStore
  readonly #lookup: Database.Statement

  constructor(db: Database.Database, accounts: AccountStore) {
    this.#db = db
    this.#accounts = accounts
    this.#lookup = db.prepare('SELECT account_id AS accountId, expires FROM sessions WHERE id_hash = ?')
  }

  /** A new session for the account; `replaces` (the id the browser had, if any) ends. Returns the id for the cookie. */
  create(account: Account, address: string, replaces: string | undefined, now = new Date()): {id: string; expires: Date} {
    const id = randomBytes(32).toString('base64url')
    const expires = new Date(now.getTime() + sessionHours * 3_600_000)
    this.#db.transaction(() => {
      if (replaces) this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashOf(replaces))
      // Expired sessions are swept as new ones are made, so the table stays the size of the people signed in.
      this.#db.prepare('DELETE FROM sessions WHERE expires <= ?').run(now.toISOString())
      this.#db.prepare('INSERT INTO sessions (id_hash, account_id, created, expires, address) VALUES (?, ?, ?, ?, ?)').run(hashOf(id), account.id, now.toISOString(), expires.toISOString(), address)
    })()
    return {id, expires}
  }

  /** The account signed in with this id, or null (unknown, expired, or its account removed). */
  account(id: string | undefined, now = new Date()): Account | null {
    if (!id || !idPattern.test(id)) return null
    const row = this.#lookup.get(hashOf(id)) as {accountId: number; expires: string} | undefined
    if (!row || row.expires <= now.toISOString()) return null
    return this.#accounts.byId(row.accountId)
  }

  /** End a session; true when there was one. */
  end(id: string | undefined): boolean {
    if (!id || !idPattern.test(id)) return false
    return this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashOf(id)).changes > 0
  }
}
