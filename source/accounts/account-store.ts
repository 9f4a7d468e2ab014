import type Database from 'better-sqlite3'
import {inputError, usageError} from '../errors.js'
import {hashPassword, passwordProblem, verifyPassword} from './passwords.js'
import {isRole, type Account, type Role} from './roles.js'

/** A user name: what people sign in with and what the audit log names. */
export const userNamePattern = /^[a-z0-9][a-z0-9._@-]{1,63}$/

export function userNameProblem(name: string): string | null {
  return userNamePattern.test(name) ? null : `Unexpected user name \`${name.slice(0, 80)}\`, expected 2 to 64 lower-case letters, digits and . _ @ - (starting with a letter or digit)`
}

interface AccountRow {
  id: number
  name: string
  role: string
  password_hash: string
  created: string
  updated: string
}

export interface AccountListing extends Account {
  readonly created: string
  readonly updated: string
}

/** Accounts in the database: add, list, remove, reset a password, check a password. */
export class AccountStore {
  readonly #db: Database.Database
  // Prepared once: the session check looks an account up on every request.
  readonly #byId: Database.Statement
  readonly #countriesOf: Database.Statement

  constructor(db: Database.Database) {
    this.#db = db
    this.#byId = db.prepare('SELECT id, name, role FROM accounts WHERE id = ?')
    this.#countriesOf = db.prepare('SELECT code FROM account_countries WHERE account_id = ? ORDER BY code').pluck()
  }

  async add(name: string, role: Role, countries: readonly string[], password: string): Promise<Account> {
    this.#check(name, role, countries, password)
    if (this.#row(name)) throw inputError(`Cannot add \`${name}\`: the account exists (use \`briefs accounts reset ${name}\` for a new password, or remove it first)`)
    const passwordHash = await hashPassword(password)
    const now = new Date().toISOString()
    const id = this.#db.transaction(() => {
      const {lastInsertRowid} = this.#db.prepare('INSERT INTO accounts (name, role, password_hash, created, updated) VALUES (?, ?, ?, ?, ?)').run(name, role, passwordHash, now, now)
      const insert = this.#db.prepare('INSERT INTO account_countries (account_id, code) VALUES (?, ?)')
      for (const code of countries) insert.run(lastInsertRowid, code)
      return Number(lastInsertRowid)
    })()
    return {id, name, role, countries: [...countries]}
  }

  /** Every account, by name, without its password hash. */
  list(): AccountListing[] {
    const rows = this.#db.prepare('SELECT id, name, role, created, updated FROM accounts ORDER BY name').all() as Omit<AccountRow, 'password_hash'>[]
    return rows.map((r) => ({id: r.id, name: r.name, role: r.role as Role, countries: this.#countries(r.id), created: r.created, updated: r.updated}))
  }

  byId(id: number): Account | null {
    const row = this.#byId.get(id) as AccountRow | undefined
    return row ? this.#account(row) : null
  }

  byName(name: string): Account | null {
    const row = this.#row(name)
    return row ? this.#account(row) : null
  }

  /** Remove an account and end its sessions (the audit log keeps its name). */
  remove(name: string): Account {
    const account = this.byName(name)
    if (!account) throw inputError(`Cannot remove \`${name}\`: no such account (see \`briefs accounts list\`)`)
    this.#db.prepare('DELETE FROM accounts WHERE id = ?').run(account.id)
    return account
  }

  /** A new password (and, if given, a new role and countries); every session of the account ends. */
  async reset(name: string, password: string, change: {role?: Role; countries?: readonly string[]} = {}): Promise<Account> {
    const account = this.byName(name)
    if (!account) throw inputError(`Cannot reset \`${name}\`: no such account (see \`briefs accounts list\`)`)
    const role = change.role ?? account.role
    const countries = change.countries ?? (change.role && change.role !== 'editor' ? [] : account.countries)
    this.#check(name, role, countries, password)
    const passwordHash = await hashPassword(password)
    this.#db.transaction(() => {
      this.#db.prepare('UPDATE accounts SET password_hash = ?, role = ?, updated = ? WHERE id = ?').run(passwordHash, role, new Date().toISOString(), account.id)
      this.#db.prepare('DELETE FROM account_countries WHERE account_id = ?').run(account.id)
      const insert = this.#db.prepare('INSERT INTO account_countries (account_id, code) VALUES (?, ?)')
      for (const code of countries) insert.run(account.id, code)
      this.#db.prepare('DELETE FROM sessions WHERE account_id = ?').run(account.id)
    })()
    return {id: account.id, name, role, countries: [...countries]}
  }

  /** The account when the password is its own; null otherwise (unknown name or wrong password take the same time). */
  async verify(name: string, password: string): Promise<Account | null> {
    const row = userNamePattern.test(name) ? this.#row(name) : undefined
    const ok = await verifyPassword(row?.password_hash ?? null, password)
    return ok && row ? this.#account(row) : null
  }

  #check(name: string, role: Role, countries: readonly string[], password: string): void {
    const nameProblem = userNameProblem(name)
    if (nameProblem) throw usageError(nameProblem)
    if (!isRole(role)) throw usageError(`Unexpected role \`${String(role)}\`, expected admin, editor or viewer`)
    if (role === 'editor' && countries.length === 0) throw usageError('An editor needs at least one --country CODE: the countries it may edit')
    if (role !== 'editor' && countries.length > 0) throw usageError(`Unexpected --country for a${role === 'admin' ? 'n' : ''} ${role}: only editors are limited to countries (${role}s see every country)`)
    const problem = passwordProblem(password)
    if (problem) throw inputError(problem)
  }

  #row(name: string): AccountRow | undefined {
    return this.#db.prepare('SELECT * FROM accounts WHERE name = ?').get(name) as AccountRow | undefined
  }

  #countries(id: number): string[] {
    return this.#countriesOf.all(id) as string[]
  }

  #account(row: Pick<AccountRow, 'id' | 'name' | 'role'>): Account {
    return {id: row.id, name: row.name, role: row.role as Role, countries: this.#countries(row.id)}
  }
}
