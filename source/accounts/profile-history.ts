import type Database from 'better-sqlite3'
import type {AuditLog} from './audit-log.js'
import {fieldDiff, type FieldChange} from './field-diff.js'

/**
 * How a version came to be: the first text the history saw (`initial`), a
 * change made outside the workspace — a hand edit, `briefs assessment
 * import` on the command line, a save cut short before it was recorded
 * (`external`) — or a save, import or restore in the workspace.
 */
export const versionActions = ['initial', 'external', 'save', 'import', 'restore'] as const
export type VersionAction = (typeof versionActions)[number]

export interface ProfileVersion {
  readonly id: number
  readonly country: string
  readonly time: string
  readonly user: string | null
  readonly action: VersionAction
  /** The fields that differ from the version before. */
  readonly changes: readonly FieldChange[]
}

export interface ProfileVersionWithText extends ProfileVersion {
  readonly text: string
}

export interface RecordedSave {
  readonly country: string
  /** The file's text before the save (what the editor started from). */
  readonly before: string
  readonly after: string
  readonly user: string
  readonly address: string
  readonly action: 'save' | 'import' | 'restore'
  /** Added to the audit entry (the form's file name, the restored version). */
  readonly detail?: Readonly<Record<string, unknown>>
}

interface VersionRow {
  id: number
  country: string
  time: string
  user: string | null
  action: string
  text: string
  changes: string
}

/** Every version of each country's profile, with who made it and the field-level changes; YAML files in content/ stay the readable record. */
export class ProfileHistory {
  readonly #db: Database.Database
  readonly #audit: AuditLog
  readonly #insert: Database.Statement
  readonly #latest: Database.Statement
  readonly #list: Database.Statement

  constructor(db: Database.Database, audit: AuditLog) {
    this.#db = db
    this.#audit = audit
    this.#insert = db.prepare('INSERT INTO profile_versions (country, time, user, action, text, changes, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
    this.#latest = db.prepare('SELECT text FROM profile_versions WHERE country = ? ORDER BY id DESC LIMIT 1').pluck()
    this.#list = db.prepare('SELECT id, country, time, user, action, changes FROM profile_versions WHERE country = ? ORDER BY id DESC LIMIT ?')
  }

  /**
   * Record a save: its version and its audit entry in one transaction, so
   * neither is ever written without the other. The file is written first
   * (atomically); a process killed between the two leaves a file newer than
   * the history, which the next `sync` records as an external change.
   */
  record(save: RecordedSave): {version: number; audit: number} {
    return this.#db.transaction(() => {
      this.#sync(save.country, save.before)
      const changes = fieldDiff(save.before, save.after)
      const time = new Date().toISOString()
      const audit = this.#audit.append({time, user: save.user, address: save.address, action: `profile.${save.action}`, target: save.country, detail: {...save.detail, changes}})
      const {lastInsertRowid} = this.#insert.run(save.country, time, save.user, save.action, save.after, JSON.stringify(changes), audit)
      return {version: Number(lastInsertRowid), audit}
    }).immediate()
  }

  /** Make the history end with the file's current text (recording an external change if it does not). */
  sync(country: string, currentText: string): void {
    this.#db.transaction(() => this.#sync(country, currentText)).immediate()
  }

  /** Versions of a country's profile, newest first (texts left out). */
  list(country: string, limit = 200): ProfileVersion[] {
    const rows = this.#list.all(country, limit) as Omit<VersionRow, 'text'>[]
    return rows.map(version)
  }

  get(country: string, id: number): ProfileVersionWithText | null {
    const row = this.#db.prepare('SELECT * FROM profile_versions WHERE country = ? AND id = ?').get(country, id) as VersionRow | undefined
    return row ? {...version(row), text: row.text} : null
  }

  #sync(country: string, currentText: string): void {
    const latest = this.#latest.get(country) as string | undefined
    if (latest === currentText) return
    const changes = latest === undefined ? [] : fieldDiff(latest, currentText)
    this.#insert.run(country, new Date().toISOString(), null, latest === undefined ? 'initial' : 'external', currentText, JSON.stringify(changes), null)
  }
}

function version(row: Omit<VersionRow, 'text'>): ProfileVersion {
  return {id: row.id, country: row.country, time: row.time, user: row.user, action: row.action as VersionAction, changes: JSON.parse(row.changes) as FieldChange[]}
}
