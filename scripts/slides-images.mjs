// Regenerate docs/img/slides-*.png from the built code (`npx tsc -p .` first):
// a recommendation slide of the deck PDF, a handout page, and the same slide
// of the PowerPoint file as LibreOffice Impress draws it.
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadProject} from '../dist/annotate/load-project.js'
import {launchBrowser} from '../dist/render/browser.js'
import {defaultDate} from '../dist/render/formats.js'
import {renderPptx} from '../dist/render/pptx/render-pptx.js'
import {planSlides} from '../dist/render/slides/plan.js'
import {renderHandout} from '../dist/render/slides/render-handout.js'
import {renderSlides} from '../dist/render/slides/render-slides.js'
import {select, toBriefSpec} from '../dist/select/index.js'

const out = join(import.meta.dirname, '..', 'docs', 'img')
mkdirSync(out, {recursive: true})
const work = mkdtempSync(join(tmpdir(), 'slides-images-'))
const view = select(loadProject(), toBriefSpec({lang: 'es'}))
const slide = String(planSlides(view).slides.find((s) => s.type === 'recommendations').index)
const handle = await launchBrowser()
try {
  const options = {browser: handle.browser, date: defaultDate, handoutLayout: 2, paper: 'a4'}
  const times = {}
  let t = performance.now()
  writeFileSync(join(work, 'deck.pdf'), await renderSlides(view, options))
  times.slides = performance.now() - t
  t = performance.now()
  writeFileSync(join(work, 'handout.pdf'), await renderHandout(view, options))
  times.handout = performance.now() - t
  t = performance.now()
  writeFileSync(join(work, 'deck.pptx'), await renderPptx(view, options))
  times.pptx = performance.now() - t
  console.log(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, `${Math.round(v)} ms`])))
  const png = (pdf, page, name, args) => {
    execFileSync('pdftoppm', ['-png', '-singlefile', '-f', page, '-l', page, ...args, pdf, join(work, name)])
    renameSync(join(work, `${name}.png`), join(out, `${name}.png`))
  }
  png(join(work, 'deck.pdf'), slide, 'slides-deck', ['-scale-to-x', '1280', '-scale-to-y', '720'])
  png(join(work, 'handout.pdf'), '3', 'slides-handout', ['-r', '110'])
  const profile = mkdtempSync(join(tmpdir(), 'lo-slides-images-'))
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(work, 'lo'), join(work, 'deck.pptx')], {stdio: 'pipe'})
  rmSync(profile, {recursive: true, force: true})
  png(join(work, 'lo', 'deck.pdf'), slide, 'slides-pptx', ['-scale-to-x', '1280', '-scale-to-y', '720'])
} finally {
  await handle.close()
  rmSync(work, {recursive: true, force: true})
}
