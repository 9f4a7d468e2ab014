#!/usr/bin/env node
// Figures a publications office asks of a batch (issue 22): pages per format, words per slide
// (max, median) over every slide deck and PowerPoint file, read back with poppler and from the
// PowerPoint files' slide XML. Usage: node scripts/publication-figures.mjs DIR (a batch's output folder).
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import JSZip from 'jszip'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: node scripts/publication-figures.mjs DIR')
  process.exit(2)
}

const kinds = [
  ['PDF brief', (f) => f.endsWith('.pdf') && !f.endsWith('.slides.pdf') && !f.endsWith('.handout.pdf')],
  ['slides', (f) => f.endsWith('.slides.pdf')],
  ['handout', (f) => f.endsWith('.handout.pdf')],
]

const words = (text) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]
}
const pdfPages = (path) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], {encoding: 'utf8'}))[1])

const files = readdirSync(dir).sort()
for (const [kind, wanted] of kinds) {
  const chosen = files.filter(wanted)
  const pages = chosen.map((f) => pdfPages(join(dir, f)))
  console.log(`${kind}: ${chosen.length} files, ${pages.reduce((a, b) => a + b, 0)} pages (median ${median(pages)}, max ${Math.max(...pages)})`)
}

const slideWords = []
for (const file of files.filter((f) => f.endsWith('.slides.pdf'))) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, file), '-'], {encoding: 'utf8', maxBuffer: 64 << 20})
  for (const page of text.split('\f').slice(0, -1)) slideWords.push(words(page))
}
console.log(`slides: ${slideWords.length} slides, words per slide max ${Math.max(...slideWords)}, median ${median(slideWords)}, over 90: ${slideWords.filter((n) => n > 90).length}`)

const pptxWords = []
for (const file of files.filter((f) => f.endsWith('.pptx'))) {
  const zip = await JSZip.loadAsync(readFileSync(join(dir, file)))
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
    const xml = await zip.file(name).async('string')
    const text = [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ')
    pptxWords.push(words(text))
  }
}
console.log(`pptx: ${files.filter((f) => f.endsWith('.pptx')).length} files, ${pptxWords.length} slides, words per slide max ${Math.max(...pptxWords)}, median ${median(pptxWords)}, over 90: ${pptxWords.filter((n) => n > 90).length}`)
