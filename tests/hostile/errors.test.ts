import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {BriefsError} from '../../source/errors.js'
import {chromiumCount, cliPath, expectCleanError, filesIn, profilesIn, projectRoot, run, start, waitFor, workDir} from './hostile.js'

const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n')

describe('--out that cannot hold files: exit 3 at once, nothing created', () => {
  const root = workDir('out')
  const file = join(root, 'a-file')
  writeFileSync(file, 'x')
  const cases: [string, string, RegExp][] = [
    ['an existing file', file, /is a file, not a folder/],
    ['a path through a file', join(file, 'sub'), /a part of the path is a file/],
    ['a device', '/dev/null', /under \/dev/],
    ['under /proc', '/proc/briefs', /under \/proc/],
    ['under /sys', '/sys/briefs', /under \/sys/],
  ]
  for (const [what, out, reason] of cases) {
    for (const command of [['build', '--format', 'md'], ['batch']]) {
      it(`${command[0]} --out ${what}`, () => {
        const r = run([...command, '--out', out], {timeoutMs: 30_000})
        expectCleanError(r, 3, out, reason)
        expect(r.seconds).toBeLessThan(20)
      })
    }
  }
  it('wrote nothing next to the file', () => {
    expect(filesIn(root)).toEqual([file])
  })
})

describe('system errors in words, with the path', () => {
  // A small file system of our own (needs root and mount); skipped where that is not possible.
  const root = workDir('fs')
  const mnt = join(root, 'mnt')
  mkdirSync(mnt)
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status === 0
  it.skipIf(!mounted)('the disk is full: exit 3, "the disk is full", no partial file', () => {
    const r = run(['build', '--format', 'json', '--out', mnt])
    expectCleanError(r, 3, mnt, 'the disk is full')
    expect(filesIn(mnt)).toEqual([])
  })
  it.skipIf(!mounted)('a read-only folder: exit 3 before any work', () => {
    expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0)
    const r = run(['build', '--format', 'pdf', '--out', join(mnt, 'x')])
    expectCleanError(r, 3, mnt, 'read-only')
    expect(r.seconds).toBeLessThan(20)
    spawnSync('umount', [mnt])
  })
  it('a missing source text: exit 1, the file named, "it does not exist"', () => {
    expectCleanError(run(['validate', join(root, 'nope.txt')]), 1, 'nope.txt', 'does not exist')
  })
})

describe('pipes and browsers', () => {
  it('`briefs model | head -c 1` ends quietly (EPIPE)', () => {
    const err = join(workDir('epipe'), 'err')
    const r = spawnSync('bash', ['-c', `node ${cliPath} model 2>"$ERR" | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      cwd: projectRoot,
      env: {...process.env, ERR: err},
    })
    expect(readFileSync(err, 'utf8')).toBe('')
    expect(r.stdout.trim()).toBe('0')
  })

  it('Chromium killed mid-build: exit 3, said in words, nothing written, no profile left', async () => {
    const root = workDir('crash')
    const tmp = join(root, 'tmp')
    mkdirSync(tmp)
    const out = join(root, 'out')
    // The bundled text with each recommendation twelve times as long (footnoted ones as they are): its
    // three documents print for a few seconds, where the bundled text's take under one on a quick machine,
    // so the kill a second after rendering begins lands mid-build.
    const text = readFileSync(join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt'), 'utf8')
    const source = join(root, 'long.txt')
    writeFileSync(source, text.replace(/^(\d+)\. ([^¹²³⁴⁵⁶⁷⁸⁹\n]*?) \(pág\. (\d+)\)\.$/gm, (_w, n: string, body: string, page: string) => `${n}. ${Array(12).fill(body).join(' ')} (pág. ${page}).`))
    const build = start(['build', '--source', source, '--format', 'pdf,slides,handout', '--out', out], {TMPDIR: tmp})
    // Rendering has begun once a renderer process of this run exists.
    const renderer = () => spawnSync('pgrep', ['-f', `chromium.*--type=renderer.*${tmp}`], {encoding: 'utf8'}).stdout.trim() !== ''
    expect(await waitFor(renderer, 120_000)).toBe(true)
    await new Promise((r) => setTimeout(r, 1000))
    spawnSync('pkill', ['-KILL', '-o', '-f', `chromium.*${tmp}`])
    const exit = await build.exited
    const {stderr} = build.output()
    expect(exit.code, stderr).toBe(3)
    expect(stderr).toMatch(/browser stopped/)
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(filesIn(out)).toEqual([])
    expect(await waitFor(() => profilesIn(tmp).length === 0 && chromiumCount(tmp) === 0, 10_000)).toBe(true)
  }, 200_000)
})

describe('hostile YAML and templates name their file', () => {
  const root = workDir('yaml')
  const bomb = join(root, 'bomb.yaml')
  writeFileSync(bomb, `${aliasBomb}\ntitle: x\n`)

  it('an alias bomb as a spec: exit 1, the limit named, bounded', () => {
    const r = run(['select', '--spec', bomb])
    expectCleanError(r, 1, bomb, 'yaml-aliases', '--limit yaml-aliases=')
    expect(r.seconds).toBeLessThan(30)
    if (r.peakMb !== null) expect(r.peakMb).toBeLessThan(600)
  })

  it('an alias bomb as a batch config: exit 1, file named', () => {
    expectCleanError(run(['batch', bomb, '--out', join(root, 'out')]), 1, bomb, 'yaml-aliases')
    expect(filesIn(join(root, 'out'))).toEqual([])
  })

  it('an alias bomb in a country profile: an input error naming the profile', () => {
    const profiles = join(root, 'profiles')
    mkdirSync(profiles)
    writeFileSync(join(profiles, 'CL.yaml'), `country: CL\n${aliasBomb}\n`)
    let error: unknown
    const started = performance.now()
    try {
      loadProject({paths: {profiles}}).profile('CL')
    } catch (e) {
      error = e
    }
    expect(performance.now() - started).toBeLessThan(30_000)
    expect(error).toBeInstanceOf(BriefsError)
    expect((error as BriefsError).exitCode).toBe(1)
    expect((error as BriefsError).message).toContain('CL.yaml')
  })

  const templates = (name: string, files: Record<string, string>) => {
    const dir = join(root, name)
    mkdirSync(dir, {recursive: true})
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
    return dir
  }

  it('a recursive partial: exit 1, the template named', () => {
    const dir = templates('recursive', {'recommendation.hbs': '<li>{{> recommendation}}</li>\n'})
    const r = run(['build', '--rec', '1', '--format', 'html', '--templates', dir, '--out', join(root, 'o1')])
    expectCleanError(r, 1, 'recommendation.hbs', 'includes itself')
    expect(filesIn(join(root, 'o1'))).toEqual([])
  })

  it('{{> ../../../etc/passwd}}: exit 1, the template named, nothing of /etc/passwd anywhere', () => {
    const dir = templates('traversal', {'recommendation.hbs': '<li>{{> ../../../etc/passwd}}</li>\n'})
    const r = run(['build', '--rec', '1', '--format', 'html', '--templates', dir, '--out', join(root, 'o2')])
    expectCleanError(r, 1, 'recommendation.hbs', 'could not be found')
    expect(r.stdout + r.stderr).not.toContain('root:')
    expect(filesIn(join(root, 'o2'))).toEqual([])
  })

  it('a template symlinked out of its folder: exit 1, the link named', () => {
    const dir = templates('symlink', {})
    symlinkSync('/etc/passwd', join(dir, 'recommendation.hbs'))
    const r = run(['build', '--rec', '1', '--format', 'html', '--templates', dir, '--out', join(root, 'o3')])
    expectCleanError(r, 1, 'recommendation.hbs', 'outside its folder')
    expect(filesIn(join(root, 'o3'))).toEqual([])
  })

  it('a template missing an anchor the contents needs: exit 1, the templates and the id named', () => {
    const colophon = readFileSync(join(projectRoot, 'templates', 'brief', 'partials', 'colophon.hbs'), 'utf8').replace(' id="{{anchors.cite}}"', '')
    const dir = templates('anchor', {'colophon.hbs': colophon})
    const r = run(['build', '--rec', '1', '--format', 'pdf', '--templates', dir, '--out', join(root, 'o4')])
    expectCleanError(r, 1, dir, 'id="cite"')
    expect(filesIn(join(root, 'o4'))).toEqual([])
  }, 120_000)

  it('a UTF-16 source says UTF-16', () => {
    const text = readFileSync(join(projectRoot, 'content', '113-recomendaciones', '113-recomendaciones.es.txt'), 'utf8')
    const file = join(root, 'utf16.txt')
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    expectCleanError(run(['validate', file]), 1, 'utf16.txt', 'UTF-16')
  })

  it('BRIEFS_DEBUG=1 adds the stack trace, only then', () => {
    const dir = templates('debug', {'recommendation.hbs': '<li>{{> nowhere}}</li>\n'})
    const args = ['build', '--rec', '1', '--format', 'html', '--templates', dir, '--out', join(root, 'o5')]
    expect(run(args).stderr).not.toMatch(/^\s+at /m)
    expect(run(args, {env: {BRIEFS_DEBUG: '1'}}).stderr).toMatch(/^\s+at /m)
  })
})
