import {createHash} from 'node:crypto'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type * as Sarif from 'sarif'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import {homepage} from './define-rule.js'
import {severityOf, singleFix, type RelatedLocation, type ScrapelintMessage, type Severity} from './types.js'
import {version} from './version.js'

/** What a report needs to know about a rule that may not appear in any message. */
export interface RuleInfo {
  id: string
  summary: string
  url?: string
}

export interface FormatOptions {
  /** Paths in reports are relative to this folder. */
  cwd: string
  /** Report errors only, like eslint's `--quiet`: warnings and info are dropped. */
  quiet?: boolean
  /** Every rule that was configured, so SARIF can describe rules that found nothing. */
  rules: RuleInfo[]
  /** ANSI colors in `stylish`; undefined lets vfile-reporter detect the terminal. */
  color?: boolean
}

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github'

type Formatter = (files: VFile[], options: FormatOptions) => string

const toolName = 'scrapelint'

/** Name used for a file that has no path (text read from stdin). */
const stdinName = '<stdin>'

/** SARIF base id for paths relative to the checkout, the one GitHub code scanning resolves. */
const srcRoot = '%SRCROOT%'

/** Versioned so a change in how the hash is computed cannot silently match old alerts. */
const fingerprintKey = 'scrapelint/v1'

const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub
}

export const formatNames: FormatName[] = ['stylish', 'json', 'sarif', 'github']

/**
 * Render a report of `files` in format `name`.
 * The text ends with a newline unless it is empty, so it can be written to stdout as is.
 */
export function format(name: FormatName, files: VFile[], options: FormatOptions): string {
  // Callers pass names from the command line; a wrong one must say what is allowed, not crash.
  if (!Object.hasOwn(formatters, name)) {
    throw new Error(`Unknown format \`${String(name)}\`, expected one of ${formatNames.join(', ')}`)
  }
  return formatters[name](files, options)
}

// ---------------------------------------------------------------------------
// Shared helpers

interface Span {
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** Where a message is; undefined for file-level failures (cannot read file, bad config). */
function spanOf(place: VFileMessage['place']): Span | undefined {
  if (!place) return undefined
  if ('start' in place) {
    return {line: place.start.line, column: place.start.column, endLine: place.end.line, endColumn: place.end.column}
  }
  return {line: place.line, column: place.column}
}

function spanOfRelated(related: RelatedLocation): Span {
  return {line: related.start.line, column: related.start.column, endLine: related.end.line, endColumn: related.end.column}
}

/** Messages in reading order, so every format lists them the way the text reads and fingerprints count occurrences stably. */
function sortedMessages(file: VFile): VFileMessage[] {
  return [...file.messages].sort(compareMessages)
}

function compareMessages(a: VFileMessage, b: VFileMessage): number {
  const left = spanOf(a.place)
  const right = spanOf(b.place)
  // File-level failures first: they explain why the rest may be missing.
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0)
  return (
    left.line - right.line ||
    left.column - right.column ||
    (left.endLine ?? left.line) - (right.endLine ?? right.line) ||
    (left.endColumn ?? left.column) - (right.endColumn ?? right.column) ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '') ||
    compareStrings(a.reason, b.reason)
  )
}

/** Code unit order, not `localeCompare`: the same report on every machine whatever its locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `--quiet` keeps errors only. */
function isShown(message: VFileMessage, options: FormatOptions): boolean {
  return !options.quiet || severityOf(message) === 'error'
}

/** A path relative to `cwd` with forward slashes, the same on every OS and in every format. */
function displayPath(filePath: string | undefined, fileCwd: string, options: FormatOptions): string {
  if (!filePath) return stdinName
  const relative = path.relative(options.cwd, path.resolve(fileCwd, filePath))
  return relative.split(path.sep).join('/')
}

function filePathOf(file: VFile, options: FormatOptions): string {
  return displayPath(file.path, file.cwd, options)
}

/** Related places name another file relative to the process, like file paths do; none means the linted file. */
function relatedPathOf(related: RelatedLocation, file: VFile, options: FormatOptions): string {
  return related.path === undefined ? filePathOf(file, options) : displayPath(related.path, file.cwd, options)
}

function relatedOf(message: VFileMessage): RelatedLocation[] {
  return (message as ScrapelintMessage).related ?? []
}

// ---------------------------------------------------------------------------
// stylish

/**
 * vfile-reporter is what remark and retext users already read; `silent` is its errors-only switch.
 * package.json overrides its string-width 6 with 8: 6 compiles a new emoji regular expression on
 * every call, twice per cell, which took half a second to print the findings of 2,000 articles.
 */
function formatStylish(files: VFile[], options: FormatOptions): string {
  const report = reporter(files.map(shortened), {color: options.color, quiet: false, silent: options.quiet ?? false})
  return withFinalNewline(report)
}

// vfile-reporter builds its rows with one spread call, which overflows the stack past some 100,000 rows.
const stylishRowsPerFile = 5000

/** A file with too many messages for a human report, cut to the first ones plus a note of how many more. */
function shortened(file: VFile): VFile {
  if (file.messages.length <= stylishRowsPerFile) return file
  const copy = new VFile({path: file.path, cwd: file.cwd})
  copy.messages = file.messages.slice(0, stylishRowsPerFile)
  copy.info(`${file.messages.length - stylishRowsPerFile} more messages not shown; use --format json to see them all`)
  return copy
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`
}

// ---------------------------------------------------------------------------
// json

interface JsonRelated {
  path: string
  line: number
  column: number
  endLine: number
  endColumn: number
  message: string
}

interface JsonMessage {
  ruleId: string | null
  source: string | null
  severity: Exclude<Severity, 'off'>
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  reason: string
  actual?: string
  /** Replace `range` (UTF-16 offsets into the file, end exclusive) with `text`. */
  fix?: {range: [number, number]; text: string}
  suggestions?: string[]
  url: string | null
  note: string | null
  related?: JsonRelated[]
}

interface JsonFile {
  path: string
  messages: JsonMessage[]
}

function formatJson(files: VFile[], options: FormatOptions): string {
  const report: JsonFile[] = files.map((file) => ({
    path: filePathOf(file, options),
    messages: sortedMessages(file)
      .filter((message) => isShown(message, options))
      .map((message) => jsonMessage(message, file, options))
  }))
  return `${JSON.stringify(report, null, 2)}\n`
}

function jsonMessage(message: VFileMessage, file: VFile, options: FormatOptions): JsonMessage {
  const span = spanOf(message.place)
  const fix = singleFix(message)
  const suggestions = message.expected ?? []
  const related = relatedOf(message)
  // Null rather than absent for the fields every message has, so consumers see the same keys.
  return {
    ruleId: message.ruleId ?? null,
    source: message.source ?? null,
    severity: severityOf(message),
    line: span?.line ?? null,
    column: span?.column ?? null,
    endLine: span?.endLine ?? null,
    endColumn: span?.endColumn ?? null,
    reason: message.reason,
    ...(message.actual === undefined ? {} : {actual: message.actual}),
    ...(fix ? {fix: {range: [fix.start, fix.end], text: fix.text}} : {}),
    ...(suggestions.length > 0 ? {suggestions: [...suggestions]} : {}),
    url: message.url ?? null,
    note: message.note ?? null,
    ...(related.length > 0 ? {related: related.map((item) => jsonRelated(item, file, options))} : {})
  }
}

function jsonRelated(related: RelatedLocation, file: VFile, options: FormatOptions): JsonRelated {
  return {
    path: relatedPathOf(related, file, options),
    line: related.start.line,
    column: related.start.column,
    endLine: related.end.line,
    endColumn: related.end.column,
    message: related.message
  }
}

// ---------------------------------------------------------------------------
// github

const githubCommands: Record<Exclude<Severity, 'off'>, string> = {error: 'error', warn: 'warning', info: 'notice'}

/** One workflow command per message; GitHub turns them into annotations on the changed lines. */
function formatGithub(files: VFile[], options: FormatOptions): string {
  const lines = files.flatMap((file) =>
    sortedMessages(file)
      .filter((message) => isShown(message, options))
      .map((message) => githubCommand(message, filePathOf(file, options)))
  )
  return lines.map((line) => `${line}\n`).join('')
}

function githubCommand(message: VFileMessage, filePath: string): string {
  const span = spanOf(message.place)
  const properties: Array<[string, string | number | undefined]> = [
    ['file', filePath],
    ['line', span?.line],
    ['col', span?.column],
    ['endLine', span?.endLine],
    ['endColumn', span?.endColumn],
    ['title', message.ruleId || undefined]
  ]
  const list = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',')
  return `::${githubCommands[severityOf(message)]} ${list}::${escapeData(message.reason)}`
}

/** As `escapeData` in @actions/core: the runner decodes exactly these. */
function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** As `escapeProperty` in @actions/core: `:` and `,` would end the property otherwise. */
function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

// ---------------------------------------------------------------------------
// sarif

const sarifLevels: Record<Exclude<Severity, 'off'>, Sarif.Result.level> = {error: 'error', warn: 'warning', info: 'note'}

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: findings are results; failures
 * that belong to no rule (unreadable file, bad config) are tool execution
 * notifications, which do not raise alerts but show on the tool status page.
 */
function formatSarif(files: VFile[], options: FormatOptions): string {
  const rules = new RuleTable(options.rules)
  const results: Sarif.Result[] = []
  const notifications: Sarif.Notification[] = []
  for (const file of files) {
    const fingerprints = fingerprintsOf(file, options)
    for (const message of sortedMessages(file)) {
      if (!isShown(message, options)) continue
      if (!message.ruleId) notifications.push(sarifNotification(message, file, options))
      else results.push(sarifResult(message, file, options, rules, fingerprints.get(message) ?? ''))
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: sarifDriver(rules)},
        invocations: [sarifInvocation(notifications)],
        originalUriBaseIds: {[srcRoot]: {uri: folderUri(options.cwd)}},
        results,
        columnKind: 'utf16CodeUnits'
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

/** SARIF requires a base URI to end in a slash, or the last segment would be replaced. */
function folderUri(folder: string): string {
  const href = pathToFileURL(path.resolve(folder)).href
  return href.endsWith('/') ? href : `${href}/`
}

/** Relative URI reference: each segment percent-encoded so spaces, `#` and `%` survive. */
function sarifUri(displayed: string): string {
  return displayed.split('/').map(encodeURIComponent).join('/')
}

function sarifDriver(rules: RuleTable): Sarif.ToolComponent {
  return {
    name: toolName,
    informationUri: homepage,
    version,
    semanticVersion: version,
    rules: rules.descriptors()
  }
}

function sarifInvocation(notifications: Sarif.Notification[]): Sarif.Invocation {
  const invocation: Sarif.Invocation = {
    executionSuccessful: !notifications.some((notification) => notification.level === 'error')
  }
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications
  return invocation
}

/**
 * The rules of the run: all configured ones first, in their order, then any
 * other rule id that shows up in a message, so every `ruleIndex` is valid.
 */
class RuleTable {
  private readonly indices = new Map<string, number>()
  private readonly list: Sarif.ReportingDescriptor[] = []

  constructor(rules: RuleInfo[]) {
    for (const rule of rules) this.add(rule)
  }

  indexOf(message: VFileMessage): number {
    const id = sarifRuleId(message)
    return this.indices.get(id) ?? this.add({id, summary: `Rule \`${id}\``, url: message.url})
  }

  descriptors(): Sarif.ReportingDescriptor[] {
    return this.list
  }

  private add(rule: RuleInfo): number {
    const known = this.indices.get(rule.id)
    if (known !== undefined) return known
    this.indices.set(rule.id, this.list.length)
    this.list.push(ruleDescriptor(rule))
    return this.list.length - 1
  }
}

/** Our rules keep their bare id; another tool's is prefixed so it cannot borrow the docs of ours with that name. */
function sarifRuleId(message: VFileMessage): string {
  const ruleId = message.ruleId ?? ''
  return message.source && message.source !== toolName ? `${message.source}:${ruleId}` : ruleId
}

/** GitHub code scanning requires `fullDescription` and `help` besides the short description. */
function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  const descriptor: Sarif.ReportingDescriptor = {
    id: rule.id,
    shortDescription: {text: rule.summary},
    fullDescription: {text: rule.summary},
    help: {
      text: rule.url ? `${rule.summary}\n\nDocs: ${rule.url}` : rule.summary,
      markdown: rule.url ? `${rule.summary}\n\n[Docs](${rule.url})` : rule.summary
    }
  }
  if (rule.url) descriptor.helpUri = rule.url
  return descriptor
}

function sarifResult(
  message: VFileMessage,
  file: VFile,
  options: FormatOptions,
  rules: RuleTable,
  fingerprint: string
): Sarif.Result {
  const filePath = filePathOf(file, options)
  const result: Sarif.Result = {
    ruleId: sarifRuleId(message),
    ruleIndex: rules.indexOf(message),
    level: sarifLevels[severityOf(message)],
    message: {text: message.reason},
    // Code scanning needs a region to show a result; a finding about the whole file points at its start.
    locations: [sarifLocation(filePath, spanOf(message.place) ?? {line: 1, column: 1})],
    partialFingerprints: {[fingerprintKey]: fingerprint}
  }
  const related = relatedOf(message)
  if (related.length > 0) {
    result.relatedLocations = related.map((item, index) => ({
      id: index,
      ...sarifLocation(relatedPathOf(item, file, options), spanOfRelated(item)),
      message: {text: item.message}
    }))
  }
  const fix = sarifFix(message, filePath)
  if (fix) result.fixes = [fix]
  return result
}

function sarifNotification(message: VFileMessage, file: VFile, options: FormatOptions): Sarif.Notification {
  return {
    level: sarifLevels[severityOf(message)],
    message: {text: message.reason},
    locations: [sarifLocation(filePathOf(file, options), spanOf(message.place))]
  }
}

function sarifLocation(filePath: string, span: Span | undefined): Sarif.Location {
  const physicalLocation: Sarif.PhysicalLocation = {artifactLocation: {uri: sarifUri(filePath), uriBaseId: srcRoot}}
  if (span) physicalLocation.region = sarifRegion(span)
  return {physicalLocation}
}

function sarifRegion(span: Span): Sarif.Region {
  const region: Sarif.Region = {startLine: span.line, startColumn: span.column}
  if (span.endLine !== undefined) region.endLine = span.endLine
  if (span.endColumn !== undefined) region.endColumn = span.endColumn
  return region
}

/** A fix for the one safe replacement; offsets address it exactly, whatever the line ends are. */
function sarifFix(message: VFileMessage, filePath: string): Sarif.Fix | undefined {
  const fix = singleFix(message)
  if (!fix) return undefined
  const actual = message.actual ?? ''
  return {
    description: {text: fix.text === '' ? `Remove \`${actual}\`` : `Replace \`${actual}\` with \`${fix.text}\``},
    artifactChanges: [
      {
        artifactLocation: {uri: sarifUri(filePath), uriBaseId: srcRoot},
        replacements: [
          {deletedRegion: {charOffset: fix.start, charLength: fix.end - fix.start}, insertedContent: {text: fix.text}}
        ]
      }
    ]
  }
}

/**
 * A hash per message of rule, path, flagged text and how many times that
 * triple came before in the file: unlike line numbers it does not change when
 * unrelated lines move, so code scanning keeps the alert instead of reopening it.
 */
function fingerprintsOf(file: VFile, options: FormatOptions): Map<VFileMessage, string> {
  const filePath = filePathOf(file, options)
  const seen = new Map<string, number>()
  const fingerprints = new Map<VFileMessage, string>()
  for (const message of sortedMessages(file)) {
    // The reason stands in when a message flags no text, so two such findings of one rule still differ.
    const key = [sarifRuleId(message), filePath, message.actual ?? message.reason].join('\u0000')
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    fingerprints.set(message, createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'))
  }
  return fingerprints
}
