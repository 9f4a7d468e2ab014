import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {environmentError, explainSystemError, usageError} from '../errors.js'
import {migrate} from './migrations.js'

/** The file in `--data` that holds accounts, sessions, the audit log and profile versions. */
export const databaseFile = 'briefs.sqlite'

/**
 * Open (or create) the database in `dir` and bring its schema up to date.
 * WAL lets readers go on while one writer commits; `synchronous = FULL`
 * makes a commit durable before the request that made it is answered, so a
 * power cut or `kill -9` loses nothing that was confirmed.
 */
export function openDatabase(dir: string): Database.Database {
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
  } catch (error) {
    throw environmentError(`Cannot create the data folder ${dir}: ${explainSystemError(error)}`)
  }
  const path = join(dir, databaseFile)
  let db: Database.Database
  try {
    db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // Another process (the `briefs accounts` command while the server runs) waits for the writer instead of failing.
    db.pragma('busy_timeout = 5000')
  } catch (error) {
    throw environmentError(`Cannot open the database ${path}: ${explainSystemError(error)}`)
  }
  try {
    migrate(db)
  } catch (error) {
    db.close()
    throw usageError(`Cannot use the database ${path}: ${explainSystemError(error)}`)
  }
  return db
}
