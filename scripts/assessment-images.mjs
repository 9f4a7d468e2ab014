// Regenerate docs/img/assessment-*.png from the built CLI (`npm run build` first),
// using the illustrative example profile (examples/profiles/CL.yaml):
// the chart page of the Chile PDF brief, and the first page of the exported
// form as LibreOffice Calc prints it (landscape, header row repeated).
import {execFileSync} from 'node:child_process'
import {mkdtempSync, renameSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const root = join(import.meta.dirname, '..')
const out = join(root, 'docs', 'img')
const work = mkdtempSync(join(tmpdir(), 'assessment-images-'))
const briefs = (...args) => execFileSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], {encoding: 'utf8'}).trim()
const profiles = join(root, 'examples', 'profiles')

const pdf = briefs('build', '--country', 'CL', '--profiles', profiles, '--format', 'pdf', '--out', work)
const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))[1])
let chartPage = 0
for (let page = 1; page <= pageCount && !chartPage; page++) {
  const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], {encoding: 'utf8'})
  if (text.includes('Estado de las recomendaciones por lineamiento') && !text.includes('Índice')) chartPage = page
}
const png = (file, page, name) => {
  execFileSync('pdftoppm', ['-png', '-singlefile', '-r', '80', '-f', String(page), '-l', String(page), file, join(work, name)])
  renameSync(join(work, `${name}.png`), join(out, `${name}.png`))
}
png(pdf, chartPage, 'assessment-chart')

const form = briefs('assessment', 'export', '--country', 'CL', '--profiles', profiles, '--out', work)
execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, form], {stdio: 'ignore'})
// Page 1 is the instructions sheet; page 2 the first page of the assessment sheet.
png(form.replace(/\.xlsx$/, '.pdf'), 2, 'assessment-form')
console.log(`docs/img/assessment-chart.png (PDF page ${chartPage}), docs/img/assessment-form.png`)
