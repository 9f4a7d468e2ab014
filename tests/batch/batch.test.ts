import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {expandConfig, readBatchConfig} from '../../source/batch/config.js'
import {hashFolders} from '../../source/batch/fingerprint.js'
import {manifestSchema} from '../../source/batch/manifest.js'
import {planJobs, runBatch, type BatchOptions} from '../../source/batch/run-batch.js'
import {contentPaths} from '../../source/content-paths.js'
import {safeJoin} from '../../source/output/write-atomic.js'
import {defaultDate} from '../../source/render/formats.js'
import {briefs, cliPath, projectRoot} from '../helpers/cli.js'

const project = loadProject()
const templatesHash = hashFolders([contentPaths.templates])
let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'briefs-batch-'))
})

function options(outDir: string, briefsList: Record<string, unknown>[], formats: string[], extra: Partial<BatchOptions> = {}): BatchOptions {
  const plan = expandConfig(
    {formats: formats as never, lang: 'es', paper: 'a4', handoutLayout: 2, briefs: briefsList as never},
    project,
  )
  return {project, plan, outDir, concurrency: 2, workers: 1, force: false, date: defaultDate, version: 'test', templatesHash, ...extra}
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Every file of the folder is complete and listed with its true hash; no temporaries. */
function expectCompleteFolder(dir: string): ReturnType<typeof manifestSchema.parse> {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')))
  const files = readdirSync(dir).filter((f) => f !== 'manifest.json')
  expect(files.filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([])
  expect(files.sort()).toEqual(manifest.documents.map((d) => d.path).sort())
  for (const doc of manifest.documents) {
    const path = join(dir, doc.path)
    expect(sha(path), doc.path).toBe(doc.sha256)
    expect(readFileSync(path).length).toBe(doc.size)
    if (doc.path.endsWith('.pdf')) {
      const info = spawnSync('pdfinfo', [path], {encoding: 'utf8'})
      expect(info.status, `${doc.path}: ${info.stderr}`).toBe(0)
      expect(info.stdout).toMatch(new RegExp(`^Pages:\\s+${doc.pages}$`, "m"))
    }
  }
  return manifest
}

describe('batch config', () => {
  it('the default config makes 81 briefs in 5 formats: 405 documents, each country in its language', () => {
    const plan = readBatchConfig(contentPaths.batch, project)
    // Full document, 14 guidelines and 9 audiences in es and en; 33 countries in their own language.
    expect(plan.briefs).toHaveLength(2 * (1 + 14 + 9) + 33)
    const jobs = planJobs({project, plan, outDir: join(root, 'plan'), date: defaultDate, version: 'x', templatesHash})
    expect(jobs).toHaveLength(405)
    expect(new Set(jobs.map((j) => j.name)).size).toBe(405)
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining([
      'full-es.pdf', 'full-en.pdf', 'guideline-vii-es.docx', 'guideline-vii-en.docx', 'audience-academia-es.slides.pdf', 'audience-academia-en.slides.pdf',
      'country-cl-es.handout.pdf', 'country-tt-en.pptx', 'country-jm-en.pdf', 'country-br-pt.pdf', 'country-sr-en.pdf', 'country-ht-es.pdf',
    ]))
    const countries = jobs.filter((j) => j.name.startsWith('country-') && j.format === 'pdf')
    expect(countries.filter((j) => j.name.endsWith('-en.pdf'))).toHaveLength(13)
    expect(countries.filter((j) => j.name.endsWith('-pt.pdf'))).toHaveLength(1)
  })

  it('a bad config names its file and line (exit 1: a problem in an input file)', () => {
    const path = join(root, 'bad.yaml')
    writeFileSync(path, 'formats: [pdf]\nbriefs:\n  - each: sector\n')
    const run = briefs(['batch', path, '--out', join(root, 'bad-out')])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/bad\.yaml:3:\d+: /)
    expect(existsSync(join(root, 'bad-out'))).toBe(false)
  })

  it('output names never leave the output folder', () => {
    expect(() => safeJoin(root, '../escape.pdf')).toThrow(/leaves the output folder/)
    expect(() => safeJoin(root, '/etc/passwd')).toThrow(/leaves the output folder/)
    expect(safeJoin(root, 'full-es.pdf')).toBe(join(root, 'full-es.pdf'))
  })
})

describe('running a batch', () => {
  const few = [{each: 'guideline'}]
  const small = [{guidelines: ['VII']}, {guidelines: ['IX']}, {audiences: ['development-banks']}, {country: 'CL'}]

  it('makes every document with a complete manifest, then skips them all', async () => {
    const out = join(root, 'run')
    const first = await runBatch(options(out, small, ['pdf', 'docx', 'md']))
    expect(first.failed).toEqual([])
    expect(first.rendered).toBe(12)
    const manifest = expectCompleteFolder(out)
    expect(manifest.documents).toHaveLength(12)
    expect(manifest.documents.find((d) => d.path === 'guideline-vii-es.pdf')).toMatchObject({format: 'pdf', spec: {kind: 'guideline', guidelines: ['VII']}})
    const second = await runBatch(options(out, small, ['pdf', 'docx', 'md']))
    expect(second.rendered).toBe(0)
    expect(second.skipped).toBe(12)
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(JSON.stringify(manifest, null, 2) + '\n')
  })

  it('redoes only what changed: a template change redoes all, --force redoes all', async () => {
    const out = join(root, 'run')
    const changed = await runBatch(options(out, small, ['pdf', 'docx', 'md'], {templatesHash: 'other'}))
    expect(changed.rendered).toBe(12)
    const forced = await runBatch(options(out, small, ['md'], {templatesHash: 'other', force: true}))
    expect(forced.rendered).toBe(4)
  })

  it('a country profile change redoes only that country', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefs-profiles-'))
    mkdirSync(join(dir, 'p'))
    const out = join(root, 'profiles')
    const run = (p: ReturnType<typeof loadProject>) => runBatch({...options(out, [{country: 'CL'}, {country: 'PE'}], ['md']), project: p})
    writeFileSync(join(dir, 'p', 'CL.yaml'), 'country: CL\ncontext: Primera versión.\n')
    expect((await run(loadProject({paths: {profiles: join(dir, 'p')}}))).rendered).toBe(2)
    writeFileSync(join(dir, 'p', 'CL.yaml'), 'country: CL\ncontext: Segunda versión.\nassessments:\n  62: {status: implemented}\n')
    const again = await run(loadProject({paths: {profiles: join(dir, 'p')}}))
    expect(again.rendered).toBe(1)
    expect(again.skipped).toBe(1)
    expect(readFileSync(join(out, 'country-cl-es.md'), 'utf8')).toContain('Implementada')
  })

  it('finishes with correct files when the browser is killed mid-batch', async () => {
    const out = join(root, 'killed')
    let killed = false
    const result = await runBatch(
      options(out, few, ['pdf'], {
        concurrency: 2,
        onEvent: (event, {browser}) => {
          if (event.type === 'done' && !killed && browser) {
            killed = true
            browser.browser.process()!.kill('SIGKILL')
          }
        },
      }),
    )
    expect(killed).toBe(true)
    expect(result.browserRestarts).toBeGreaterThanOrEqual(1)
    expect(result.failed).toEqual([])
    expect(result.documents).toHaveLength(14)
    expectCompleteFolder(out)
  })

  it('retries a failing document once, reports it, goes on with the rest, exits 4', () => {
    const overrides = join(root, 'broken-templates')
    mkdirSync(overrides, {recursive: true})
    writeFileSync(join(overrides, 'recommendation.hbs'), '<p>{{undefinedHelper number}}</p>\n')
    const config = join(root, 'broken.yaml')
    writeFileSync(config, `formats: [pdf, docx]\ntemplates: ${JSON.stringify(overrides)}\nbriefs:\n  - guidelines: [IX]\n`)
    const out = join(root, 'broken-out')
    // A temporary left by a run that was killed outright is swept.
    mkdirSync(out, {recursive: true})
    writeFileSync(join(out, '.guideline-ix-es.pdf.4242.deadbeef.tmp'), '%PDF-1.7 half')
    const run = briefs(['batch', config, '--out', out])
    expect(run.status).toBe(4)
    expect(run.stderr).toMatch(/retrying guideline-ix-es\.pdf/)
    expect(run.stderr).toMatch(/FAILED .*guideline-ix-es\.pdf: .*undefinedHelper/)
    expect(readdirSync(out).sort()).toEqual(['guideline-ix-es.docx', 'manifest.json'])
    expectCompleteFolder(out)
  })

  it('Ctrl-C stops cleanly: no partial files, the manifest lists what is complete', async () => {
    const config = join(root, 'interrupt.yaml')
    writeFileSync(config, 'formats: [pdf, slides]\nbriefs:\n  - each: country\n')
    const out = join(root, 'interrupted')
    const child = spawn(process.execPath, [cliPath, 'batch', config, '--out', out], {cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        if (/\[2\/\d+\]/.test(stderr) && !child.killed) child.kill('SIGINT')
      })
      child.on('exit', (c) => resolve(c))
    })
    expect(code).toBe(130)
    const manifest = expectCompleteFolder(out)
    expect(manifest.documents.length).toBeGreaterThanOrEqual(2)
    expect(manifest.documents.length).toBeLessThan(66)
  })
})
