import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {loadCountries} from '../annotate/countries.js'
import {isRole, openAccounts, roles, type AccountsData, type Role} from '../accounts/index.js'
import {contentPathsAt, projectRoot} from '../content-paths.js'
import {usageError} from '../errors.js'
import {logger} from './logger.js'

export interface AccountFlags {
  data?: string
  role?: string
  country?: string[]
  passwordStdin?: boolean
  content?: string
  json?: boolean
}

/** `briefs accounts add USER --role R [--country CODE]... --password-stdin --data DIR`. */
export async function addAccountCommand(user: string, flags: AccountFlags): Promise<void> {
  const role = roleOf(flags.role, true)!
  const countries = countriesOf(flags)
  const password = passwordOf(flags)
  await withData(flags, async (data) => {
    const account = await data.accounts.add(user, role, countries, password)
    data.audit.append({user: null, address: null, action: 'account.add', target: account.name, detail: {role, countries}})
    logger.info(`Added ${account.name} (${describe(role, countries)})`)
  })
}

/** `briefs accounts list --data DIR [--json]`: names, roles, countries; never a password or its hash. */
export async function listAccountsCommand(flags: AccountFlags): Promise<void> {
  await withData(flags, async (data) => {
    const list = data.accounts.list()
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(list.map(({name, role, countries, created, updated}) => ({name, role, countries, created, updated})), null, 2)}\n`)
      return
    }
    for (const a of list) process.stdout.write(`${a.name}\t${a.role}\t${a.countries.join(',') || '-'}\t${a.updated.slice(0, 10)}\n`)
    if (list.length === 0) logger.info(`No accounts yet: add one with \`briefs accounts add NAME --role admin --password-stdin --data ${flags.data}\``)
  })
}

/** `briefs accounts remove USER --data DIR`: the account and its sessions go; the audit log keeps its name. */
export async function removeAccountCommand(user: string, flags: AccountFlags): Promise<void> {
  await withData(flags, async (data) => {
    const account = data.accounts.remove(user)
    data.audit.append({user: null, address: null, action: 'account.remove', target: account.name, detail: {role: account.role}})
    logger.info(`Removed ${account.name}`)
  })
}

/** `briefs accounts reset USER --password-stdin --data DIR [--role R] [--country CODE]...`: a new password (and role); its sessions end. */
export async function resetAccountCommand(user: string, flags: AccountFlags): Promise<void> {
  const role = roleOf(flags.role, false)
  const countries = flags.country && flags.country.length > 0 ? countriesOf(flags) : undefined
  const password = passwordOf(flags)
  await withData(flags, async (data) => {
    const account = await data.accounts.reset(user, password, {...(role ? {role} : {}), ...(countries ? {countries} : {})})
    data.audit.append({user: null, address: null, action: 'account.reset', target: account.name, detail: {role: account.role, countries: account.countries}})
    logger.info(`Reset ${account.name} (${describe(account.role, account.countries)}); its sessions ended`)
  })
}

async function withData(flags: AccountFlags, use: (data: AccountsData) => Promise<void>): Promise<void> {
  if (!flags.data) throw usageError('Missing --data DIR: the folder that holds the accounts (the same one `briefs serve --auth --data DIR` uses)')
  const data = openAccounts(resolve(flags.data))
  try {
    await use(data)
  } finally {
    data.close()
  }
}

function roleOf(value: string | undefined, required: boolean): Role | undefined {
  if (value === undefined) {
    if (required) throw usageError(`Missing --role: one of ${roles.join(', ')}`)
    return undefined
  }
  if (!isRole(value)) throw usageError(`Unknown role \`${value}\` in --role. Valid values: ${roles.join(', ')}`)
  return value
}

/** `--country` values as ISO codes the content's country list knows. */
function countriesOf(flags: AccountFlags): string[] {
  const given = (flags.country ?? []).flatMap((c) => c.split(',')).map((c) => c.trim().toUpperCase()).filter(Boolean)
  if (given.length === 0) return []
  const known = loadCountries(contentPathsAt(flags.content ? resolve(flags.content) : join(projectRoot, 'content')).countries).map((c) => c.code)
  for (const code of given) {
    if (!known.includes(code)) throw usageError(`Unknown country \`${code}\` in --country. Valid values: ${known.join(', ')}`)
  }
  return [...new Set(given)].sort()
}

/** The password from standard input (one line; its line end dropped): never from a flag, where `ps` and the shell history would show it. */
function passwordOf(flags: AccountFlags): string {
  if (!flags.passwordStdin) throw usageError('Missing --password-stdin: pipe the password in (`printf %s "$PASSWORD" | briefs accounts …`); a password is never taken as a flag, where other users and the shell history would see it')
  if (process.stdin.isTTY) throw usageError('Expected the password on standard input, not a terminal: pipe it in (`printf %s "$PASSWORD" | briefs accounts …`) or read it from a file (`< password.txt`)')
  let text: string
  try {
    text = readFileSync(0, 'utf8')
  } catch {
    text = ''
  }
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/)
  if (lines.length > 1) throw usageError('Expected one line on standard input (the password), got several')
  return lines[0]!
}

function describe(role: Role, countries: readonly string[]): string {
  return role === 'editor' ? `editor of ${countries.join(', ')}` : role
}
