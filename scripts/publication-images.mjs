// Regenerate docs/img/pub-*.png, the pages issue 22's review looks at, from a batch folder
// (default: `out/`, as `npm start` makes it) and the Chile example (built here as Word):
//   node scripts/publication-images.mjs [BATCH_DIR]
// PDFs through pdftoppm; Word and PowerPoint through LibreOffice (converted to PDF, then pdftoppm),
// as a reader without Office sees them.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, renameSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const root = join(import.meta.dirname, '..')
const batch = process.argv[2] ?? join(root, 'out')
const out = join(root, 'docs', 'img')
const work = mkdtempSync(join(tmpdir(), 'publication-images-'))
const briefs = (...args) => execFileSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], {encoding: 'utf8'}).trim()

/** Page `page` of `pdf` as docs/img/NAME.png, `width` pixels wide. */
function png(pdf, page, name, width = 900) {
  const prefix = join(work, name)
  execFileSync('pdftoppm', ['-png', '-f', String(page), '-l', String(page), '-singlefile', '-scale-to-x', String(width), '-scale-to-y', '-1', pdf, prefix])
  renameSync(`${prefix}.png`, join(out, `${name}.png`))
}

/** `file` converted to PDF by LibreOffice in a profile of its own. */
function viaLibreOffice(file) {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'))
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], {stdio: 'ignore', timeout: 180_000})
  return join(work, file.split('/').at(-1).replace(/\.[^.]+$/, '.pdf'))
}

/** The first page of `pdf` whose text matches `pattern`. */
function pageWith(pdf, pattern) {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))[1])
  for (let page = 1; page <= pages; page++) {
    if (pattern.test(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], {encoding: 'utf8'}))) return page
  }
  throw new Error(`No page of ${pdf} matches ${pattern}`)
}

const full = join(batch, 'full-es.pdf')
png(full, 1, 'pub-full-es-p1')
png(full, 2, 'pub-full-es-p2')
const jamaica = join(batch, 'country-jm-en.pdf')
for (const page of [1, 2, 3]) png(jamaica, page, `pub-country-jm-en-p${page}`)
const deck = join(batch, 'full-es.slides.pdf')
png(deck, 1, 'pub-slides-1', 1280)
png(deck, pageWith(deck, /pág\.\s*\d+/), 'pub-slides-recommendation', 1280)
const handout = join(batch, 'full-es.handout.pdf')
png(handout, 2, 'pub-handout-p2')
const chile = briefs('build', '--spec', join(root, 'examples', 'chile-territorial.yaml'), '--format', 'docx', '--out', work)
png(viaLibreOffice(chile), 3, 'pub-word-chile-p3')
const pptx = viaLibreOffice(join(batch, 'country-jm-en.pptx'))
png(pptx, 1, 'pub-pptx-1', 1280)
png(pptx, pageWith(pptx, /p\.\s*\d+/), 'pub-pptx-recommendation', 1280)
console.log(readdirSync(out).filter((name) => name.startsWith('pub-')).join('\n'))
