import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {BrowserContext, Page} from 'puppeteer-core'
import {parse} from 'yaml'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sharedBrowser} from '../helpers/browser.js'
import {authFolders, people, removeFolders, startAuthServer, type AuthAccount, type AuthFolders, type AuthServer} from './auth-server.js'

const browser = sharedBrowser()
let folders: AuthFolders
let server: AuthServer
beforeAll(async () => {
  folders = authFolders([people.cl, people.admin])
  server = await startAuthServer(folders)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  removeFolders(folders)
})

const contextOf = () => (parse(readFileSync(join(folders.content, 'countries', 'CL.yaml'), 'utf8')) as {context: string}).context

/** A browser of its own (its own cookies), signed in through the sign-in page from `path`. */
async function signInAt(path: string, account: AuthAccount): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser().createBrowserContext()
  const page = await context.newPage()
  await page.goto(`${server.url}${path.slice(1)}`)
  expect(new URL(page.url()).pathname).toBe('/signin')
  await page.type('input[name=user]', account.user)
  await page.type('input[name=password]', account.password)
  await Promise.all([page.waitForNavigation(), page.click('#signin button[type=submit]')])
  return {context, page}
}

const historyRows = (page: Page) => page.$$eval('#history tbody tr', (rows) => rows.map((tr) => ({
  who: tr.querySelector('.who')!.textContent!.trim(),
  action: tr.querySelector('.action')!.textContent!.trim(),
  fields: [...tr.querySelectorAll('.changes code')].map((c) => c.textContent),
})))

describe('the hosted workspace in a real browser', () => {
  it('a page asks to sign in, refuses a wrong password, then comes back to the page; the cookie is out of script\'s reach', async () => {
    const context = await browser().createBrowserContext()
    try {
      const page = await context.newPage()
      await page.goto(`${server.url}countries/CL?lang=en`)
      expect(new URL(page.url()).pathname).toBe('/signin')
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Sign in')
      await page.type('input[name=user]', people.cl.user)
      await page.type('input[name=password]', 'not the password')
      const [refused] = await Promise.all([page.waitForNavigation(), page.click('#signin button[type=submit]')])
      expect(refused!.status()).toBe(401)
      expect(await page.$eval('#signin-error', (e) => e.textContent)).toBe('Wrong user name or password.')
      expect(await page.$eval('input[name=user]', (e) => (e as HTMLInputElement).value)).toBe(people.cl.user)
      await page.type('input[name=password]', people.cl.password)
      await Promise.all([page.waitForNavigation(), page.click('#signin button[type=submit]')])
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/countries/CL?lang=en')
      expect(await page.$eval('#signed-in', (e) => e.textContent)).toBe('ana.cl (editor)')
      const [cookie] = await page.cookies()
      expect(cookie).toMatchObject({name: 'briefs_session', httpOnly: true, sameSite: 'Strict', path: '/'})
      expect(await page.evaluate(() => document.cookie)).toBe('')
      // Another country's page: refused.
      const other = await page.goto(`${server.url}countries/AR`)
      expect(other!.status()).toBe(403)
      // Sign out: back to the sign-in page, and the profile asks again.
      await page.goto(`${server.url}countries/CL`)
      await Promise.all([page.waitForNavigation(), page.click('#session button[type=submit]')])
      expect(new URL(page.url()).pathname).toBe('/signin')
      await page.goto(`${server.url}countries/CL`)
      expect(new URL(page.url()).pathname).toBe('/signin')
    } finally {
      await context.close()
    }
  }, 60_000)

  it('two people save CL; the History section shows both, who and what; restoring the first version saves it again', async () => {
    const editor = await signInAt('/countries/CL?guideline=VII', people.cl)
    const admin = await signInAt('/countries/CL?guideline=VII', people.admin)
    try {
      await editor.page.$eval('textarea[name=context]', (e) => ((e as HTMLTextAreaElement).value = 'Texto del equipo de Chile.'))
      await Promise.all([editor.page.waitForNavigation(), editor.page.click('#profile button[type=submit]')])
      expect(await editor.page.$('#saved')).not.toBeNull()

      await admin.page.reload()
      const first = await admin.page.$eval('#profile tbody tr', (tr) => tr.id.slice(4))
      await admin.page.select(`select[name="a.${first}.status"]`, 'implemented')
      await Promise.all([admin.page.waitForNavigation(), admin.page.click('#profile button[type=submit]')])

      await editor.page.reload()
      const rows = await historyRows(editor.page)
      expect(rows.slice(0, 2)).toEqual([
        {who: 'admin', action: 'guardado', fields: [`assessments.${first}.status`]},
        {who: 'ana.cl', action: 'guardado', fields: ['context']},
      ])
      expect(rows.at(-1)).toMatchObject({action: 'primera versión registrada'})
      expect(await editor.page.$eval('#history tbody tr:first-child', (tr) => tr.textContent)).toContain('versión actual')

      // Restore the editor's own version (the second row): its context stays, the admin's answer goes.
      await Promise.all([editor.page.waitForNavigation(), editor.page.click('#history tbody tr:nth-child(2) form.restore button')])
      expect(await editor.page.$eval('#restored', (e) => e.textContent)).toMatch(/^Se restauró la versión \d+ como una nueva versión\.$/)
      expect(contextOf()).toBe('Texto del equipo de Chile.')
      const profile = parse(readFileSync(join(folders.content, 'countries', 'CL.yaml'), 'utf8')) as {assessments: Record<string, unknown>}
      expect(profile.assessments[first]).toBeUndefined()
      const after = await historyRows(editor.page)
      expect(after[0]).toEqual({who: 'ana.cl', action: 'versión restaurada', fields: [`assessments.${first}.status`]})
    } finally {
      await editor.context.close()
      await admin.context.close()
    }
  }, 90_000)
})
