#!/usr/bin/env node
// First: V8's tiering is set before any other module runs (see v8-tiering.ts).
import './v8-tiering.js'
import {Argument, Command, CommanderError, Option} from 'commander'
import {describeError, exitCodes} from '../errors.js'
import {installShutdown, runCleanups} from '../shutdown.js'
import {addFilterOptions} from './filter-options.js'
import type {FilterFlags} from '../select/spec-from-flags.js'
import {logger} from './logger.js'
import {refuseRepeatedFlags} from './repeated-flags.js'
import {setLimits} from '../limits.js'

// Every way out goes through one place: cleanups (browser, profile, lock) run, errors print without a stack.
installShutdown(reportError, (message) => logger.error(message))
// `briefs model | head -1`: the reader left; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  runCleanups()
  process.exit(exitCodes.ok)
})

const program = new Command()
  .name('briefs')
  .description('Tailored briefs (PDF, Word, slides, handouts, PowerPoint) from ECLAC\'s 113 recommendations on productive development policies')
  .version('0.1.0')
  .option('--quiet', 'print only errors')
  .option('--limit <name=value>', 'raise or lower a limit, e.g. source-size=10MB (see the README; repeatable)', (value: string, previous: string[] = []) => [...previous, value])
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .hook('preAction', (command, action) => {
    logger.quiet = Boolean(command.opts()['quiet'])
    const limitFlags = (command.opts()['limit'] as string[] | undefined) ?? []
    for (const value of limitFlags) setLimits(value, '--limit')
    // Worker threads read the limits from the environment.
    if (limitFlags.length > 0) process.env['BRIEFS_LIMITS'] = [process.env['BRIEFS_LIMITS'], ...limitFlags].filter(Boolean).join(',')
    refuseRepeatedFlags(action, process.argv.slice(2))
  })

program
  .command('model')
  .description('print the recommendation model as JSON')
  .argument('[file]', 'source text (default: the bundled document)')
  .action(async (file?: string) => (await import('./info-commands.js')).modelCommand(file))

program
  .command('validate')
  .description('check a source text; print FILE:LINE:COLUMN: reason [rule-id] per problem on stderr')
  .argument('[file]', 'source text (default: the bundled document)')
  .action(async (file?: string) => (await import('./validate-command.js')).validateCommand(file))

program
  .command('schema')
  .description('print the JSON Schema of the model')
  .action(async () => (await import('./info-commands.js')).schemaCommand())

program
  .command('list')
  .description('list guidelines, audiences, themes or countries')
  .addArgument(new Argument('<what>', 'what to list').choices(['guidelines', 'audiences', 'themes', 'countries']))
  .option('--json', 'print JSON')
  .addOption(new Option('-l, --lang <lang>', 'language of the labels').choices(['es', 'en', 'pt']).default('es'))
  .action(async (what: string, opts: {json?: boolean; lang: 'es' | 'en' | 'pt'}) => (await import('./info-commands.js')).listCommand(what, opts))

addFilterOptions(
  program
    .command('select')
    .description('show what a brief would contain, before anything is rendered')
    .option('--json', 'print JSON'),
).action(async (opts: FilterFlags & {json?: boolean}) => (await import('./info-commands.js')).selectCommand(opts))

addFilterOptions(
  program
    .command('build')
    .description('render one brief; print each written path on stdout')
    .option('-f, --format <formats>', 'comma-separated: html, pdf, docx, slides, handout, pptx, md, json', 'pdf')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--paper <size>', 'paper for PDF briefs and handouts: a4, letter', 'a4')
    .option('--templates <dir>', 'a folder whose templates and partials override the bundled ones by name')
    .option('--handout-layout <n>', 'slides per handout page: 2 (each with note lines) or 6', '2')
    .option('--date <date>', 'date written into document metadata (default: fixed, so the same inputs give the same bytes; `now` for today)'),
).action(async (opts) => (await import('./build-command.js')).buildCommand(opts))

/** The options `briefs batch` and `briefs site` share: pages at once, redo everything (`redo` says what), the source text. */
function addBatchRunOptions(command: Command, redo: string): Command {
  return command
    .option('-j, --concurrency <n>', 'pages rendered at once (default: from the cores available)')
    .option('--force', redo)
    .option('--source <file>', 'the source text (default: the bundled document)')
}

addBatchRunOptions(
  program
    .command('batch')
    .description('render every brief a batch config lists (default: the bundled config), with one browser')
    .argument('[config]', 'batch config in YAML (default: content/batch.yaml)')
    .option('-o, --out <dir>', 'output folder', 'out'),
  'redo every document, even unchanged ones',
).action(async (config: string | undefined, opts) => (await import('./batch-command.js')).batchCommand(config, opts))

addBatchRunOptions(
  program
    .command('site')
    .description('write the web edition: a static, searchable site in es/en/pt with every brief\'s pages and downloads (relative links only); print its index')
    .argument('[config]', 'batch config in YAML whose briefs the site publishes (default: content/batch.yaml)')
    .option('-o, --out <dir>', 'site folder', 'site')
    .option('--reuse <dir>', 'a batch output folder whose documents made from the same inputs are taken, not made again', 'out')
    .option('--no-reuse', 'make every download in the site folder itself')
    .option('--base-url <url>', 'where the site will be published: absolute addresses in sitemap.xml and og:url'),
  'redo every download, even unchanged ones',
).action(async (config: string | undefined, opts) => (await import('./site-command.js')).siteCommand(config, opts))

program
  .command('serve')
  .description('a local web workspace: compose and download briefs, edit country profiles, run the batch; prints its URL first')
  .option('-p, --port <n>', 'port (0: any free port)', '8713')
  .option('-H, --host <host>', 'address to listen on; any but loopback needs --token or --auth', '127.0.0.1')
  .option('--token <secret>', 'required on every request (default: BRIEFS_TOKEN)')
  .option('--content <dir>', 'content folder read and written (default: the bundled content/)')
  .option('-o, --out <dir>', 'output folder of the batch', 'out')
  .option('--site <dir>', 'the web edition\'s folder (briefs site --out): shown under /site/ with a "Web edition" link once built', 'site')
  .option('--render-concurrency <n>', 'documents rendered at once on the shared browser', '2')
  .option('--open', 'open the workspace in the default browser')
  .option('--auth', 'hosted workspace: every page and API call needs an account (see `briefs accounts`)')
  .option('--data <dir>', 'with --auth: the folder that holds accounts, sessions, audit log and profile history')
  .option('--trust-proxy', 'with --auth behind a reverse proxy: take the client address and https from X-Forwarded-For/-Proto/-Host')
  .action(async (opts) => (await import('./serve-command.js')).serveCommand(opts))

const collect = (value: string, previous: string[] = []) => [...previous, value]
const accounts = program.command('accounts').description('accounts of the hosted workspace (`briefs serve --auth --data DIR`): add, list, remove, reset')
accounts
  .command('add')
  .description('add an account; the password is read from standard input, never printed')
  .argument('<user>', 'the name it signs in with (lower case)')
  .requiredOption('--data <dir>', 'the folder that holds accounts and history')
  .option('--role <role>', 'admin (everything, runs batches), editor (its countries only) or viewer (reads all)')
  .option('-c, --country <code>', 'a country an editor may edit (repeatable)', collect)
  .option('--password-stdin', 'read the password from standard input')
  .option('--content <dir>', 'content folder whose countries --country checks against (default: the bundled content/)')
  .action(async (user: string, opts) => (await import('./accounts-command.js')).addAccountCommand(user, opts))
accounts
  .command('list')
  .description('list accounts: name, role, countries, last change (no passwords)')
  .requiredOption('--data <dir>', 'the folder that holds accounts and history')
  .option('--json', 'print JSON')
  .action(async (opts) => (await import('./accounts-command.js')).listAccountsCommand(opts))
accounts
  .command('remove')
  .description('remove an account and end its sessions (the audit log keeps its name)')
  .argument('<user>', 'the account')
  .requiredOption('--data <dir>', 'the folder that holds accounts and history')
  .action(async (user: string, opts) => (await import('./accounts-command.js')).removeAccountCommand(user, opts))
accounts
  .command('reset')
  .description('give an account a new password (from standard input), and optionally a new role or countries; its sessions end')
  .argument('<user>', 'the account')
  .requiredOption('--data <dir>', 'the folder that holds accounts and history')
  .option('--role <role>', 'a new role: admin, editor or viewer')
  .option('-c, --country <code>', 'the countries an editor may edit, replacing the old list (repeatable)', collect)
  .option('--password-stdin', 'read the new password from standard input')
  .option('--content <dir>', 'content folder whose countries --country checks against (default: the bundled content/)')
  .action(async (user: string, opts) => (await import('./accounts-command.js')).resetAccountCommand(user, opts))

const assessment = program.command('assessment').description('country self-assessment forms: export a spreadsheet, import it filled')
assessment
  .command('export')
  .description('write CODE-assessment.xlsx, the country\'s form, prefilled from its profile (or every country\'s, and a zip of them); print each path')
  .option('-c, --country <code>', 'ISO code or name of a country')
  .option('--all', 'every country\'s form, each in its language, and assessment-forms-lac.zip')
  .option('--region <id>', 'the forms of one region (lac, south-america, central-america-mexico, caribbean) and a zip of them')
  .option('-l, --lang <lang>', 'language of the form: es, en, pt (default: the country\'s)')
  .option('-o, --out <dir>', 'output folder', '.')
  .option('--profiles <dir>', 'folder of country profiles (default: content/countries)')
  .option('--source <file>', 'the source text (default: the bundled document)')
  .action(async (opts) => (await import('./assessment-command.js')).exportCommand(opts))
assessment
  .command('import')
  .description('check every cell of filled forms and update their countries\' profiles (a changed answer keeps the previous one in its history); nothing is written for a form with any problem')
  .argument('<files...>', 'the filled forms (.xlsx), one or many')
  .option('--dry-run', 'check and summarise only')
  .option('--clear-empty', 'erase answers the form leaves empty (kept otherwise)')
  .option('--date <date>', 'the import date recorded in the profile, YYYY-MM-DD (default: today)')
  .option('-c, --country <code>', 'refuse a form for any other country')
  .option('--profiles <dir>', 'folder of country profiles (default: content/countries)')
  .option('--source <file>', 'the source text (default: the bundled document)')
  .action(async (files: string[], opts) => (await import('./assessment-command.js')).importCommand(files, opts))

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = reportError(error)
}

/** Print an error as the user should see it; return its exit code. */
function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; commander already printed the problem otherwise.
    return error.exitCode === 0 ? 0 : exitCodes.usage
  }
  const {message, exitCode} = describeError(error)
  logger.error(message)
  return exitCode
}
