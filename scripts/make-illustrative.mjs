#!/usr/bin/env node
// Write a clearly fictional set of self-assessment profiles, for tests, documentation and
// screenshots (issue 23, part 5). Every answer is invented; every profile says so in its
// header and carries `illustrative: true`, so every page made from it is marked.
//
//   node scripts/make-illustrative.mjs                      examples/illustrative/: 8 countries
//   node scripts/make-illustrative.mjs --all 33 --out DIR   the first 33 countries, all assessed
//
// A fixed seed (one generator per country, seeded from the seed and the country's code):
// running it again gives the same bytes. Needs `npm run build` (it reads dist/).
import {mkdirSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCountries} from '../dist/annotate/countries.js'
import {contentPaths, projectRoot} from '../dist/content-paths.js'
import {loadProject} from '../dist/annotate/load-project.js'
import {seededRandom} from '../dist/render/docx/seeded-random.js'

const seed = 'briefs-illustrative-2026'
/** The default set: three subregions, three Caribbean countries (the region brief's test), two rounds for three. */
const defaultSet = ['CL', 'BR', 'CO', 'CR', 'MX', 'JM', 'TT', 'BB']
const twoRounds = new Set(['CL', 'CR', 'JM'])
/** The rounds' import dates: the first collection, then the second. */
const rounds = [{received: '2026-03-02', from: '2026-01-12', to: '2026-02-27'}, {received: '2026-06-10', from: '2026-04-06', to: '2026-06-05'}]

const {values} = parseArgs({options: {all: {type: 'string'}, out: {type: 'string'}}, allowPositionals: false, strict: true})
const countries = loadCountries(contentPaths.countries)
const numbers = loadProject().model.recommendations.map((r) => r.number)
const all = values.all !== undefined
if (all && !values.out) fail('--all writes to a folder of its own: add --out DIR (examples/illustrative/ holds the default set)')
const count = all ? Number(values.all || countries.length) : 0
if (all && !(Number.isInteger(count) && count >= 1 && count <= countries.length)) fail(`--all takes a number of countries from 1 to ${countries.length}, not \`${values.all}\``)
const chosen = all ? countries.slice(0, count) : defaultSet.map((code) => countries.find((c) => c.code === code))
const out = values.out ?? join(projectRoot, 'examples', 'illustrative')
mkdirSync(out, {recursive: true})


function fail(message) {
  console.error(`make-illustrative: ${message}`)
  process.exit(2)
}

/** The language a country's notes are written in (the first of its languages the briefs have). */
function langOf(country) {
  return country.languages.find((l) => l === 'es' || l === 'en' || l === 'pt') ?? 'es'
}

const notes = {
  es: {
    'implemented': 'Medida en aplicación (dato inventado).',
    'in-progress': 'Proyecto en preparación (dato inventado).',
    'not-started': 'Sin avances registrados (dato inventado).',
    'not-applicable': 'No corresponde en este país (dato inventado).',
  },
  en: {
    'implemented': 'Measure in force (invented).',
    'in-progress': 'Project in preparation (invented).',
    'not-started': 'No progress on record (invented).',
    'not-applicable': 'Does not apply in this country (invented).',
  },
  pt: {
    'implemented': 'Medida em aplicação (dado inventado).',
    'in-progress': 'Projeto em preparação (dado inventado).',
    'not-started': 'Sem avanços registrados (dado inventado).',
    'not-applicable': 'Não se aplica neste país (dado inventado).',
  },
}
const contacts = {es: 'seguimiento@example.org (dirección ficticia)', en: 'follow-up@example.org (fictitious address)', pt: 'acompanhamento@example.org (endereço fictício)'}
const contexts = {
  es: (name) => `Perfil de ejemplo (dato inventado): respuestas inventadas para mostrar el seguimiento por rondas y el informe regional. No refleja la situación de ${name}.`,
  en: (name) => `Example profile (invented): answers made up to show follow-up by rounds and the region brief. It does not reflect the situation of ${name}.`,
  pt: (name) => `Perfil de exemplo (dado inventado): respostas inventadas para mostrar o acompanhamento por rodadas e o relatório regional. Não reflete a situação de ${name}.`,
}

/** One country's answers, round by round, as the profile's YAML text. */
function profileText(country, withSecondRound) {
  const random = seededRandom(`${seed}:${country.code}`)
  const lang = langOf(country)
  const name = country.name[lang]
  const form = `${country.code}-assessment.xlsx`
  // Each country answers its own share of the recommendations in the first round, more in the second.
  const share = 0.35 + random() * 0.5
  const answers = new Map()
  for (const number of numbers) {
    if (random() >= share) continue
    answers.set(number, answer(random, lang, number, country.code, pickStatus(random, [0.3, 0.35, 0.25, 0.1]), rounds[0], form))
  }
  if (withSecondRound) {
    for (const number of numbers) {
      const before = answers.get(number)
      if (!before) {
        if (random() < 0.25) answers.set(number, answer(random, lang, number, country.code, pickStatus(random, [0.35, 0.4, 0.15, 0.1]), rounds[1], form))
        continue
      }
      // Progress, mostly: a not-started one gets under way, one under way is implemented.
      const next = before.status === 'not-started' && random() < 0.45 ? 'in-progress' : before.status === 'in-progress' && random() < 0.5 ? 'implemented' : null
      if (!next) continue
      const {history: _none, ...old} = before
      answers.set(number, {...answer(random, lang, number, country.code, next, rounds[1], form), history: [{...old, replaced: rounds[1].received}]})
    }
  }
  const lines = [
    '# ILLUSTRATIVE EXAMPLE — NOT AN OFFICIAL ASSESSMENT.',
    `# A made-up self-assessment for ${country.name.en}, for tests, documentation and screenshots only.`,
    '# Every answer below is invented; every page made from this profile says so.',
    `# Written by scripts/make-illustrative.mjs (seed ${JSON.stringify(seed)}): run it again rather than editing by hand.`,
    `#   npx briefs build --country ${country.code} --profiles ${relativeOut()} --format pdf`,
    `country: ${country.code}`,
    'illustrative: true',
    `contact: ${contacts[lang]}`,
    '',
    'context: >-',
    ...fold(contexts[lang](name), 88).map((line) => `  ${line}`),
    '',
    'focus:',
    '  guidelines: []',
    '  audiences: []',
    '  themes: []',
    '',
    `# Answers (invented)${withSecondRound ? `, two rounds: ${rounds[0].received} and ${rounds[1].received}` : `, one round: ${rounds[0].received}`}.`,
    'assessments:',
  ]
  for (const [number, a] of [...answers].sort(([x], [y]) => x - y)) {
    lines.push(`  ${number}:`, ...fields(a, '    '))
    if (a.history) {
      lines.push('    history:')
      for (const entry of a.history) {
        const [first, ...rest] = fields(entry, '        ')
        lines.push(`      - ${first.trimStart()}`, ...rest)
      }
    }
  }
  const last = withSecondRound ? rounds[1].received : rounds[0].received
  lines.push('', 'imported:', `  form: ${form}`, `  date: ${last}`, '')
  return lines.join('\n')
}

/** The folder as the reader would type it: `--out` as given, else the default's path from the project root. */
function relativeOut() {
  return values.out ?? relative(projectRoot, out)
}

function answer(random, lang, number, code, status, round, form) {
  const a = {status}
  if (random() < 0.6) a.note = notes[lang][status]
  if (status === 'implemented' && random() < 0.5) a.evidence = `https://example.org/evidence/${code.toLowerCase()}/${number}`
  a.assessed = dayBetween(random, round.from, round.to)
  a.form = form
  a.received = round.received
  return a
}

const order = ['status', 'note', 'evidence', 'assessed', 'form', 'received', 'replaced']

function fields(a, indent) {
  return order.filter((key) => a[key] !== undefined).map((key) => `${indent}${key}: ${key === 'note' ? JSON.stringify(a[key]) : a[key]}`)
}

const statuses = ['not-started', 'in-progress', 'implemented', 'not-applicable']

function pickStatus(random, weights) {
  let r = random()
  for (let i = 0; i < statuses.length; i++) {
    if (r < weights[i]) return statuses[i]
    r -= weights[i]
  }
  return statuses.at(-1)
}

function dayBetween(random, from, to) {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  const days = Math.floor(random() * ((b - a) / 86_400_000 + 1))
  return new Date(a + days * 86_400_000).toISOString().slice(0, 10)
}

/** Words into lines of at most `width` characters (the folded paragraph of the shipped profiles). */
function fold(text, width) {
  const lines = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

function readmeText(list) {
  return [
    '# Illustrative self-assessments (invented)',
    '',
    '**ILLUSTRATIVE EXAMPLE — NOT AN OFFICIAL ASSESSMENT.** Every answer in this folder is',
    'invented, for tests, documentation and screenshots; every page made from these profiles',
    'says so. The shipped profiles in `content/countries/` hold facts only.',
    '',
    `Written by \`node scripts/make-illustrative.mjs\` (fixed seed ${JSON.stringify(seed)}); run it again`,
    'instead of editing the files (a test checks that it gives the same bytes).',
    '',
    '| Country | Code | Subregion | Rounds |',
    '| --- | --- | --- | --- |',
    ...list.map((c) => `| ${c.name.en} | ${c.code} | ${c.subregion} | ${twoRounds.has(c.code) ? `${rounds[0].received}, ${rounds[1].received}` : rounds[0].received} |`),
    '',
    'Try:',
    '',
    '```sh',
    'npx briefs build --country JM --profiles examples/illustrative --format pdf',
    'npx briefs build --country CL --profiles examples/illustrative --as-of 2026-04-01 --format md',
    '```',
    '',
    'For 33 assessed countries (benchmarks): `node scripts/make-illustrative.mjs --all 33 --out /tmp/profiles-33`.',
    '',
  ].join('\n')
}

// Last: the tables and helpers above are defined by now.
for (const country of chosen) {
  const path = join(out, `${country.code}.yaml`)
  writeFileSync(path, profileText(country, twoRounds.has(country.code)))
  console.log(path)
}
if (!all) {
  const readme = join(out, 'README.md')
  writeFileSync(readme, readmeText(chosen))
  console.log(readme)
}
