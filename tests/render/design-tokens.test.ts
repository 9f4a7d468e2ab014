import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {contentPaths} from '../../source/content-paths.js'
import {colors, ooxmlColor, rgbShares, tokensCss} from '../../source/render/design-tokens.js'
import {palette} from '../../source/render/docx/docx-styles.js'

const stylesheets = ['brief/brief.css', 'brief/partials/page-css.hbs', 'slides/slides.css'].map((name) => ({name, css: readFileSync(join(contentPaths.templates, name), 'utf8')}))
const defined = new Set([...tokensCss().matchAll(/--([a-z0-9-]+):/g)].map((m) => m[1]!))

describe('design tokens', () => {
  it('define every custom property the brief and slide stylesheets use', () => {
    // Properties the templates set themselves (the cover's height, from the paper size) are their own.
    const own = new Set(stylesheets.flatMap(({css}) => [...css.matchAll(/--([a-z0-9-]+)\s*:/g)].map((m) => m[1]!)))
    for (const {name, css} of stylesheets) {
      const used = [...css.matchAll(/var\(--([a-z0-9-]+)/g)].map((m) => m[1]!)
      if (name.endsWith('.css')) expect(used.length, name).toBeGreaterThan(0)
      expect(used.filter((v) => !defined.has(v) && !own.has(v)), name).toEqual([])
    }
  })

  it('are the only colours: no stylesheet writes a colour of its own', () => {
    for (const {name, css} of stylesheets) expect(css.match(/#[0-9a-fA-F]{3,6}\b/g) ?? [], name).toEqual([])
  })

  it('give Word, PowerPoint and the handout the same navy as the CSS', () => {
    expect(tokensCss()).toContain(`--navy: ${colors.navy};`)
    expect(palette.primary).toBe(ooxmlColor(colors.navy))
    expect(rgbShares('#1B3A5C').map((share) => Math.round(share * 255))).toEqual([0x1b, 0x3a, 0x5c])
  })
})
