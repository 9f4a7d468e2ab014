import type Database from 'better-sqlite3'
import {AccountStore} from './account-store.js'
import {AuditLog} from './audit-log.js'
import {openDatabase} from './database.js'
import {ProfileHistory} from './profile-history.js'
import {SessionStore} from './session-store.js'

/** Everything `--data DIR` holds, over one database connection. */
export interface AccountsData {
  readonly db: Database.Database
  readonly accounts: AccountStore
  readonly sessions: SessionStore
  readonly audit: AuditLog
  readonly history: ProfileHistory
  close(): void
}

export function openAccounts(dir: string): AccountsData {
  const db = openDatabase(dir)
  const accounts = new AccountStore(db)
  const audit = new AuditLog(db)
  return {
    db, accounts, audit,
    sessions: new SessionStore(db, accounts),
    history: new ProfileHistory(db, audit),
    close: () => db.close(),
  }
}
