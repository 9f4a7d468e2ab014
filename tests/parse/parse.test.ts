import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseDocument, parsePages} from '../../source/parse/index.js'
import {withoutPositions} from '../helpers/golden.js'

const bundledPath = join(import.meta.dirname, '..', '..', 'content', '113-recomendaciones', '113-recomendaciones.es.txt')
const bundled = readFileSync(bundledPath, 'utf8')
const {model, file} = parseDocument(bundled, 'bundled')
const rec = (n: number) => model.recommendations.find((r) => r.number === n)!

describe('the bundled document', () => {
  it('has 14 guidelines and 113 recommendations numbered 1–113, and no problems', () => {
    expect(file.messages.map(String)).toEqual([])
    expect(model.guidelines.map((g) => g.id)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV'])
    expect(model.recommendations.map((r) => r.number)).toEqual(Array.from({length: 113}, (_, i) => i + 1))
    expect(model.meta.announced).toEqual({recommendations: 113, guidelines: 14})
  })

  it('reads every number from the source line it stands on', () => {
    const lines = bundled.split('\n')
    for (const r of model.recommendations) {
      expect(lines[r.position.start.line - 1]).toMatch(new RegExp(`^${r.number}\\. `))
    }
  })

  it('assigns guidelines: VII holds 62–78', () => {
    expect(model.recommendations.filter((r) => r.guideline === 'VII').map((r) => r.number)).toEqual(Array.from({length: 17}, (_, i) => 62 + i))
    expect(rec(61).guideline).toBe('VI')
    expect(rec(79).guideline).toBe('VIII')
  })

  it('keeps groups, only in guideline I', () => {
    expect(model.guidelines[0]!.groups.map((g) => g.title)).toEqual([
      'Recomendaciones para escalar los esfuerzos',
      'Recomendaciones para mejorar la relación costo-eficacia',
      'Otras recomendaciones asociadas a los diferentes ámbitos de las políticas de desarrollo productivo',
    ])
    expect(rec(7).group).toBe('Recomendaciones para escalar los esfuerzos')
    expect(rec(8).group).toBe('Recomendaciones para mejorar la relación costo-eficacia')
    expect(rec(22).group).toMatch(/^Otras recomendaciones/)
    expect(model.recommendations.filter((r) => r.guideline !== 'I').every((r) => r.group === null)).toBe(true)
  })

  it('turns page references into integers and removes them from the text', () => {
    expect(rec(1).pages).toEqual([142])
    expect(rec(4).pages).toEqual([86, 87])
    expect(rec(28).pages).toEqual([84, 85])
    expect(rec(108).pages).toEqual([91, 92])
    expect(rec(109).pages).toEqual([146])
    for (const r of model.recommendations) {
      expect(r.pages.length).toBeGreaterThan(0)
      expect(r.text).not.toMatch(/\(p[áa]g|\.$|\s$/)
    }
  })

  it('links footnote markers to their definitions', () => {
    expect(rec(23).footnotes).toEqual(['2'])
    expect(rec(105).footnotes).toEqual(['3'])
    expect(model.recommendations.filter((r) => r.footnotes.length > 0).map((r) => r.number)).toEqual([23, 105])
    expect(model.footnotes.map((f) => f.id)).toEqual(['2', '3'])
    expect(model.footnotes[0]!.text).toMatch(/^A los 14 sectores impulsores/)
    expect(rec(23).text).toBe('Establecer prioridades productivas al diseñar las políticas de desarrollo productivo, para lo cual los países y territorios podrían tomar como referencia los 15 sectores impulsores propuestos por la CEPAL')
    expect(rec(23).children.at(-1)).toEqual({type: 'footnoteReference', identifier: '2', label: '2'})
  })

  it('keeps inline formatting as mdast next to the plain text', () => {
    const emphasis = rec(105).children.find((n) => n.type === 'emphasis')
    expect(emphasis).toBeDefined()
    expect(rec(105).text).toContain('La Inversión Extranjera Directa en América Latina y el Caribe, 2024')
    expect(rec(107).text).toContain('(aftercare)')
  })

  it('reads the colophon', () => {
    expect(model.colophon.symbol).toBe('S.2500005[S]')
    expect(model.colophon.copyright).toBe('Copyright © Naciones Unidas, 2025')
    expect(model.colophon.citation).toMatch(/^Comisión Económica para América Latina y el Caribe \(CEPAL\), Escalar y mejorar/)
    expect(model.colophon.authors).toContain('Marco Llinás')
    expect(model.meta.title).toBe('Escalar y mejorar las políticas de desarrollo productivo: 113 recomendaciones para América Latina y el Caribe')
    expect(model.meta.year).toBe(2025)
  })

  it('keeps the preamble, hypotheses included, out of the recommendations', () => {
    expect(model.preamble.length).toBeGreaterThanOrEqual(5)
    expect(model.preamble[0]!.text).toMatch(/^construido\); iv\)/)
    expect(model.preamble[0]!.position.start.line).toBe(3)
  })
})

describe('equivalent inputs give the same model', () => {
  const reference = JSON.stringify(withoutPositions(model))
  const variants: [string, string | Uint8Array][] = [
    ['CRLF line endings', bundled.replace(/\n/g, '\r\n')],
    ['a UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(bundled)])],
    ['no-break spaces', bundled.replace(/(\d+)\. /g, '$1.\u00a0').replace(/ \(pág/g, '\u00a0(pág')],
    ['trailing spaces', bundled.replace(/\n/g, '   \n')],
    ['markdown heading marks', bundled.replace(/^([IVX]+\. )/gm, '## $1').replace(/^(Recomendaciones para|Otras recomendaciones)/gm, '### $1')],
  ]
  for (const [name, input] of variants) {
    it(name, () => {
      const parsed = parseDocument(input, 'variant')
      expect(parsed.file.messages.map(String)).toEqual([])
      expect(JSON.stringify(withoutPositions(parsed.model))).toBe(reference)
    })
  }

  it('keeps line and column under CRLF and trailing spaces', () => {
    const crlf = parseDocument(bundled.replace(/\n/g, '   \r\n'), 'x').model
    expect(crlf.recommendations.map((r) => r.position.start)).toEqual(model.recommendations.map((r) => r.position.start))
  })

  it('markdown headings give the same model as plain lines (small fixture)', () => {
    const fixtures = join(import.meta.dirname, '..', 'fixtures')
    const plain = parseDocument(readFileSync(join(fixtures, 'ok-minimal', 'input.md')), 'a').model
    const marked = parseDocument(readFileSync(join(fixtures, 'ok-markdown-headings', 'input.md')), 'b').model
    expect(withoutPositions(marked)).toEqual(withoutPositions(plain))
  })
})

describe('page references', () => {
  it.each([
    ['142', [142]],
    ['86 y 87', [86, 87]],
    ['86 and 87', [86, 87]],
    ['84-85', [84, 85]],
    ['84–86', [84, 85, 86]],
    ['12, 14 y 15', [12, 14, 15]],
  ])('%s', (value, pages) => {
    expect(parsePages(value)).toEqual(pages)
  })
})
