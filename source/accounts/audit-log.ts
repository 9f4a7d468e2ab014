import type Database from 'better-sqlite3'

/** What the trail records; a closed set, so an auditor can filter by it. */
export const auditActions = [
  'session.signin', 'session.signout', 'session.refused',
  'profile.save', 'profile.import', 'profile.restore',
  'account.add', 'account.remove', 'account.reset',
  'batch.run',
] as const
export type AuditAction = (typeof auditActions)[number]

export interface AuditEntry {
  readonly id: number
  /** ISO 8601, UTC. */
  readonly time: string
  /** The account's name; null for the command line run by whoever holds the server's files. */
  readonly user: string | null
  /** The client's address (the proxy's client with `--trust-proxy`); null from the command line. */
  readonly address: string | null
  readonly action: AuditAction
  /** What the action was on: a country code, an account name, a batch config. */
  readonly target: string | null
  readonly detail: Readonly<Record<string, unknown>>
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'> & {readonly time?: string}

/** The append-only audit trail: rows are added, never changed or deleted by the program. */
export class AuditLog {
  readonly #db: Database.Database
  readonly #insert: Database.Statement

  constructor(db: Database.Database) {
    this.#db = db
    this.#insert = db.prepare('INSERT INTO audit (time, user, address, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)')
  }

  /** Append one entry; inside a caller's transaction it commits (or not) with it. */
  append(entry: NewAuditEntry): number {
    const {lastInsertRowid} = this.#insert.run(entry.time ?? new Date().toISOString(), entry.user, entry.address, entry.action, entry.target, JSON.stringify(entry.detail))
    return Number(lastInsertRowid)
  }

  /** Entries, newest first. */
  list(filter: {target?: string; action?: AuditAction; limit?: number} = {}): AuditEntry[] {
    const where: string[] = []
    const values: unknown[] = []
    if (filter.target !== undefined) {
      where.push('target = ?')
      values.push(filter.target)
    }
    if (filter.action !== undefined) {
      where.push('action = ?')
      values.push(filter.action)
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
    const rows = this.#db.prepare(sql).all(...values, filter.limit ?? 1000) as (Omit<AuditEntry, 'detail'> & {detail: string})[]
    return rows.map((r) => ({...r, detail: JSON.parse(r.detail) as Record<string, unknown>}))
  }
}
