import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lockName} from '../../source/output/output-folder.js'
import {chromiumCount, filesIn, profilesIn, run, start, waitFor, workDir} from '../hostile/hostile.js'

/**
 * `briefs site` as a process among others (issue 24): interrupted with Ctrl-C
 * while its batch renders, and side by side with a `briefs batch` writing into
 * its downloads folder. Real processes, real Chromium, real files.
 */

/** Enough documents (14 guidelines: PDF on A4 and Letter, slides) that a run is still rendering when the signal comes. */
const bigConfig = 'formats: [pdf, slides]\nbriefs:\n  - {each: guideline, lang: es}\n'
const smallConfig = 'formats: [pdf]\nbriefs:\n  - {kind: guideline, guidelines: [VII], lang: es}\n'

function configFile(root: string, name: string, text: string): string {
  const path = join(root, name)
  writeFileSync(path, text)
  return path
}

/** Relative, `/`-separated paths of every file under `dir`, hidden ones included. */
function relativeFiles(dir: string): string[] {
  return filesIn(dir).map((f) => relative(dir, f).split(sep).join('/')).sort()
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** The site's own files (not its downloads) with their hashes and modification times. */
function siteSnapshot(dir: string): Map<string, string> {
  return new Map(relativeFiles(dir).filter((f) => !f.startsWith('downloads/')).map((f) => [f, `${sha(join(dir, f))} ${statSync(join(dir, f)).mtimeMs}`]))
}

/** The downloads folder is what its manifest says: every listed file there with its size and hash, nothing else, no temporaries, no lock. */
function expectDownloadsMatchManifest(downloads: string): {path: string}[] {
  const manifest = JSON.parse(readFileSync(join(downloads, 'manifest.json'), 'utf8')) as {documents: {path: string; size: number; sha256: string}[]}
  const files = relativeFiles(downloads)
  expect(files.filter((f) => f.split('/').pop()!.startsWith('.'))).toEqual([])
  expect(files.filter((f) => f !== 'manifest.json')).toEqual(manifest.documents.map((d) => d.path).sort())
  for (const doc of manifest.documents) {
    expect(statSync(join(downloads, doc.path)).size, doc.path).toBe(doc.size)
    expect(sha(join(downloads, doc.path)), doc.path).toBe(doc.sha256)
  }
  return manifest.documents
}

/** A complete site: every file its list names exists, each page ends as HTML does, every relative link resolves inside the folder. */
function expectCompleteSite(dir: string): void {
  const listed = (JSON.parse(readFileSync(join(dir, 'site-manifest.json'), 'utf8')) as {files: string[]}).files
  const onDisk = relativeFiles(dir).filter((f) => !f.startsWith('downloads/') && f !== 'site-manifest.json')
  expect(onDisk).toEqual([...listed].sort())
  let links = 0
  for (const file of listed.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8')
    expect(html.trimEnd().endsWith('</html>'), file).toBe(true)
    for (const [, value] of html.matchAll(/\s(?:href|src)="([^"#?]+)[^"]*"/g)) {
      const target = resolve(dirname(join(dir, file)), decodeURIComponent(value!))
      expect(existsSync(target), `${file}: ${value}`).toBe(true)
      links++
    }
  }
  expect(links).toBeGreaterThan(1000)
}

/** A work folder with its own TMPDIR, and where a site and its downloads would go in it. */
function siteFolders(name: string): {root: string; tmp: string; dir: string; downloads: string} {
  const root = workDir(name)
  const tmp = join(root, 'tmp')
  mkdirSync(tmp)
  const dir = join(root, 'site')
  return {root, tmp, dir, downloads: join(dir, 'downloads')}
}

/**
 * A work folder with its own TMPDIR (to count Chromium and profiles in) and a complete small site
 * built in it, so that an interrupted build has pages it could half-write; with that site's snapshot.
 */
function smallSiteBuilt(name: string): {root: string; tmp: string; dir: string; before: ReturnType<typeof siteSnapshot>} {
  const {root, tmp, dir} = siteFolders(name)
  const first = run(['site', configFile(root, 'small.yaml', smallConfig), '--out', dir, '--no-reuse'], {env: {TMPDIR: tmp}})
  expect(first.status, first.stderr).toBe(0)
  const before = siteSnapshot(dir)
  expect(before.size).toBeGreaterThan(200)
  return {root, tmp, dir, before}
}

describe('an interrupted site build', () => {
  it('SIGINT while its batch renders → exit 130, no Chromium, no lock, the old pages untouched; the next build completes', async () => {
    const {root, tmp, dir, before} = smallSiteBuilt('site-sigint')

    const big = configFile(root, 'big.yaml', bigConfig)
    const site = start(['site', big, '--out', dir, '--no-reuse'], {TMPDIR: tmp})
    // Two documents made: the batch is under way, its manifest has entries, the browser is up.
    const underWay = await waitFor(() => /\[2\/\d+\]/.test(site.output().stderr) && chromiumCount(tmp) > 0, 120_000)
    expect(underWay, site.output().stderr).toBe(true)
    site.child.kill('SIGINT')
    const exit = await site.exited
    const {stderr} = site.output()
    expect(exit.code, stderr).toBe(130)
    expect(stderr).toContain('Interrupted (SIGINT)')
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(await waitFor(() => chromiumCount(tmp) === 0, 10_000)).toBe(true)
    expect(profilesIn(tmp)).toEqual([])
    expect(existsSync(join(dir, lockName))).toBe(false)
    expect(existsSync(join(dir, 'downloads', lockName))).toBe(false)
    // The downloads are what their manifest says, the documents made before the signal among them.
    const made = expectDownloadsMatchManifest(join(dir, 'downloads'))
    expect(made.length).toBeGreaterThanOrEqual(2)
    expect(made.length).toBeLessThan(3 * 14)
    // Not one page written: no temporary, no page changed, the previous build's list still the one on disk.
    expect(siteSnapshot(dir)).toEqual(before)

    const next = run(['site', big, '--out', dir, '--no-reuse'], {env: {TMPDIR: tmp}})
    expect(next.status, next.stderr).toBe(0)
    // What the interrupted run made is kept: the next run makes only the rest.
    const unchanged = Number(/\((\d+) made, (\d+) unchanged\)/.exec(next.stderr)![2])
    expect(unchanged).toBe(made.length)
    const documents = expectDownloadsMatchManifest(join(dir, 'downloads'))
    expect(documents.map((d) => d.path).filter((p) => p.endsWith('.letter.pdf'))).toHaveLength(14)
    expect(documents).toHaveLength(3 * 14)
    expectCompleteSite(dir)
    expect(readFileSync(join(dir, 'es', 'guideline-iii.html'), 'utf8')).toContain('href="../downloads/guideline-iii-es.letter.pdf"')
    expect(chromiumCount(tmp)).toBe(0)
    expect(profilesIn(tmp)).toEqual([])
  }, 400_000)

  it('SIGINT while the pages are made (the batch done, its browser closed) → exit 130 and not one page written', async () => {
    const {root, tmp, dir, before} = smallSiteBuilt('site-sigint-pages')
    // One more brief: two PDFs to make (the browser starts, then closes), then new pages and a new home page in each language.
    const changed = configFile(root, 'changed.yaml', `${smallConfig}  - {title: Three recommendations, recs: "1-3", lang: es}\n`)
    const site = start(['site', changed, '--out', dir, '--no-reuse'], {TMPDIR: tmp})
    expect(await waitFor(() => chromiumCount(tmp) > 0, 120_000, 50), site.output().stderr).toBe(true)
    // The browser gone: the batch has finished and the pages (about a second of work) are being made.
    expect(await waitFor(() => chromiumCount(tmp) === 0, 120_000, 20)).toBe(true)
    site.child.kill('SIGINT')
    const exit = await site.exited
    const {stderr} = site.output()
    expect(exit.code, stderr).toBe(130)
    expect(stderr).toMatch(/\[2\/2\]/)
    expect(stderr).not.toContain('pages in')
    expect(siteSnapshot(dir)).toEqual(before)
    expect(existsSync(join(dir, lockName))).toBe(false)
    expect(existsSync(join(dir, 'downloads', lockName))).toBe(false)
    expect(expectDownloadsMatchManifest(join(dir, 'downloads')).map((d) => d.path)).toContain('custom-r-1-3-three-recommendations-es.letter.pdf')
    // The next build writes the pages, making nothing again.
    const next = run(['site', changed, '--out', dir, '--no-reuse'], {env: {TMPDIR: tmp}})
    expect(next.status, next.stderr).toBe(0)
    expect(next.stderr).toMatch(/\(0 made, 4 unchanged\)/)
    expectCompleteSite(dir)
    expect(readFileSync(join(dir, 'es', 'index.html'), 'utf8')).toContain('href="custom-r-1-3-three-recommendations.html"')
  }, 300_000)

  it('sweeps the temporaries a build killed outright left among its pages', () => {
    const root = workDir('site-sweep')
    const dir = join(root, 'site')
    const config = configFile(root, 'small.yaml', smallConfig)
    expect(run(['site', config, '--out', dir, '--no-reuse']).status).toBe(0)
    // What a SIGKILL in the middle of writing the pages leaves: a temporary beside a page, one in assets/fonts.
    const left = [join(dir, 'es', '.guideline-vii.html.4242.deadbeef.tmp'), join(dir, 'assets', 'fonts', '.x.woff2.4242.0badf00d.tmp')]
    for (const path of left) writeFileSync(path, '<!doctype html><p>half')
    const again = run(['site', config, '--out', dir, '--no-reuse'])
    expect(again.status, again.stderr).toBe(0)
    for (const path of left) expect(existsSync(path), path).toBe(false)
    expectCompleteSite(dir)
  }, 200_000)
})

describe('a site and a batch into its downloads folder', () => {
  /** Start `args` in the background and wait until it holds the lock in `folder` and renders. */
  async function holding(args: string[], folder: string, tmp: string) {
    const holder = start(args, {TMPDIR: tmp})
    const up = await waitFor(() => existsSync(join(folder, lockName)) && chromiumCount(tmp) > 0, 120_000)
    expect(up, holder.output().stderr).toBe(true)
    return holder
  }

  async function stop(holder: ReturnType<typeof start>, tmp: string) {
    holder.child.kill('SIGINT')
    expect((await holder.exited).code).toBe(130)
    expect(await waitFor(() => chromiumCount(tmp) === 0, 10_000)).toBe(true)
  }

  it('a batch into DIR/downloads while `briefs site --out DIR` runs is refused (exit 3), and writes nothing', async () => {
    const {root, tmp, dir, downloads} = siteFolders('site-lock')
    const site = await holding(['site', configFile(root, 'big.yaml', bigConfig), '--out', dir, '--no-reuse'], downloads, tmp)
    expect(existsSync(join(dir, lockName))).toBe(true)
    const batch = run(['batch', configFile(root, 'small.yaml', smallConfig), '--out', downloads])
    expect(batch.status, batch.stderr).toBe(3)
    expect(batch.stderr).toContain(`Cannot write into ${downloads}: another briefs run (process ${site.child.pid}, \`briefs site ${join(root, 'big.yaml')}\``)
    expect(batch.stderr).not.toMatch(/^\s+at /m)
    expect(batch.stderr).not.toMatch(/\[1\//)
    // The site's lock is still its own.
    expect(JSON.parse(readFileSync(join(downloads, lockName), 'utf8')).pid).toBe(site.child.pid)
    await stop(site, tmp)
    expectDownloadsMatchManifest(downloads)
    expect(existsSync(join(downloads, lockName))).toBe(false)
  }, 300_000)

  it('a site over DIR while a batch writes DIR/downloads is refused (exit 3), and writes nothing', async () => {
    const {root, tmp, dir, downloads} = siteFolders('site-lock-reverse')
    const batch = await holding(['batch', configFile(root, 'big.yaml', bigConfig), '--out', downloads], downloads, tmp)
    const site = run(['site', configFile(root, 'small.yaml', smallConfig), '--out', dir, '--no-reuse'])
    expect(site.status, site.stderr).toBe(3)
    expect(site.stderr).toContain(`Cannot write into ${downloads}: another briefs run (process ${batch.child.pid}, \`briefs batch ${join(root, 'big.yaml')}\``)
    expect(site.stderr).not.toMatch(/^\s+at /m)
    // Nothing of the site: no page, no list, and not its lock on DIR either (released when the second lock was refused).
    expect(readdirSync(dir)).toEqual(['downloads'])
    await stop(batch, tmp)
    expectDownloadsMatchManifest(downloads)
    // Once the batch is gone, the site runs.
    const after = run(['site', configFile(root, 'small.yaml', smallConfig), '--out', dir, '--no-reuse'])
    expect(after.status, after.stderr).toBe(0)
    expectCompleteSite(dir)
  }, 300_000)
})
