import {isOneOf} from '../model/vocabulary.js'

/** Who may do what: the one place the workspace's permissions are decided. */
export const roles = ['admin', 'editor', 'viewer'] as const
export type Role = (typeof roles)[number]

/** A signed-in person as the server sees them: never the password hash. */
export interface Account {
  readonly id: number
  readonly name: string
  readonly role: Role
  /** The countries an editor may read and edit (ISO codes); empty for admins and viewers, who see all. */
  readonly countries: readonly string[]
}

/** The single user of a workspace started without `--auth`: everything, as before accounts existed. */
export const localAccount: Account = {id: 0, name: 'local', role: 'admin', countries: []}

/** Read one country's profile, history and self-assessment (and briefs that show its answers). */
export function mayReadCountry(account: Account, code: string): boolean {
  return account.role !== 'editor' || account.countries.includes(code)
}

/** Change one country's profile (form, API, spreadsheet import, restore). */
export function mayWriteCountry(account: Account, code: string): boolean {
  return account.role === 'admin' || (account.role === 'editor' && account.countries.includes(code))
}

/**
 * See what many countries answered at once: region briefs and their page, the
 * batch's documents (country briefs of every country). Editors see only their
 * own countries' answers, so not these.
 */
export function maySeeAllCountries(account: Account): boolean {
  return account.role !== 'editor'
}

/** Run a batch (it writes the output folder every reader downloads from). */
export function mayRunBatch(account: Account): boolean {
  return account.role === 'admin'
}

export function isRole(value: unknown): value is Role {
  return isOneOf(roles, value)
}
