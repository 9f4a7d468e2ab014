import {regionContext} from './region-page.js'
import {tokensCss} from '../render/design-tokens.js'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import multipart from '@fastify/multipart'
import Fastify, {type FastifyInstance, type FastifyReply, type FastifyRequest} from 'fastify'
import JSZip from 'jszip'
import {profileSchema, type Profile} from '../annotate/profiles.js'
import type {AssessmentAnswer, ProfileUpdate} from '../annotate/write-profile.js'
import {BatchRuns, batchConfigs} from './batch-runs.js'
import {composeContext, selectionJson} from './compose.js'
import {HttpError, messageOf, statusOf} from './http-error.js'
import {label, linkWebEdition, pageLanguage, renderPage, webTemplates} from './page-context.js'
import {fieldErrors, profileContext, readProfileForm} from './profile-page.js'
import {countryCode, readStoredProfile, saveProfile, writeProfileText, type SaveResult} from './profile-store.js'
import type {AccountsData} from '../accounts/index.js'
import {mayReadCountry, mayWriteCountry} from '../accounts/roles.js'
import {registerAuth, registerLocalUser} from './auth.js'
import {historyRows} from './history-view.js'
import {accountOf, allowAllCountries, allowBatch, allowCountry, allowView} from './permissions.js'
import {commonHeaders, guard, pageCsp, previewCsp} from './security.js'
import {hasSite, siteCsp, siteFile} from './site-files.js'
import {isFormat, Workspace} from './workspace.js'
import {formats, type Format} from '../model/vocabulary.js'

export interface ServerOptions {
  readonly host: string
  readonly port: number
  readonly token: string | null
  readonly content: string
  readonly out: string
  /** The web edition's folder (`briefs site --out`), shown under /site/ when built. */
  readonly site?: string | undefined
  /** Renders at once on the shared browser. */
  readonly renderConcurrency?: number
  /** How long a render waits for a slot before 503 + Retry-After. */
  readonly queueTimeoutMs?: number
  /** Largest request body (forms, JSON). */
  readonly bodyLimit?: number
  readonly cacheBytes?: number
  /** `--auth`: accounts, sessions, the audit log and profile history (`--data DIR`); without it, the local single user. */
  readonly auth?: AccountsData | null
  /** `--trust-proxy`: a reverse proxy in front says the client's address and protocol (X-Forwarded-For, -Proto, -Host). */
  readonly trustProxy?: boolean
  /** JSON lines on stderr, one per request, with request ids. */
  readonly log?: boolean
}

const contentTypes: Record<Format | 'zip', string> = {
  html: 'text/html; charset=utf-8', pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  slides: 'application/pdf', handout: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  md: 'text/markdown; charset=utf-8', json: 'application/json; charset=utf-8', zip: 'application/zip',
}

const assets: Record<string, string> = {'web.css': 'text/css; charset=utf-8', 'web.js': 'text/javascript; charset=utf-8'}

/** The workspace server, not yet listening (`listen` starts it). */
export async function createServer(options: ServerOptions): Promise<{app: FastifyInstance; workspace: Workspace; url: () => string}> {
  const ws = new Workspace({
    content: options.content, out: options.out,
    renderConcurrency: options.renderConcurrency ?? 2,
    queueTimeoutMs: options.queueTimeoutMs ?? 60_000,
    cacheBytes: options.cacheBytes ?? 128 * 1024 * 1024,
  })
  ws.project()
  webTemplates()
  const runs = new BatchRuns(ws)
  const auth = options.auth ?? null
  const trustProxy = options.trustProxy ?? false
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 256 * 1024, return503OnClosing: true, forceCloseConnections: true,
    // stderr: stdout's first line is the URL. Requests are logged by method, path and status, never bodies or cookies.
    logger: options.log ? {level: 'info', stream: process.stderr} : false,
    trustProxy,
    // Behind a proxy its request id ties the two logs together; otherwise Fastify numbers requests.
    requestIdHeader: trustProxy ? 'x-request-id' : false,
  })
  let port = options.port
  const url = () => `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`
  app.addHook('onListen', async () => {
    const address = app.server.address()
    if (address && typeof address === 'object') port = address.port
  })
  app.addHook('onClose', async () => {
    await ws.close()
  })

  // Forms post urlencoded: every field as a list (checkboxes repeat names).
  app.addContentTypeParser('application/x-www-form-urlencoded', {parseAs: 'string'}, (_request, body, done) => {
    const fields: Record<string, string[]> = {}
    for (const [k, v] of new URLSearchParams(body as string)) (fields[k] ??= []).push(v)
    done(null, fields)
  })

  // Only the self-assessment upload is multipart: one file, within the size the form reader accepts anyway.
  const {formLimits} = await import('../assessment/read-form.js')
  await app.register(multipart, {limits: {fileSize: formLimits.fileBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024}})

  app.addHook('onRequest', guard({host: options.host, token: options.token, trustProxy}, () => port))
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  if (auth) await registerAuth(app, {data: auth})
  else registerLocalUser(app)

  app.get('/healthz', async (_request, reply) => {
    // Up, and the database answers (with --auth).
    if (auth) auth.db.prepare('SELECT 1').get()
    return reply.header('cache-control', 'no-store').send({status: 'ok', auth: auth !== null})
  })

  /** Who is signed in, for the page header (nothing without --auth). */
  const session = (request: FastifyRequest) => {
    if (!auth || !request.account) return null
    const lang = pageLanguage(request.query)
    return {user: request.account.name, role: label(lang, `web.role.${request.account.role}`)}
  }
  const page = (request: FastifyRequest, name: string, lang: ReturnType<typeof pageLanguage>, context: Record<string, unknown>, q: Readonly<Record<string, unknown>> = {}) =>
    renderPage(name, lang, {...context, session: session(request)}, q)

  /** A profile change in the history and the audit log (with --auth): who, from where, what changed. */
  const record = (request: FastifyRequest, code: string, result: SaveResult, action: 'save' | 'import' | 'restore', detail: Record<string, unknown> = {}) => {
    if (!auth || result.kind !== 'saved' || result.previous === result.stored.text) return
    auth.history.record({country: code, before: result.previous, after: result.stored.text, user: accountOf(request).name, address: request.ip, action, detail})
  }

  /** The profile page's context, with its History section when there is a history. */
  const profilePage = (request: FastifyRequest, stored: ReturnType<typeof readStoredProfile>, lang: ReturnType<typeof pageLanguage>, options: Parameters<typeof profileContext>[3], restored?: string) => {
    const context: Record<string, unknown> = profileContext(ws, stored, lang, options)
    if (auth) {
      auth.history.sync(stored.code, stored.text)
      context['history'] = historyRows(auth.history.list(stored.code, 50), lang)
      context['canRestore'] = mayWriteCountry(accountOf(request), stored.code)
      if (restored && /^\d+$/.test(restored)) context['restored'] = label(lang, 'web.history.restored', {version: restored})
    }
    return context
  }
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(commonHeaders)) reply.header(k, v)
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', pageCsp)
    return payload
  })

  app.setErrorHandler((error, request, reply) => {
    const status = statusOf(error)
    const message = messageOf(error)
    if (status >= 500 && !(error instanceof HttpError) && statusOf(error) !== 503) request.log.error(error)
    if (error instanceof HttpError) for (const [k, v] of Object.entries(error.headers)) reply.header(k, v)
    reply.code(status)
    if (wantsJson(request)) return reply.send({error: message, status, ...(error instanceof HttpError ? error.body : {})})
    const lang = pageLanguage(request.query)
    return reply.type('text/html; charset=utf-8').send(renderPage('error', lang, {page: 'error', pageTitle: label(lang, 'web.error'), status, message}))
  })
  app.setNotFoundHandler((request) => {
    throw new HttpError(404, `Nothing at ${request.method} ${request.url.split('?')[0]}`)
  })

  // ---- pages ----
  const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)

  app.get('/', async (request, reply) => {
    const lang = pageLanguage(request.query)
    allowView(request, ws.view(query(request)))
    return html(reply, page(request, 'compose', lang, composeContext(ws, query(request), lang), query(request)))
  })

  app.get('/preview', async (request, reply) => {
    const view = ws.view(query(request))
    allowView(request, view)
    const {bytes} = await ws.build(view, 'html')
    return reply.type(contentTypes.html).header('content-security-policy', previewCsp).header('cache-control', 'no-store').send(Buffer.from(bytes))
  })

  app.get('/countries', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const project = ws.project()
    const account = accountOf(request)
    // An editor is shown its own countries only: the list tells what each has answered.
    const countries = project.countries.filter((c) => mayReadCountry(account, c.code)).map((c) => {
      const profile = project.profile(c.code)
      const focus = [...profile.focus.guidelines, ...profile.focus.audiences, ...profile.focus.themes]
      return {code: c.code, name: c.name[lang], subregion: c.subregion, focus: focus.join(', '), assessed: Object.keys(profile.assessments).length}
    })
    return html(reply, page(request, 'countries', lang, {page: 'profiles', pageTitle: label(lang, 'web.nav.profiles'), countries}))
  })

  app.get('/region', async (request, reply) => {
    const lang = pageLanguage(request.query)
    allowAllCountries(request, 'the Region page')
    return html(reply, page(request, 'region', lang, regionContext(ws, query(request), lang), query(request)))
  })

  app.get<{Params: {code: string}}>('/countries/:code', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'read')
    const stored = readStoredProfile(ws, code)
    const q = query(request)
    return html(reply, page(request, 'profile', lang, profilePage(request, stored, lang, {guideline: str(q['guideline']), saved: q['saved'] === '1', imported: str(q['imported'])}, str(q['restored'])), q))
  })

  app.post<{Params: {code: string}}>('/countries/:code', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'write')
    const body = formBody(request)
    const current = readStoredProfile(ws, code)
    const numbers = new Set(ws.project().model.recommendations.map((r) => r.number))
    const {form, update, errors, etag} = readProfileForm(body, current.profile, numbers, lang)
    const guideline = str(query(request)['guideline'])
    if (Object.keys(errors).length > 0) return html(reply, page(request, 'profile', lang, profilePage(request, current, lang, {guideline, form, errors, invalid: true})), 422)
    const result = saveProfile(ws, code, update, etag)
    if (result.kind === 'conflict') return html(reply, page(request, 'profile', lang, profilePage(request, current, lang, {guideline, form, conflict: result.current})), 409)
    if (result.kind === 'invalid') return html(reply, page(request, 'profile', lang, profilePage(request, current, lang, {guideline, form, errors: fieldErrors(result.problems), invalid: true})), 422)
    record(request, code, result, 'save')
    // Post/redirect/get: a reload shows the saved profile and does not post again.
    return reply.redirect(`/countries/${code}?lang=${lang}&saved=1${guideline ? `&guideline=${guideline}` : ''}`, 303)
  })

  // A filled self-assessment spreadsheet: the same checks as `briefs assessment import`, then saved like the form (If-Match).
  app.post<{Params: {code: string}}>('/countries/:code/assessment', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'write')
    if (!request.isMultipart()) throw new HttpError(415, 'Expected the spreadsheet as multipart/form-data')
    const file = await request.file()
    if (!file) throw new HttpError(400, 'Expected a file in the field `form`')
    const name = file.filename
    if (!/^[\w .()-]{1,120}\.xlsx$/i.test(name) || name.startsWith('.')) throw new HttpError(400, `Unexpected file name \`${name.slice(0, 80)}\`, expected a name such as \`${code}-assessment.xlsx\``)
    const bytes = await file.toBuffer()
    const etagField = file.fields['etag']
    const etag = etagField && !Array.isArray(etagField) && 'value' in etagField ? String(etagField.value) : ''
    const current = readStoredProfile(ws, code)
    const answer = (status: number, options: Parameters<typeof profileContext>[3]) => html(reply, page(request, 'profile', lang, profilePage(request, current, lang, options)), status)
    // The reader takes a path: the upload goes to a private temporary folder under its own (checked) name, removed after.
    const dir = mkdtempSync(join(tmpdir(), 'briefs-upload-'))
    let plan
    try {
      writeFileSync(join(dir, name), bytes)
      const {readForm} = await import('../assessment/read-form.js')
      const {planImport} = await import('../assessment/plan-import.js')
      plan = planImport(ws.project(), await readForm(join(dir, name)), name, {country: code})
    } catch (error) {
      if (statusOf(error) !== 422) throw error
      return answer(422, {uploadError: messageOf(error)})
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
    const count = Object.keys(plan.updates).length
    if (count === 0) return reply.redirect(`/countries/${code}?lang=${lang}&imported=0`, 303)
    const result = saveProfile(ws, code, {assessments: plan.updates, replaced: plan.replaced, imported: {form: name, date: new Date().toISOString().slice(0, 10)}}, etag)
    if (result.kind === 'conflict') return answer(409, {conflict: result.current})
    if (result.kind === 'invalid') return answer(422, {uploadError: result.problems.map((p) => p.message).join('\n')})
    record(request, code, result, 'import', {form: name})
    return reply.redirect(`/countries/${code}?lang=${lang}&imported=${count}`, 303)
  })

  const batchPage = (request: FastifyRequest, lang: ReturnType<typeof pageLanguage>, error: string | null = null) => {
    const state = runs.state
    const last = state?.events.at(-1)
    let status = ''
    if (state?.running) status = label(lang, 'web.batch.running', {done: state.done, total: state.total})
    else if (last?.type === 'end') status = label(lang, 'web.batch.finished', {rendered: last.rendered, skipped: last.skipped, failed: last.failed.length})
    else if (last?.type === 'error') status = last.message
    return page(request, 'batch', lang, {
      page: 'batch', pageTitle: label(lang, 'web.batch.heading'), configs: batchConfigs(ws), running: state?.running ?? false,
      // Without script the page reloads itself while the batch runs; with script, server-sent events update it.
      refresh: state?.running ? 3 : null,
      done: state?.done ?? 0, total: state?.total ?? 0, status, error,
      documents: runs.documents().map((d) => ({path: d.path, size: `${Math.round(d.size / 1024)} KB`, pages: d.pages ?? ''})),
    })
  }
  app.get('/batch', async (request, reply) => {
    allowBatch(request, 'read')
    return html(reply, batchPage(request, pageLanguage(request.query)))
  })
  /** Start a batch (admins), recorded in the audit log. */
  const startBatch = (request: FastifyRequest, config: string) => {
    allowBatch(request, 'run')
    runs.start(config)
    if (auth) auth.audit.append({user: accountOf(request).name, address: request.ip, action: 'batch.run', target: config, detail: {}})
  }
  app.post('/batch', async (request, reply) => {
    allowBatch(request, 'run')
    const config = formBody(request)['config']?.at(-1) ?? 'batch.yaml'
    startBatch(request, config)
    return reply.redirect(`/batch?lang=${pageLanguage(request.query)}`, 303)
  })

  app.get('/batch/events', (request, reply) => {
    allowBatch(request, 'read')
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', ...commonHeaders, 'content-security-policy': pageCsp})
    const send = (event: unknown) => raw.write(`data: ${JSON.stringify(event)}\n\n`)
    const state = runs.state
    send({type: 'state', running: state?.running ?? false, done: state?.done ?? 0, total: state?.total ?? 0})
    // A listener that connects late still sees the whole run so far.
    for (const event of state?.events ?? []) send(event)
    if (!state?.running) {
      raw.end()
      return
    }
    const stop = runs.listen((event) => {
      send(event)
      if (event.type === 'end' || event.type === 'error') {
        stop()
        raw.end()
      }
    })
    request.raw.on('close', () => stop())
  })

  app.get<{Params: {name: string}}>('/out/:name', async (request, reply) => {
    allowBatch(request, 'read')
    const {bytes} = ws.outFile(request.params.name)
    const ext = request.params.name.split('.').pop()!
    const type = ext === 'pdf' ? contentTypes.pdf : ext === 'docx' ? contentTypes.docx : ext === 'pptx' ? contentTypes.pptx : ext === 'html' ? contentTypes.html : ext === 'md' ? contentTypes.md : contentTypes.json
    return reply.type(type).header('content-disposition', `attachment; filename="${request.params.name}"`).header('content-security-policy', previewCsp).send(bytes)
  })

  // The web edition as `briefs site` wrote it: relative links, so it works under /site/ as on any host.
  const siteDir = options.site ?? 'site'
  linkWebEdition(() => hasSite(siteDir))
  app.get('/site', async (_request, reply) => reply.redirect('/site/'))
  app.get<{Params: {'*': string}}>('/site/*', async (request, reply) => {
    // The built site holds every country's brief (and answers): as the Batch page, not for a one-country editor.
    allowAllCountries(request, 'the web edition')
    const {bytes, type} = siteFile(siteDir, request.params['*'])
    return reply.type(type).header('cache-control', 'no-cache').header('content-security-policy', siteCsp).send(bytes)
  })

  app.get<{Params: {name: string}}>('/assets/:name', async (request, reply) => {
    // The design tokens as custom properties: the Region page's matrix takes its ramp from them.
    if (request.params.name === 'tokens.css') return reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(tokensCss())
    const type = assets[request.params.name]
    if (!type) throw new HttpError(404, `No asset \`${request.params.name.slice(0, 80)}\``)
    return reply.type(type).header('cache-control', 'no-cache').send(webTemplates().asset(request.params.name))
  })

  // ---- JSON API ----
  app.get('/api/select', async (request) => {
    const view = ws.view(query(request))
    allowView(request, view)
    return selectionJson(view)
  })

  app.get('/api/build', async (request, reply) => {
    const q = query(request)
    const wanted = str(q['format']) ?? 'pdf'
    if (wanted !== 'all' && !isFormat(wanted)) throw new HttpError(400, `Unknown format \`${wanted}\` in format. Valid values: ${formats.join(', ')}, all`)
    const view = ws.view(q, ['format'])
    allowView(request, view)
    if (wanted === 'all') {
      const zip = new JSZip()
      // All at once: the browser formats queue for their slots while Word and PowerPoint are made.
      const built = await Promise.all(formats.map((format) => ws.build(view, format)))
      for (const {bytes, name} of built) zip.file(name, bytes, {date: new Date('2025-01-01T00:00:00Z')})
      const bytes = await zip.generateAsync({type: 'uint8array', compression: 'DEFLATE'})
      return reply.type(contentTypes.zip).header('content-disposition', `attachment; filename="${view.slug}.zip"`).send(Buffer.from(bytes))
    }
    const {bytes, name, key} = await ws.build(view, wanted)
    return reply
      .type(contentTypes[wanted])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('etag', `"${key.slice(0, 32)}"`)
      .header('content-security-policy', previewCsp)
      .send(Buffer.from(bytes))
  })

  app.get<{Params: {code: string}}>('/api/countries/:code/profile', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'read')
    const stored = readStoredProfile(ws, code)
    if (stored.profile === null) throw new HttpError(422, stored.problems.map((p) => p.message).join('\n'), {body: {problems: stored.problems, yaml: stored.text}})
    return reply.header('etag', stored.etag).header('cache-control', 'no-cache').send({...stored.profile, yaml: stored.text})
  })

  app.put<{Params: {code: string}}>('/api/countries/:code/profile', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'write')
    const ifMatch = request.headers['if-match']
    if (!ifMatch) throw new HttpError(428, 'Missing If-Match: send the ETag of the version you edited (GET this URL first)')
    const update = profileUpdateFromJson(request.body, code, readStoredProfile(ws, code).profile)
    const result = saveProfile(ws, code, update, ifMatch)
    if (result.kind === 'conflict') {
      throw new HttpError(409, `The profile of ${code} changed since the version you sent (If-Match ${ifMatch}); the current version is in \`current\``, {
        headers: {etag: result.current.etag}, body: {etag: result.current.etag, current: result.current.profile, yaml: result.current.text},
      })
    }
    if (result.kind === 'invalid') throw new HttpError(422, result.problems.map((p) => p.message).join('\n'), {body: {problems: result.problems}})
    record(request, code, result, 'save')
    return reply.header('etag', result.stored.etag).send({...result.stored.profile, yaml: result.stored.text})
  })

  // ---- history (with --auth: the database keeps every version) ----
  const historyOf = () => {
    if (!auth) throw new HttpError(404, 'No history: it is kept by `briefs serve --auth --data DIR`')
    return auth.history
  }
  app.get<{Params: {code: string}}>('/api/countries/:code/history', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'read')
    const history = historyOf()
    const stored = readStoredProfile(ws, code)
    history.sync(code, stored.text)
    return reply.header('cache-control', 'no-store').send({country: code, etag: stored.etag, versions: history.list(code)})
  })
  app.get<{Params: {code: string; id: string}}>('/api/countries/:code/history/:id', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'read')
    const {text, ...version} = versionOf(historyOf(), code, request.params.id)
    return reply.header('cache-control', 'no-store').send({...version, yaml: text})
  })
  /** Restore = save the earlier text as a new version (If-Match, the same checks as any save). */
  const restore = (request: FastifyRequest, code: string, id: string, ifMatch: string): SaveResult => {
    allowCountry(request, code, 'write')
    const version = versionOf(historyOf(), code, id)
    const result = writeProfileText(ws, code, version.text, ifMatch)
    record(request, code, result, 'restore', {version: version.id})
    return result
  }
  app.post<{Params: {code: string; id: string}}>('/api/countries/:code/history/:id/restore', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'write')
    const ifMatch = request.headers['if-match']
    if (!ifMatch) throw new HttpError(428, 'Missing If-Match: send the ETag of the current profile (GET /api/countries/CODE/profile first)')
    const result = restore(request, code, request.params.id, ifMatch)
    if (result.kind === 'conflict') throw new HttpError(409, `The profile of ${code} changed since the version you sent (If-Match ${ifMatch})`, {headers: {etag: result.current.etag}, body: {etag: result.current.etag}})
    if (result.kind === 'invalid') throw new HttpError(422, result.problems.map((p) => p.message).join('\n'), {body: {problems: result.problems}})
    return reply.header('etag', result.stored.etag).send({...result.stored.profile, yaml: result.stored.text})
  })
  app.post<{Params: {code: string; id: string}}>('/countries/:code/history/:id/restore', async (request, reply) => {
    const lang = pageLanguage(request.query)
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'write')
    const result = restore(request, code, request.params.id, formBody(request)['etag']?.at(-1) ?? '')
    const current = readStoredProfile(ws, code)
    if (result.kind === 'conflict') return html(reply, page(request, 'profile', lang, profilePage(request, current, lang, {conflict: result.current})), 409)
    if (result.kind === 'invalid') return html(reply, page(request, 'profile', lang, profilePage(request, current, lang, {uploadError: result.problems.map((p) => p.message).join('\n')})), 422)
    return reply.redirect(`/countries/${code}?lang=${lang}&restored=${request.params.id}#history`, 303)
  })

  app.get<{Params: {code: string}}>('/api/countries/:code/assessment.xlsx', async (request, reply) => {
    const code = countryCode(ws, request.params.code)
    allowCountry(request, code, 'read')
    const {exportForm} = await import('../assessment/export-form.js')
    const {formFileName} = await import('../assessment/form-data.js')
    const bytes = await exportForm(ws.project(), {country: code, lang: pageLanguage(request.query), date: new Date()})
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${formFileName(code)}"`).send(Buffer.from(bytes))
  })

  app.get('/api/batch', async (request) => {
    allowBatch(request, 'read')
    return {state: runs.state, configs: batchConfigs(ws), documents: runs.documents()}
  })
  app.post('/api/batch', async (request, reply) => {
    allowBatch(request, 'run')
    const config = (request.body as {config?: unknown} | undefined)?.config
    startBatch(request, typeof config === 'string' ? config : 'batch.yaml')
    return reply.code(202).send({state: runs.state})
  })

  return {app, workspace: ws, url}
}

function versionOf(history: AccountsData['history'], code: string, id: string) {
  const version = /^\d{1,15}$/.test(id) ? history.get(code, Number(id)) : null
  if (!version) throw new HttpError(404, `No version \`${id.slice(0, 20)}\` in the history of ${code} (GET /api/countries/${code}/history lists them)`)
  return version
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json')
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>
}

function str(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value.at(-1) : value
  return typeof v === 'string' && v !== '' ? v : undefined
}

function formBody(request: FastifyRequest): Record<string, string[]> {
  const body = request.body
  if (!body || typeof body !== 'object') throw new HttpError(415, 'Expected a form (application/x-www-form-urlencoded)')
  return body as Record<string, string[]>
}

/** A PUT body (the profile as JSON, the YAML's shape) → the update that makes the file say exactly that. */
function profileUpdateFromJson(body: unknown, code: string, current: Profile | null): ProfileUpdate {
  const parsed = profileSchema.safeParse({country: code, ...(body && typeof body === 'object' ? body : {})})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({path: i.path, message: `${i.path.join('.') || 'body'}: ${i.message}`}))
    throw new HttpError(422, problems.map((p) => p.message).join('\n'), {body: {problems}})
  }
  if (parsed.data.country !== code) throw new HttpError(422, `country: Expected \`${code}\`, found \`${parsed.data.country}\``)
  const assessments: Record<number, AssessmentAnswer | null> = {}
  for (const key of Object.keys(current?.assessments ?? {})) if (!(key in parsed.data.assessments)) assessments[Number(key)] = null
  for (const [key, answer] of Object.entries(parsed.data.assessments)) {
    if (JSON.stringify(answer) !== JSON.stringify(current?.assessments[key])) assessments[Number(key)] = answer
  }
  // Only what differs is rewritten, so untouched parts of the file keep their bytes (and their comments).
  const {context, focus} = parsed.data
  return {
    ...(context !== current?.context ? {context} : {}),
    ...(JSON.stringify(focus) !== JSON.stringify(current?.focus) ? {focus} : {}),
    ...(Object.keys(assessments).length > 0 ? {assessments} : {}),
  }
}
