import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {projectRoot} from './content-paths.js'

/** The project version from package.json (part of every batch inputs hash). */
export const version: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {version: string}).version
