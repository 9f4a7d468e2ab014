import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it} from 'vitest'
import {fieldDiff, migrate, migrations, openAccounts} from '../../source/accounts/index.js'
import {briefs} from '../helpers/cli.js'

const folders: string[] = []
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefs-accounts-'))
  folders.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, {recursive: true, force: true})
})

describe('the accounts database', () => {
  it('is created with every migration recorded once, in WAL mode; opening it again applies nothing', () => {
    const dir = dataDir()
    const data = openAccounts(dir)
    expect(data.db.pragma('journal_mode', {simple: true})).toBe('wal')
    expect(data.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(migrations.map(({version, name}) => ({version, name})))
    expect(migrate(data.db)).toEqual([])
    data.close()
    const again = openAccounts(dir)
    expect(again.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length)
    again.close()
  })

  it('a new migration is applied in order, once; a failing one leaves the schema as it was', () => {
    const db = new Database(':memory:')
    migrate(db)
    const next = migrations.length + 1
    expect(migrate(db, [...migrations, {version: next, name: 'notes', sql: 'ALTER TABLE accounts ADD COLUMN note TEXT'}])).toEqual([next])
    expect(() => migrate(db, [...migrations, {version: next, name: 'notes', sql: ''}, {version: next + 1, name: 'broken', sql: 'CREATE TABLE x (a); CREATE TABLE x (a)'}])).toThrow(/already exists/)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'x'").pluck().get()).toBe(0)
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(next)
    // A database from a newer program is not touched.
    expect(() => migrate(db, migrations)).toThrow(/knows versions up to/)
  })

  it('stores an argon2id hash, never the password; verifies it; a wrong password or unknown name gives null', async () => {
    const data = openAccounts(dataDir())
    await data.accounts.add('ana.cl', 'editor', ['CL'], 'chile-team-password-1')
    const stored = data.db.prepare('SELECT password_hash FROM accounts').pluck().get() as string
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(stored).not.toContain('chile-team-password-1')
    expect(await data.accounts.verify('ana.cl', 'chile-team-password-1')).toEqual({id: 1, name: 'ana.cl', role: 'editor', countries: ['CL']})
    expect(await data.accounts.verify('ana.cl', 'chile-team-password-2')).toBeNull()
    expect(await data.accounts.verify('nobody', 'chile-team-password-1')).toBeNull()
    data.close()
  })

  it('a reset ends the account\'s sessions; removing an account keeps its name in the audit log', async () => {
    const data = openAccounts(dataDir())
    const account = await data.accounts.add('vera', 'viewer', [], 'reads-everything-3')
    const {id} = data.sessions.create(account, '127.0.0.1', undefined)
    expect(data.sessions.account(id)?.name).toBe('vera')
    await data.accounts.reset('vera', 'a-brand-new-password')
    expect(data.sessions.account(id)).toBeNull()
    const again = data.sessions.create(account, '127.0.0.1', undefined)
    data.audit.append({user: 'vera', address: '127.0.0.1', action: 'session.signin', target: null, detail: {}})
    data.accounts.remove('vera')
    expect(data.sessions.account(again.id)).toBeNull()
    expect(data.audit.list().map((e) => e.user)).toEqual(['vera'])
    data.close()
  })
})

describe('fieldDiff', () => {
  it('names each changed field by its path, lists of values as one field, numbers in order', () => {
    const before = "country: CL\ncontext: 'Antes'\nfocus:\n  guidelines: [VII]\n  audiences: []\n  themes: []\nassessments:\n  9:\n    status: not-started\n  47:\n    status: in-progress\n    note: Mesa\n"
    const after = "country: CL\ncontext: 'Después'\nfocus:\n  guidelines: [VII, I]\n  audiences: []\n  themes: []\nassessments:\n  10:\n    status: implemented\n  47:\n    status: in-progress\n"
    expect(fieldDiff(before, after)).toEqual([
      {field: 'assessments.9.status', before: 'not-started', after: null},
      {field: 'assessments.10.status', before: null, after: 'implemented'},
      {field: 'assessments.47.note', before: 'Mesa', after: null},
      {field: 'context', before: 'Antes', after: 'Después'},
      {field: 'focus.guidelines', before: 'VII', after: 'VII, I'},
    ])
    expect(fieldDiff(before, before)).toEqual([])
  })
})

describe('briefs accounts', () => {
  it('adds, lists, resets and removes; the password comes from stdin and is never printed', () => {
    const data = dataDir()
    const password = 'a-secret-password-that-stays'
    const add = briefs(['accounts', 'add', 'ana.cl', '--role', 'editor', '--country', 'CL', '--country', 'uy', '--password-stdin', '--data', data], {input: `${password}\n`})
    expect(add.status).toBe(0)
    expect(add.stderr).toBe('Added ana.cl (editor of CL, UY)\n')
    const list = briefs(['accounts', 'list', '--data', data, '--json'])
    expect(list.status).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({name: 'ana.cl', role: 'editor', countries: ['CL', 'UY']})])
    const reset = briefs(['accounts', 'reset', 'ana.cl', '--role', 'viewer', '--password-stdin', '--data', data], {input: 'another-password-here'})
    expect(reset.status).toBe(0)
    expect(JSON.parse(briefs(['accounts', 'list', '--data', data, '--json']).stdout)[0]).toMatchObject({role: 'viewer', countries: []})
    expect(briefs(['accounts', 'remove', 'ana.cl', '--data', data]).status).toBe(0)
    expect(JSON.parse(briefs(['accounts', 'list', '--data', data, '--json']).stdout)).toEqual([])
    for (const run of [add, list, reset]) expect(run.stdout + run.stderr).not.toContain(password)
    const db = new Database(join(data, 'briefs.sqlite'), {readonly: true})
    expect(db.prepare('SELECT action, target FROM audit ORDER BY id').all()).toEqual([
      {action: 'account.add', target: 'ana.cl'}, {action: 'account.reset', target: 'ana.cl'}, {action: 'account.remove', target: 'ana.cl'},
    ])
    db.close()
  })

  it('--help works on every accounts command and names --password-stdin where a password is set', () => {
    for (const command of ['add', 'list', 'remove', 'reset']) {
      const run = briefs(['accounts', command, '--help'])
      expect(run.status).toBe(0)
      expect(run.stdout).toContain(`briefs accounts ${command}`)
      expect(run.stdout.includes('--password-stdin')).toBe(command === 'add' || command === 'reset')
    }
  })

  it('bad input: a clear message and its exit code, nothing added', () => {
    const data = dataDir()
    const cases: [string[], string, number, RegExp][] = [
      [['add', 'ana', '--role', 'owner', '--password-stdin'], 'long-enough-password', 2, /Unknown role `owner` in --role\. Valid values: admin, editor, viewer/],
      [['add', 'ana', '--role', 'editor', '--password-stdin'], 'long-enough-password', 2, /An editor needs at least one --country/],
      [['add', 'ana', '--role', 'editor', '--country', 'ZZ', '--password-stdin'], 'long-enough-password', 2, /Unknown country `ZZ` in --country/],
      [['add', 'ana', '--role', 'admin', '--country', 'CL', '--password-stdin'], 'long-enough-password', 2, /Unexpected --country for an admin/],
      [['add', 'Ana Maria', '--role', 'admin', '--password-stdin'], 'long-enough-password', 2, /Unexpected user name `Ana Maria`/],
      [['add', 'ana', '--role', 'admin'], 'long-enough-password', 2, /Missing --password-stdin/],
      [['add', 'ana', '--role', 'admin', '--password-stdin'], 'short', 1, /at least 12 characters, got 5/],
      [['add', 'ana', '--role', 'admin', '--password-stdin'], 'two\nlines', 2, /Expected one line/],
      [['remove', 'nobody'], '', 1, /Cannot remove `nobody`: no such account/],
    ]
    for (const [args, input, status, message] of cases) {
      const run = briefs(['accounts', ...args, '--data', data], {input})
      expect(run.status, args.join(' ')).toBe(status)
      expect(run.stderr, args.join(' ')).toMatch(message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
    expect(JSON.parse(briefs(['accounts', 'list', '--data', data, '--json']).stdout)).toEqual([])
    const missing = briefs(['accounts', 'list'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/--data/)
  })
})
