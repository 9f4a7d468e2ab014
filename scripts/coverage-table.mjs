#!/usr/bin/env node
// Write docs/coverage.md (per audience and theme: how many recommendations it selects).
// `--check` exits 1 when the committed file is out of date.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {coverageMarkdown} from '../dist/annotate/coverage.js'
import {loadProject} from '../dist/annotate/load-project.js'
import {projectRoot} from '../dist/content-paths.js'

const path = join(projectRoot, 'docs', 'coverage.md')
const text = coverageMarkdown(loadProject())
if (process.argv.includes('--check')) {
  let current = ''
  try { current = readFileSync(path, 'utf8') } catch {}
  if (current !== text) {
    console.error(`${path} is out of date: run node scripts/coverage-table.mjs`)
    process.exit(1)
  }
} else {
  writeFileSync(path, text)
  console.log(path)
}
