import {join} from 'node:path'
import {describe, it} from 'vitest'
import {loadProject} from '../../source/annotate/load-project.js'
import {planSlides} from '../../source/render/slides/plan.js'
import {select, toBriefSpec} from '../../source/select/index.js'
import {expectGoldenJson} from '../helpers/golden.js'

const golden = join(import.meta.dirname, 'golden')
const project = loadProject()

/** The slide plan the PDF deck, the handout and the PowerPoint file all draw: reviewed as a diff when it changes. */
describe('slide plan (golden)', () => {
  for (const [name, spec] of Object.entries({
    'guideline-vii': {lang: 'es', guidelines: ['VII']},
    'audience-subnational-government': {lang: 'es', audiences: ['subnational-government']},
    'country-cl-en': {lang: 'en', country: 'CL'},
  })) {
    it(name, () => expectGoldenJson(join(golden, `slide-plan-${name}.json`), planSlides(select(project, toBriefSpec(spec)))))
  }
})
