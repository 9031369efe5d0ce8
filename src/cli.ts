#!/usr/bin/env node
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import type {RuleEntry} from './config.js'
import type {AgainstSource, EngineRequest} from './engine.js'
import type {FormatName} from './formats.js'
import {severityOf, type Syntax} from './types.js'
import {version} from './version.js'

// The rules, their data and the engine load only once the command line asks for a lint:
// `--version` and `--help` answer at once, and a usage error is reported before any of it loads.

const usage = `Usage: scrapelint [options] <file | folder | glob>...
       scrapelint --stdin [--stdin-filename <path>] [options]
       scrapelint --against <old file> <new file>
       scrapelint --against <old folder> <new folder>
       scrapelint --against-git <rev> [options] <file | folder | glob>...

Lint scraped and republished text (.txt, .md, .html) for boilerplate,
repeated words and other artifacts.

Options:
  --stdin                   read the text from standard input
  --stdin-filename <path>   path for the text on stdin (picks syntax and config)
  --syntax <text|markdown|html>
                            read every file as this syntax
  --rule <id:severity>      set a rule's severity (off, info, warn, error); repeatable
  --config <path>           use this config file instead of looking for one
  --ignore-path <path>      use this ignore file instead of .scrapelintignore
  --format <name>           stylish (default), json, sarif, github
  --quiet                   report errors only
  --max-warnings <n>        exit 1 when there are more than n warnings
  --max-file-size <mb>      refuse files larger than this (default 10)
  --fix                     apply safe fixes and write the files (atomically)
  --fix-dry-run             print the fixes as a unified diff; write nothing
  --against <old>           compare with an earlier version (claim-shift): a file
                            for one new file (or --stdin), a folder for a folder,
                            files paired by relative path
  --against-git <rev>       compare each file with its content at a git revision
  --jobs <n>                lint in n threads, this one and n - 1 workers (default:
                            one per CPU core but one for 100 files or more, else 1)
  --color, --no-color       force colour in the stylish report on or off
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 clean; 1 errors found, or more warnings than --max-warnings;
2 usage, config or input failure (a file that cannot be read or linted).`

class UsageError extends Error {}

interface CliOptions {
  paths: string[]
  stdin: boolean
  stdinFilename: string | undefined
  syntax: Syntax | undefined
  overrides: Record<string, RuleEntry>
  config: string | undefined
  ignorePath: string | undefined
  format: FormatName
  quiet: boolean
  maxWarnings: number
  maxFileSize: number | undefined
  fix: boolean
  dryRun: boolean
  color: boolean
  /** `--against <old>`: the earlier file or folder, as given. */
  against: string | undefined
  /** `--against-git <rev>`. */
  againstGit: string | undefined
  /** `--jobs`: threads for many files (this one and `jobs - 1` workers); undefined lets the CLI choose. */
  jobs: number | undefined
}

async function parseCommandLine(argv: string[]): Promise<CliOptions | 'help' | 'version'> {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stdin: {type: 'boolean', default: false},
      'stdin-filename': {type: 'string'},
      syntax: {type: 'string'},
      rule: {type: 'string', multiple: true, default: []},
      config: {type: 'string'},
      'ignore-path': {type: 'string'},
      format: {type: 'string', default: 'stylish'},
      quiet: {type: 'boolean', default: false},
      'max-warnings': {type: 'string'},
      'max-file-size': {type: 'string'},
      fix: {type: 'boolean', default: false},
      'fix-dry-run': {type: 'boolean', default: false},
      color: {type: 'boolean'},
      'no-color': {type: 'boolean'},
      against: {type: 'string'},
      'against-git': {type: 'string'},
      jobs: {type: 'string'},
      help: {type: 'boolean', short: 'h', default: false},
      version: {type: 'boolean', short: 'v', default: false}
    }
  })
  if (values.help) return 'help'
  if (values.version) return 'version'
  const {formatNames} = await import('./formats.js')
  const syntax = values.syntax
  if (syntax !== undefined && !['text', 'markdown', 'html'].includes(syntax)) throw new UsageError(`--syntax: expected text, markdown or html, not \`${syntax}\``)
  if (!formatNames.includes(values.format as FormatName)) throw new UsageError(`--format: expected one of ${formatNames.join(', ')}, not \`${values.format}\``)
  if (!values.stdin && positionals.length === 0) throw new UsageError('no files given; pass files, folders or globs, or --stdin')
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin takes no file arguments')
  if (values.against !== undefined && values['against-git'] !== undefined) throw new UsageError('--against and --against-git cannot be used together')
  if (values.against !== undefined && !values.stdin && positionals.length !== 1) {
    throw new UsageError('--against takes one new file or folder: scrapelint --against <old> <new>')
  }
  if (values['against-git'] !== undefined && values['against-git'].trim() === '') throw new UsageError('--against-git: expected a revision, such as HEAD')
  const overrides: Record<string, RuleEntry> = {}
  const {parseRuleFlag} = await import('./config.js')
  for (const flag of values.rule ?? []) {
    const [id, severity] = parseRuleFlag(flag)
    overrides[id] = severity
  }
  return {
    paths: positionals,
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    syntax: syntax as Syntax | undefined,
    overrides,
    config: values.config,
    ignorePath: values['ignore-path'],
    format: values.format as FormatName,
    quiet: values.quiet ?? false,
    maxWarnings: count('--max-warnings', values['max-warnings'], -1),
    maxFileSize: values['max-file-size'] === undefined ? undefined : count('--max-file-size', values['max-file-size'], 0) * 1024 * 1024,
    fix: (values.fix ?? false) || (values['fix-dry-run'] ?? false),
    dryRun: values['fix-dry-run'] ?? false,
    color: values['no-color'] ? false : (values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR)),
    against: values.against,
    againstGit: values['against-git'],
    jobs: values.jobs === undefined ? undefined : Math.max(1, Math.floor(count('--jobs', values.jobs, 1)))
  }
}

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) throw new UsageError(`${flag}: expected a number, not \`${value}\``)
  return number
}

/**
 * Where the earlier versions come from. `--against old new` must pair like
 * with like: a file with one file (or stdin), a folder with a folder.
 */
async function againstSource(options: CliOptions): Promise<AgainstSource | undefined> {
  if (options.againstGit !== undefined) {
    const {verifyRevision} = await import('./claims/against.js')
    await verifyRevision(options.againstGit, process.cwd()).catch((error: Error) => {
      throw new UsageError(error.message)
    })
    return {kind: 'git', rev: options.againstGit}
  }
  if (options.against === undefined) return undefined
  const old = path.resolve(options.against)
  const oldStat = fs.statSync(old, {throwIfNoEntry: false})
  if (!oldStat) throw new UsageError(`--against: no file or folder \`${options.against}\``)
  if (options.stdin) {
    if (!oldStat.isFile()) throw new UsageError('--stdin --against: the earlier version must be a file')
    return {kind: 'file', path: old}
  }
  const given = options.paths[0] ?? ''
  const newStat = fs.statSync(path.resolve(given), {throwIfNoEntry: false})
  if (!newStat) throw new UsageError(`--against: no file or folder \`${given}\` to compare`)
  if (oldStat.isDirectory() !== newStat.isDirectory()) {
    throw new UsageError(`--against: compare a file with a file or a folder with a folder, not \`${options.against}\` with \`${given}\``)
  }
  return oldStat.isDirectory() ? {kind: 'folder', old, new: path.resolve(given)} : {kind: 'file', path: old}
}

async function run(options: CliOptions): Promise<VFile[]> {
  const against = await againstSource(options)
  const cwd = process.cwd()
  const request: EngineRequest = {
    against,
    cwd,
    files: options.paths,
    overrides: options.overrides,
    configPath: options.config,
    ignorePath: options.ignorePath,
    syntax: options.syntax,
    maxFileSize: options.maxFileSize,
    fix: options.fix
  }
  const {avoidPretenuring} = await import('./v8-flags.js')
  avoidPretenuring()
  const {flattenFailures, lintBatches, runEngine} = await import('./lint-files.js')
  if (options.stdin) return flattenFailures(await runEngine({...request, streamIn: process.stdin, filePath: options.stdinFilename}))
  const {batchesOf} = await import('./batches.js')
  return lintBatches(await batchesOf(options.paths, cwd), request, options.jobs)
}

const ignoredReason = 'Cannot process specified file: it’s ignored'

/**
 * unified-engine treats every file a glob matched as named on the command
 * line, and fails the ignored ones. Like files found by walking a folder,
 * they are skipped quietly; a file named outright still says it is ignored.
 */
function withoutIgnoredGlobMatches(files: VFile[], options: CliOptions): VFile[] {
  const named = new Set(options.paths.map((given) => path.resolve(given)))
  return files.filter(
    (file) => !file.messages.some((message) => message.reason === ignoredReason) || named.has(path.resolve(file.cwd, file.path))
  )
}

async function writeFixes(files: VFile[], options: CliOptions): Promise<string> {
  const [{createTwoFilesPatch}, {default: writeFileAtomic}] = await Promise.all([import('diff'), import('write-file-atomic')])
  let output = ''
  for (const file of files) {
    const fixed = (file.data as {scrapelintFixed?: {original: string}}).scrapelintFixed
    if (!fixed) {
      if (options.stdin && !options.dryRun) output += String(file.value ?? '')
      continue
    }
    const name = file.path || 'stdin'
    if (options.dryRun) {
      output += createTwoFilesPatch(`a/${name}`, `b/${name}`, fixed.original, String(file.value))
    } else if (options.stdin) {
      output += String(file.value)
    } else {
      // Temp file and rename, keeping the mode: an interrupted write never leaves half a file.
      await writeFileAtomic(path.resolve(file.cwd, file.path), String(file.value))
    }
  }
  return output
}

function exitCode(files: VFile[], options: CliOptions): number {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (!message.ruleId && message.fatal) return 2
      const severity = severityOf(message)
      if (severity === 'error') errors++
      else if (severity === 'warn') warnings++
    }
  }
  if (errors > 0) return 1
  return options.maxWarnings >= 0 && warnings > options.maxWarnings ? 1 : 0
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | 'help' | 'version'
  try {
    options = await parseCommandLine(argv)
  } catch (error) {
    process.stderr.write(`scrapelint: ${(error as Error).message}\nTry \`scrapelint --help\`.\n`)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(usage + '\n')
    return 0
  }
  if (options === 'version') {
    process.stdout.write(version + '\n')
    return 0
  }
  let files: VFile[]
  try {
    files = await run(options)
  } catch (error) {
    const hint = error instanceof UsageError ? '\nTry `scrapelint --help`.' : ''
    process.stderr.write(`scrapelint: ${(error as Error).message}${hint}\n`)
    return 2
  }
  files = withoutIgnoredGlobMatches(files, options)
  if (files.length === 0 && !options.stdin) {
    process.stderr.write(`scrapelint: no files matched ${options.paths.map((name) => `\`${name}\``).join(', ')}\n`)
    return 2
  }
  const fixedOutput = options.fix ? await writeFixes(files, options) : ''
  const [{format}, {rules}] = await Promise.all([import('./formats.js'), import('./registry.js')])
  const report = format(options.format, files, {
    cwd: process.cwd(),
    quiet: options.quiet,
    color: options.color,
    rules: rules.map((rule) => ({id: rule.id, summary: rule.summary, url: rule.url}))
  })
  if (fixedOutput) process.stdout.write(fixedOutput)
  // When stdout carries fixed text or a diff, the report goes to stderr.
  const reportStream = fixedOutput || (options.fix && options.stdin) ? process.stderr : process.stdout
  if (report) reportStream.write(report.endsWith('\n') ? report : report + '\n')
  return exitCode(files, options)
}

// If the engine ever stops without calling back, Node would exit 0 with no report: a CI must not pass then.
let finished = false
process.on('beforeExit', () => {
  if (finished) return
  finished = true
  process.stderr.write('scrapelint: the run stopped before every file was linted (internal error)\n')
  process.exitCode = 2
})

main(process.argv.slice(2)).then(
  (code) => {
    finished = true
    process.exitCode = code
  },
  (error: unknown) => {
    finished = true
    process.stderr.write(`scrapelint: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  }
)
