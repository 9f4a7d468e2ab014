#!/usr/bin/env node
// Word's page-number estimate (docx's layout engine) with and without patches/docx+*.patch, side by side:
// every brief of the default batch as DOCX on A4 and Letter, in one process each, the content cache off,
// interleaved runs (patched, unpatched, patched, unpatched…). Reports the estimate's CPU time (the
// process's user + system time across the estimate's calls) and checks that every part of every file is
// the same with and without the patch. The unpatched copy of docx is made in a temporary folder (the
// patch reversed there) and loaded through a module resolve hook: node_modules is not touched.
// Both children run with the CLI's V8 tiering (source/cli/v8-tiering.ts); `--v8-default` measures with V8's own.
// Usage: node scripts/bench-word-estimate.mjs [--runs N] [--v8-default]   (part of `npm run bench`)
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const root = join(import.meta.dirname, '..')

if (process.argv[2] === '--child') {
  process.env.BRIEFS_CACHE_DIR = 'off'
  // The CLI's V8 tiering (dist/cli/v8-tiering.js), set first as the CLI does, unless measuring V8's default.
  if (!process.argv.includes('--v8-default')) await import('../dist/cli/v8-tiering.js')
  const {createHash} = await import('node:crypto')
  const {unzipSync} = await import('fflate')
  const {loadProject} = await import('../dist/annotate/load-project.js')
  const {readBatchConfig} = await import('../dist/batch/config.js')
  const {contentPaths} = await import('../dist/content-paths.js')
  const {select} = await import('../dist/select/index.js')
  const {renderDocx} = await import('../dist/render/docx/render-docx.js')
  const {estimateCost} = await import('../dist/render/docx/page-numbers.js')
  const {defaultDate} = await import('../dist/render/formats.js')
  const project = loadProject()
  const plan = readBatchConfig(contentPaths.batch, project)
  const parts = createHash('sha256')
  for (const paper of ['a4', 'letter']) {
    for (const brief of plan.briefs) {
      const bytes = await renderDocx(select(project, brief.spec), {paper, date: defaultDate, handoutLayout: 2})
      for (const [name, data] of Object.entries(unzipSync(bytes)).sort(([a], [b]) => (a < b ? -1 : 1))) parts.update(name).update(data)
    }
  }
  console.log(JSON.stringify({documents: estimateCost.documents, cpuMs: estimateCost.cpuMicroseconds / 1000, parts: parts.digest('hex')}))
  process.exit(0)
}

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 2
const patch = readdirSync(join(root, 'patches')).find((name) => name.startsWith('docx+'))
if (!patch) throw new Error('no docx patch in patches/')
// An unpatched docx beside a hook that resolves `docx` and `docx/*` to it.
const scratch = mkdtempSync(join(tmpdir(), 'briefs-docx-unpatched-'))
cpSync(join(root, 'node_modules', 'docx'), join(scratch, 'node_modules', 'docx'), {recursive: true})
execFileSync('patch', ['-R', '-p1', '-s', '-d', scratch, '-i', join(root, 'patches', patch)])
const hooks = join(scratch, 'hooks.mjs')
writeFileSync(hooks, `
const parentURL = ${JSON.stringify(pathToFileURL(join(scratch, 'here.mjs')).href)}
export async function resolve(specifier, context, next) {
  if (specifier === 'docx' || specifier.startsWith('docx/')) return next(specifier, {...context, parentURL})
  return next(specifier, context)
}
`)
const register = join(scratch, 'register.mjs')
writeFileSync(register, `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)

const v8Default = process.argv.includes('--v8-default')
const child = (unpatched) => JSON.parse(execFileSync(process.execPath, [...(unpatched ? ['--import', register] : []), import.meta.filename, '--child', ...(v8Default ? ['--v8-default'] : [])], {encoding: 'utf8', maxBuffer: 1 << 20}))
const results = {patched: [], unpatched: []}
try {
  for (let i = 0; i < runs; i++) {
    results.patched.push(child(false))
    results.unpatched.push(child(true))
  }
} finally {
  rmSync(scratch, {recursive: true, force: true})
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
const patched = median(results.patched.map((r) => r.cpuMs))
const unpatched = median(results.unpatched.map((r) => r.cpuMs))
const documents = results.patched[0].documents
const same = new Set([...results.patched, ...results.unpatched].map((r) => r.parts)).size === 1
console.log(`Word page-number estimate, ${documents} documents (default batch, A4 and Letter) in one process, median of ${runs}, ${v8Default ? "V8's default tiering" : "the CLI's V8 tiering"}:`)
console.log(`  docx unpatched: ${(unpatched / 1000).toFixed(1)} CPU-s (${(unpatched / documents).toFixed(0)} ms a document)`)
console.log(`  docx patched:   ${(patched / 1000).toFixed(1)} CPU-s (${(patched / documents).toFixed(0)} ms a document)`)
console.log(`  ${(unpatched / patched).toFixed(2)}× cheaper; every part of every file the same with and without the patch: ${same ? 'yes' : 'NO'}`)
if (!same) process.exitCode = 1
