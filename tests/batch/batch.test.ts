import {execFileSync, spawn, spawnSync} from 'node:child_process'
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

  it('paper as a list makes each paper-dependent document once per paper; the others carry the paper in their names', () => {
    const plan = (paper: unknown, formats = ['pdf', 'docx', 'handout', 'slides', 'pptx', 'md']) =>
      planJobs({project, plan: expandConfig({formats: formats as never, lang: 'es', paper: paper as never, handoutLayout: 2, briefs: [{kind: 'guideline', guidelines: ['VII']}] as never}, project), outDir: join(root, 'plan'), date: defaultDate, version: 'x', templatesHash})
    const both = plan(['a4', 'letter'])
    expect(both.map((j) => [j.name, j.options.paper])).toEqual([
      ['guideline-vii-es.pdf', 'a4'], ['guideline-vii-es.docx', 'a4'], ['guideline-vii-es.handout.pdf', 'a4'],
      ['guideline-vii-es.slides.pdf', 'a4'], ['guideline-vii-es.pptx', 'a4'], ['guideline-vii-es.md', 'a4'],
      ['guideline-vii-es.letter.pdf', 'letter'], ['guideline-vii-es.letter.docx', 'letter'], ['guideline-vii-es.letter.handout.pdf', 'letter'],
    ])
    // The first paper's documents are today's, inputs hash included: a folder made with `paper: a4` stays up to date.
    const a4 = plan('a4')
    expect(both.slice(0, 6).map((j) => j.inputsHash)).toEqual(a4.map((j) => j.inputsHash))
    // The other order names the other paper; a single `letter` keeps the plain names.
    expect(plan(['letter', 'a4']).filter((j) => j.format === 'pdf').map((j) => j.name)).toEqual(['guideline-vii-es.pdf', 'guideline-vii-es.a4.pdf'])
    expect(plan('letter').map((j) => j.name)).toEqual(a4.map((j) => j.name))
    // Formats without paper are made once.
    expect(plan(['a4', 'letter'], ['slides', 'pptx', 'md']).map((j) => j.name)).toEqual(['guideline-vii-es.slides.pdf', 'guideline-vii-es.pptx', 'guideline-vii-es.md'])
  })

  it('makes the A4 and Letter PDFs of paper: [a4, letter] and the Letter PDF of paper: letter under the plain name', () => {
    const config = join(root, 'papers.yaml')
    writeFileSync(config, 'formats: [pdf, handout]\npaper: [a4, letter]\nbriefs:\n  - {guidelines: [VII], lang: en}\n  - {guidelines: [IX], lang: en, paper: letter}\n')
    const out = join(root, 'papers-out')
    const run = briefs(['batch', config, '--out', out])
    expect(run.status, run.stderr).toBe(0)
    const manifest = expectCompleteFolder(out)
    expect(manifest.documents.map((d) => d.path).sort()).toEqual([
      'guideline-ix-en.handout.pdf', 'guideline-ix-en.pdf',
      'guideline-vii-en.handout.pdf', 'guideline-vii-en.letter.handout.pdf', 'guideline-vii-en.letter.pdf', 'guideline-vii-en.pdf',
    ])
    const size = (name: string) => {
      const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [join(out, name)], {encoding: 'utf8'}))!
      return [Math.round(Number(match[1])), Math.round(Number(match[2]))]
    }
    for (const name of ['guideline-vii-en.pdf', 'guideline-vii-en.handout.pdf']) expect(size(name), name).toEqual([595, 842])
    for (const name of ['guideline-vii-en.letter.pdf', 'guideline-vii-en.letter.handout.pdf', 'guideline-ix-en.pdf', 'guideline-ix-en.handout.pdf']) expect(size(name), name).toEqual([612, 792])
    // The same text on both papers.
    // The same text on both papers: every recommendation of the guideline (soft hyphens and line breaks aside).
    const text = (name: string) => execFileSync('pdftotext', [join(out, name), '-'], {encoding: 'utf8'}).replace(/\u00ad/g, '').replace(/-\n/g, '-').replace(/\s+/g, ' ')
    const english = (project.edition('en') ?? project.primary).model.recommendations.filter((r) => r.guideline === 'VII')
    expect(english.length).toBeGreaterThan(10)
    for (const name of ['guideline-vii-en.pdf', 'guideline-vii-en.letter.pdf']) {
      const pdf = text(name)
      for (const rec of english) expect(pdf, `${name} #${rec.number}`).toContain(rec.text.replace(/\s+/g, ' ').slice(0, 50))
    }
  }, 120_000)

  it('refuses a bad paper list with the file, line and field', () => {
    for (const [yaml, message] of [
      ['paper: [a4, legal]\n', /papers\.yaml:1:8: Invalid paper: expected "a4" or "letter", or a list of them .*\(at `paper`\)/],
      ['paper: []\n', /papers\.yaml:1:8: .*\(at `paper`\)/],
      ['briefs:\n  - {guidelines: [VII], paper: [letter, letter]}\n', /papers\.yaml:2:\d+: Each paper may be listed once \(at `briefs\.0\.paper`\)/],
    ] as const) {
      const path = join(root, 'bad-papers.yaml')
      writeFileSync(path, yaml.startsWith('briefs') ? yaml : `${yaml}briefs:\n  - {guidelines: [VII]}\n`)
      const run = briefs(['batch', path, '--out', join(root, 'bad-papers-out')])
      expect(run.status, yaml).toBe(1)
      expect(run.stderr, yaml).toMatch(message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expect(existsSync(join(root, 'bad-papers-out'))).toBe(false)
    }
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
