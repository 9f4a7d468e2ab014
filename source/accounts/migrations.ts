import type Database from 'better-sqlite3'

/** One step of the schema. Steps are numbered from 1, applied in order, each once, in its own transaction; a released step is never edited, only followed. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions, audit log, profile versions',
    sql: `
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
        password_hash TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
      ) STRICT;
      CREATE TABLE account_countries (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        code TEXT NOT NULL CHECK (length(code) = 2),
        PRIMARY KEY (account_id, code)
      ) STRICT;
      -- Only a hash of the session id is kept: a copy of the database signs nobody in.
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        expires TEXT NOT NULL,
        address TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_account ON sessions(account_id);
      -- Names, not ids: the trail keeps who did what after an account is removed.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        user TEXT,
        address TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX audit_target ON audit(target, id);
      CREATE TABLE profile_versions (
        id INTEGER PRIMARY KEY,
        country TEXT NOT NULL,
        time TEXT NOT NULL,
        user TEXT,
        action TEXT NOT NULL,
        text TEXT NOT NULL,
        changes TEXT NOT NULL,
        audit_id INTEGER REFERENCES audit(id)
      ) STRICT;
      CREATE INDEX profile_versions_country ON profile_versions(country, id);
    `,
  },
]

/** Bring the database to the newest schema; returns the versions applied now. */
export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL) STRICT')
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  const newest = Math.max(0, ...done)
  const known = Math.max(0, ...steps.map((s) => s.version))
  if (newest > known) throw new Error(`Cannot use a database at schema version ${newest}: this program knows versions up to ${known} (a newer briefs made it)`)
  const applied: number[] = []
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    if (done.has(step.version)) continue
    db.transaction(() => {
      db.exec(step.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)').run(step.version, step.name, new Date().toISOString())
    })()
    applied.push(step.version)
  }
  return applied
}
