// Regenerate docs/img/region-slides-matrix.png and docs/img/region-pptx-matrix.png from the built code
// (`npm run build` first): the first matrix slide of the Caribbean region deck made from the illustrative
// profiles under examples/illustrative (every slide marked), as the deck PDF draws it and as LibreOffice
// Impress draws the PowerPoint file's native table.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadProject} from '../dist/annotate/load-project.js'
import {launchBrowser} from '../dist/render/browser.js'
import {defaultDate} from '../dist/render/formats.js'
import {renderPptx} from '../dist/render/pptx/render-pptx.js'
import {planSlides} from '../dist/render/slides/plan.js'
import {renderSlides} from '../dist/render/slides/render-slides.js'
import {select, toBriefSpec} from '../dist/select/index.js'

const root = join(import.meta.dirname, '..')
const out = join(root, 'docs', 'img')
const work = mkdtempSync(join(tmpdir(), 'region-slides-images-'))
const view = select(loadProject({paths: {profiles: join(root, 'examples', 'illustrative')}}), toBriefSpec({region: 'caribbean', lang: 'en'}))
const slide = String(planSlides(view).slides.find((s) => s.type === 'region-matrix').index)
const handle = await launchBrowser()
try {
  const options = {browser: handle.browser, date: defaultDate, handoutLayout: 2, paper: 'a4'}
  writeFileSync(join(work, 'deck.pdf'), await renderSlides(view, options))
  writeFileSync(join(work, 'deck.pptx'), await renderPptx(view, options))
  const png = (pdf, name) => {
    execFileSync('pdftoppm', ['-png', '-singlefile', '-f', slide, '-l', slide, '-scale-to-x', '1280', '-scale-to-y', '720', pdf, join(work, name)])
    renameSync(join(work, `${name}.png`), join(out, `${name}.png`))
  }
  png(join(work, 'deck.pdf'), 'region-slides-matrix')
  const profile = mkdtempSync(join(tmpdir(), 'lo-region-images-'))
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(work, 'lo'), join(work, 'deck.pptx')], {stdio: 'pipe'})
  rmSync(profile, {recursive: true, force: true})
  png(join(work, 'lo', 'deck.pdf'), 'region-pptx-matrix')
} finally {
  await handle.close()
  rmSync(work, {recursive: true, force: true})
}
