#!/usr/bin/env node
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {PassThrough} from 'node:stream'
import {fileURLToPath, pathToFileURL} from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import {diffLines} from 'diff'
import {engine} from 'unified-engine'
import {VFile} from 'vfile'
import {avoidPretenuring} from './v8-flags.js'
import type {VFileMessage} from 'vfile-message'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit
} from 'vscode-languageserver/node'
import {againstOf, gitVersion, verifyRevision, type Against} from './claims/against.js'
import {ConfigError} from './config.js'
import {engineOptions, type AgainstSource, type EngineRequest} from './engine.js'
import {severityOf, singleFix, type RelatedLocation, type ScrapelintMessage, type Syntax} from './types.js'
import {version} from './version.js'

/*
 * scrapelint-language-server: a thin shell over the same unified-engine
 * options as the CLI (`engineOptions`). The buffer goes to the engine as a
 * VFile with its real path and its unsaved text, so configs, ignore files and
 * the syntax are found exactly as `scrapelint <path>` finds them. In a git
 * work tree the buffer is compared with the file at HEAD for claim shifts,
 * as `scrapelint --against-git HEAD <path>` does.
 */

const usage = `Usage: scrapelint-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

The scrapelint language server. Editors start it and talk to it over
standard input and output (the default); see the README for set-ups.

Options:
  -h, --help      show this help
  -v, --version   show the version`

const transportFlags = /^--(stdio|node-ipc|socket|pipe)(=|$)/

const argv = process.argv.slice(2)
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(usage + '\n')
  process.exit(0)
}
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(version + '\n')
  process.exit(0)
}
// vscode-languageserver sends `console.log` to the client only when it sees `--stdio`;
// stdio is the default here, so it is named, and a stray log can never corrupt the protocol stream.
if (!argv.some((arg) => transportFlags.test(arg))) process.argv.push('--stdio')

/*
 * Each lint of a long article leaves tens of megabytes of parse trees behind,
 * and V8 lets the heap grow well past what is live (about 30 MB) before it
 * collects. The server collects when it holds more than `residentLimit` as an
 * edit arrives, while it waits out the debounce anyway, and once typing
 * pauses: the resident size stays near the limit and falls back at rest.
 * A lower heap limit (`--max-old-space-size`) would also bound it, but would
 * crash on a large file.
 */
v8.setFlagsFromString('--expose-gc')
const exposedGc = vm.runInNewContext('gc') as unknown
const collectGarbage = typeof exposedGc === 'function' ? (exposedGc as () => void) : () => undefined
const residentLimit = 150 * 1024 * 1024
const idleCollection = 1000
let idleTimer: NodeJS.Timeout | undefined

function collectIfLarge(): void {
  if (process.memoryUsage.rss() > residentLimit) collectGarbage()
}

function collectWhenIdle(): void {
  clearTimeout(idleTimer)
  idleTimer = setTimeout(collectGarbage, idleCollection).unref()
}

const connection = createConnection(ProposedFeatures.all)
const documents = new TextDocuments(TextDocument)

/** Default wait after the last keystroke before linting; `initializationOptions.debounce` changes it. */
const defaultDebounce = 150
const fixAllKind = `${CodeActionKind.SourceFixAll}.scrapelint`
const ignoredReason = 'Cannot process specified file: it’s ignored'
/** Files whose change can change what any open document reports. */
const configFile = /(^|[\\/])(\.scrapelintrc(\.[a-z]+)?|\.scrapelintignore|package\.json)$/

let debounce = defaultDebounce
let workspaceFolders: string[] = []
let capabilities: ClientCapabilities = {}

/** One lint of one version of a document: its text (message offsets address it) and its messages. */
interface LintResult {
  snapshot: TextDocument
  messages: VFileMessage[]
}

const results = new Map<string, LintResult>()
/** Folders known to be (or not to be) in a git work tree with a commit at HEAD. */
const gitFolders = new Map<string, Promise<boolean>>()
/**
 * Each file's text at HEAD (undefined: not in HEAD), so that typing does not
 * run `git show` on every lint. Once older than `headTextLife`, a lint still
 * uses it and asks git again in the background (a commit made in a terminal
 * shows on the next lint after that); a save or a watched change drops it.
 * `git` off the typing path: it took about 10 ms of a lint every 5 s, which
 * was the latency's 95th percentile.
 */
const headTexts = new Map<string, {against: Against | undefined; at: number}>()
const headTextLife = 5000
/** Files whose HEAD text is being read again in the background. */
const headRefreshing = new Set<string>()
/** Open documents whose first lint has started: later changes wait for the debounce. */
const linted = new Set<string>()
const timers = new Map<string, NodeJS.Timeout>()
const inFlight = new Map<string, Promise<LintResult>>()

connection.onInitialize((params) => {
  capabilities = params.capabilities
  const options = params.initializationOptions as {debounce?: unknown} | undefined
  if (typeof options?.debounce === 'number' && options.debounce >= 0) debounce = options.debounce
  const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : [])
  workspaceFolders = folders.map(pathOf).filter((folder) => folder !== undefined)
  return {
    capabilities: {
      textDocumentSync: {openClose: true, change: TextDocumentSyncKind.Incremental, save: {includeText: false}},
      codeActionProvider: {codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: true},
      hoverProvider: true
    },
    serverInfo: {name: 'scrapelint-language-server', version}
  }
})

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{globPattern: '**/{.scrapelintrc,.scrapelintrc.*,.scrapelintignore,package.json}'}]
    })
  }
})

// Open: lint at once. Typing: lint once the keystrokes pause.
documents.onDidChangeContent(({document}) => {
  if (linted.has(document.uri)) {
    schedule(document.uri, debounce)
    return
  }
  linted.add(document.uri)
  void publish(document.uri)
})

documents.onDidClose(({document}) => {
  linted.delete(document.uri)
  headTexts.delete(pathOf(document.uri) ?? '')
  clearTimeout(timers.get(document.uri))
  timers.delete(document.uri)
  results.delete(document.uri)
  void connection.sendDiagnostics({uri: document.uri, diagnostics: []})
})

// Config changes re-lint every open document: from the file watcher when the editor has one, else on saving a config in the editor.
documents.onDidSave(({document}) => {
  // A save may follow `git init` or a commit: ask git again.
  gitFolders.clear()
  headTexts.clear()
  if (configFile.test(pathOf(document.uri) ?? '')) relintAll()
})
connection.onDidChangeWatchedFiles(({changes}) => {
  gitFolders.clear()
  headTexts.clear()
  if (changes.some((change) => configFile.test(pathOf(change.uri) ?? ''))) relintAll()
})
connection.onDidChangeConfiguration(() => relintAll())

connection.onCodeAction(async ({textDocument, range, context}) => {
  const document = documents.get(textDocument.uri)
  if (!document) return []
  const result = await freshResult(document)
  const wants = (kind: string) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`))
  const actions: CodeAction[] = []
  const here = result.messages.filter((message) => message.ruleId && overlaps(rangeOf(message.place, result.snapshot), range))
  if (wants(CodeActionKind.QuickFix)) {
    for (const message of here) actions.push(...quickFixes(message, result.snapshot))
  }
  const fixable = result.messages.filter((message) => singleFix(message)).length
  const asked = context.only !== undefined && wants(fixAllKind)
  if (fixable > 0 && (asked || (context.only === undefined && fixable > 1 && here.some((message) => singleFix(message))))) {
    actions.push(await fixAllAction(result.snapshot))
  }
  return actions
})

connection.onCodeActionResolve(async (action) => {
  const data = action.data as {uri?: string} | undefined
  const document = data?.uri ? documents.get(data.uri) : undefined
  if (!document || action.edit) return action
  const edit = await fixAllEdit((await freshResult(document)).snapshot)
  return {...action, edit, data: undefined}
})

connection.onHover(async ({textDocument, position}): Promise<Hover | null> => {
  const document = documents.get(textDocument.uri)
  if (!document) return null
  const result = await freshResult(document)
  const messages = result.messages.filter((message) => message.ruleId && contains(rangeOf(message.place, result.snapshot), position))
  const first = messages[0]
  if (!first) return null
  return {
    contents: {kind: MarkupKind.Markdown, value: messages.map((message) => hoverText(message, result.snapshot)).join('\n\n---\n\n')},
    range: rangeOf(first.place, result.snapshot)
  }
})

avoidPretenuring()
documents.listen(connection)
connection.listen()

function schedule(uri: string, wait: number): void {
  clearTimeout(timers.get(uri))
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri)
      void publish(uri)
    }, wait)
  )
  collectIfLarge()
}

function relintAll(): void {
  for (const document of documents.all()) schedule(document.uri, 0)
}

/** Lints the document's current version and sends its diagnostics, unless it changed meanwhile (a newer lint is then due). */
async function publish(uri: string): Promise<LintResult | undefined> {
  const document = documents.get(uri)
  if (!document) return undefined
  let result: LintResult
  try {
    result = await lint(document)
  } catch (error) {
    connection.console.error(`scrapelint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return undefined
  }
  const current = documents.get(uri)
  if (current?.version !== result.snapshot.version) return result
  results.set(uri, result)
  await connection.sendDiagnostics({
    uri,
    version: result.snapshot.version,
    diagnostics: result.messages.map((message) => diagnosticOf(message, result.snapshot))
  })
  collectWhenIdle()
  return result
}

/** The lint of the version the editor has now: the last one sent, or a new one at once (a code action or hover cannot wait for the debounce). */
async function freshResult(document: TextDocument): Promise<LintResult> {
  const cached = results.get(document.uri)
  if (cached?.snapshot.version === document.version) return cached
  clearTimeout(timers.get(document.uri))
  timers.delete(document.uri)
  return (await publish(document.uri)) ?? lint(document)
}

/** One engine run per document version, however many requests ask for it meanwhile. */
function lint(document: TextDocument): Promise<LintResult> {
  const key = `${document.uri}\0${document.version}`
  let running = inFlight.get(key)
  if (!running) {
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, document.getText())
    running = runEngine(snapshot, false).then((file) => ({snapshot, messages: messagesOf(file)}))
    running.finally(() => inFlight.delete(key)).catch(() => undefined)
    inFlight.set(key, running)
  }
  return running
}

/**
 * Runs unified-engine on the buffer with the CLI's options. The buffer's
 * path gives the config, the ignore file and the syntax; a buffer that was
 * never saved (no path) takes its syntax from the editor's language.
 */
async function runEngine(snapshot: TextDocument, fix: boolean): Promise<VFile> {
  const filePath = pathOf(snapshot.uri)
  const cwd = folderOf(filePath)
  const file = new VFile({cwd, path: filePath, value: snapshot.getText()})
  const inGit = filePath !== undefined && (await inGitWorkTree(path.dirname(filePath)))
  const known = filePath ? headTexts.get(filePath) : undefined
  // "Fix all" reads HEAD afresh, as the CLI would; a lint takes the text already read.
  const fresh = known !== undefined && !fix
  if (fresh && filePath && inGit && performance.now() - known.at >= headTextLife) refreshHeadText(filePath, cwd)
  // A file that carries its earlier version keeps it: the engine then reads nothing from git.
  if (fresh && known.against) Object.assign(file.data, {scrapelintAgainst: known.against})
  const against: AgainstSource | undefined = inGit && !fresh ? {kind: 'git', rev: 'HEAD'} : undefined
  const request: EngineRequest = {cwd, files: [file], fix, against, syntax: filePath ? undefined : syntaxOfLanguage(snapshot.languageId)}
  // stdout is the protocol channel: nothing of the engine's may reach it.
  const options = {...engineOptions(request), streamOut: new PassThrough(), streamError: new PassThrough()}
  // A failure of the whole run (a config that cannot be read) is shown on the file, as one error.
  return new Promise((resolve) => {
    engine(options, (error, _code, context) => {
      if (error) {
        const failure = file.message(failureReason(error))
        failure.fatal = true
        failure.source = 'scrapelint'
        resolve(file)
      } else {
        const linted = context?.files?.[0] ?? file
        if (filePath && against) headTexts.set(filePath, {against: againstOf(linted), at: performance.now()})
        resolve(linted)
      }
    })
  })
}

/**
 * Reads the file at HEAD again (the same `git show` as `--against-git
 * HEAD`), for the next lint. A failure drops the entry: the next lint then
 * runs the read in the engine and shows the error.
 */
function refreshHeadText(filePath: string, cwd: string): void {
  if (headRefreshing.has(filePath)) return
  headRefreshing.add(filePath)
  gitVersion('HEAD', path.resolve(cwd, filePath))
    .then(
      (against) => {
        // Dropped meanwhile (a save, a close): the dropping wins.
        if (headTexts.has(filePath)) headTexts.set(filePath, {against, at: performance.now()})
      },
      () => headTexts.delete(filePath)
    )
    .finally(() => headRefreshing.delete(filePath))
}

/** Whether the folder is in a git work tree whose HEAD is a commit (git asked once per folder until a save or a watched file changes). */
function inGitWorkTree(folder: string): Promise<boolean> {
  let known = gitFolders.get(folder)
  if (!known) {
    known = verifyRevision('HEAD', folder).then(
      () => true,
      () => false
    )
    gitFolders.set(folder, known)
  }
  return known
}

/** The messages worth showing: an ignored file has none; a failure keeps one line saying why. */
function messagesOf(file: VFile): VFileMessage[] {
  if (file.messages.some((message) => message.reason === ignoredReason)) return []
  for (const message of file.messages) {
    if (!message.ruleId && message.fatal && message.cause instanceof Error) message.reason = failureReason(message.cause)
  }
  return [...file.messages].sort((a, b) => startOf(a) - startOf(b))
}

function startOf(message: VFileMessage): number {
  const place = message.place
  if (!place) return -1
  return ('start' in place ? place.start.offset : place.offset) ?? -1
}

/** A failure as one line: our ConfigError names the file and key; otherwise the first line of each cause. */
function failureReason(error: unknown): string {
  const chain: Error[] = []
  for (let current: unknown = error; current instanceof Error && chain.length < 10; current = current.cause) chain.push(current)
  const config = chain.find((link) => link instanceof ConfigError)
  if (config) return config.message
  if (chain.length === 0) return String(error)
  return chain.map((link) => (link.message.split('\n')[0] ?? '').trim()).join(': ')
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined
  try {
    return fileURLToPath(uri)
  } catch {
    return undefined
  }
}

/** The workspace folder holding the file (the CLI's cwd when run from the project), else the file's own folder. */
function folderOf(filePath: string | undefined): string {
  if (!filePath) return workspaceFolders[0] ?? process.cwd()
  const holding = workspaceFolders
    .filter((folder) => !path.relative(folder, filePath).startsWith('..') && !path.isAbsolute(path.relative(folder, filePath)))
    .sort((a, b) => b.length - a.length)
  return holding[0] ?? path.dirname(filePath)
}

function syntaxOfLanguage(languageId: string): Syntax | undefined {
  if (languageId === 'markdown') return 'markdown'
  if (languageId === 'html') return 'html'
  return undefined
}

// ---------------------------------------------------------------------------
// Messages as LSP values

/** A vfile point (one-based line and column, UTF-16 offset) as an LSP position (zero-based line, UTF-16 character). */
function positionOf(point: {line: number; column: number; offset?: number | undefined}, snapshot: TextDocument | undefined): Position {
  if (snapshot && point.offset !== undefined) return snapshot.positionAt(point.offset)
  return {line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1)}
}

function rangeOf(place: VFileMessage['place'], snapshot: TextDocument): Range {
  if (!place) return {start: {line: 0, character: 0}, end: {line: 0, character: 0}}
  if ('start' in place) return {start: positionOf(place.start, snapshot), end: positionOf(place.end, snapshot)}
  const at = positionOf(place, snapshot)
  return {start: at, end: at}
}

function severityFor(message: VFileMessage): DiagnosticSeverity {
  const severity = severityOf(message)
  if (severity === 'error') return DiagnosticSeverity.Error
  if (severity === 'warn') return DiagnosticSeverity.Warning
  return DiagnosticSeverity.Information
}

function diagnosticOf(message: VFileMessage, snapshot: TextDocument): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(message.place, snapshot),
    severity: severityFor(message),
    message: message.reason,
    source: message.source ?? 'scrapelint'
  }
  if (message.ruleId) diagnostic.code = message.ruleId
  if (message.url) diagnostic.codeDescription = {href: message.url}
  const related = (message as ScrapelintMessage).related
  if (related && related.length > 0) {
    diagnostic.relatedInformation = related.map((place) => relatedInformationOf(place, diagnostic, snapshot))
  }
  return diagnostic
}

/** A related place in another file on disk, resolved from the linted file's folder; undefined for one that is not a file (a git revision `HEAD:path`, a given text). */
function relatedFile(place: RelatedLocation, uri: string): string | undefined {
  if (!place.path) return undefined
  const filePath = pathOf(uri)
  const resolved = path.resolve(filePath ? path.dirname(filePath) : process.cwd(), place.path)
  return fs.existsSync(resolved) ? resolved : undefined
}

function relatedRange(place: RelatedLocation, snapshot: TextDocument): Range {
  const inFile = place.path ? undefined : snapshot
  return {start: positionOf(place.start, inFile), end: positionOf(place.end, inFile)}
}

/**
 * A related place as LSP wants it: a location and a message. A place in a
 * text no editor can open (the file at HEAD) is shown at the finding itself,
 * its message saying where it is; the hover quotes the earlier sentence.
 */
function relatedInformationOf(place: RelatedLocation, diagnostic: Diagnostic, snapshot: TextDocument): DiagnosticRelatedInformation {
  if (!place.path) return {location: {uri: snapshot.uri, range: relatedRange(place, snapshot)}, message: place.message}
  const file = relatedFile(place, snapshot.uri)
  if (file) return {location: {uri: pathToFileURL(file).href, range: relatedRange(place, snapshot)}, message: place.message}
  return {location: {uri: snapshot.uri, range: diagnostic.range}, message: `${place.message}: ${place.path}:${place.start.line}:${place.start.column}`}
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start)
}

function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position)
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character)
}

// ---------------------------------------------------------------------------
// Code actions and hover

/** An edit tied to the linted version, so an editor whose buffer has moved on refuses it instead of garbling the text. */
function editOf(snapshot: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  if (capabilities.workspace?.workspaceEdit?.documentChanges) {
    return {documentChanges: [{textDocument: {uri: snapshot.uri, version: snapshot.version}, edits}]}
  }
  return {changes: {[snapshot.uri]: edits}}
}

function quickFixes(message: VFileMessage, snapshot: TextDocument): CodeAction[] {
  const diagnostics = [diagnosticOf(message, snapshot)]
  const actions: CodeAction[] = []
  const fix = singleFix(message)
  const actual = message.actual ?? ''
  if (fix) {
    const range = {start: snapshot.positionAt(fix.start), end: snapshot.positionAt(fix.end)}
    actions.push({
      title: fixTitle(actual, fix.text),
      kind: CodeActionKind.QuickFix,
      diagnostics,
      isPreferred: true,
      edit: editOf(snapshot, [{range, newText: fix.text}])
    })
  } else if (message.expected && message.expected.length > 1) {
    // Several choices are never applied by `--fix`; in the editor the writer picks one.
    const range = rangeOf(message.place, snapshot)
    for (const choice of message.expected) {
      actions.push({title: fixTitle(actual, choice), kind: CodeActionKind.QuickFix, diagnostics, edit: editOf(snapshot, [{range, newText: choice}])})
    }
  }
  const disable = disableEdit(message, snapshot)
  if (disable) {
    actions.push({
      title: `Disable ${message.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: editOf(snapshot, [disable])
    })
  }
  return actions
}

function fixTitle(actual: string, replacement: string): string {
  const shown = (text: string) => '`' + (text.length > 40 ? text.slice(0, 39) + '…' : text).replace(/\s+/g, ' ') + '`'
  if (replacement === '') return `Remove ${shown(actual)}`
  return `Replace ${shown(actual)} with ${shown(replacement)}`
}

const nextLineComment = /^([ \t]*)<!--\s*scrapelint-disable-next-line\b([^]*?)-->[ \t]*$/

/**
 * Adds the rule to a `scrapelint-disable-next-line` comment on the line
 * above, or inserts one with the line's indent (so a Markdown list item or an
 * indented HTML block keeps its shape). The comment is the same in every
 * syntax; see control.ts.
 */
function disableEdit(message: VFileMessage, snapshot: TextDocument): TextEdit | undefined {
  const id = message.ruleId
  if (!id) return undefined
  const line = rangeOf(message.place, snapshot).start.line
  const text = snapshot.getText()
  const lineText = (number: number) => snapshot.getText({start: {line: number, character: 0}, end: {line: number + 1, character: 0}}).replace(/\r?\n$/, '')
  if (line > 0) {
    const above = lineText(line - 1)
    const match = nextLineComment.exec(above)
    if (match) {
      const ids = (match[2] ?? '').split(/[\s,]+/).filter(Boolean)
      if (ids.length > 0 && !ids.includes(id)) {
        const updated = `${match[1] ?? ''}<!-- scrapelint-disable-next-line ${[...ids, id].join(' ')} -->`
        return {range: {start: {line: line - 1, character: 0}, end: {line: line - 1, character: above.length}}, newText: updated}
      }
    }
  }
  const indent = /^[ \t]*/.exec(lineText(line))?.[0] ?? ''
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  return {range: {start: {line, character: 0}, end: {line, character: 0}}, newText: `${indent}<!-- scrapelint-disable-next-line ${id} -->${eol}`}
}

/** "Fix all": its edit is the CLI's `--fix` result, computed when the editor resolves the action if it can, else now. */
async function fixAllAction(snapshot: TextDocument): Promise<CodeAction> {
  const action: CodeAction = {title: 'Fix all safe scrapelint problems', kind: fixAllKind}
  if (capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit')) {
    action.data = {uri: snapshot.uri}
    return action
  }
  action.edit = await fixAllEdit(snapshot)
  return action
}

async function fixAllEdit(snapshot: TextDocument): Promise<WorkspaceEdit> {
  const file = await runEngine(snapshot, true)
  const before = snapshot.getText()
  const after = String(file.value ?? before)
  if (!(file.data as {scrapelintFixed?: unknown}).scrapelintFixed || after === before) return editOf(snapshot, [])
  return editOf(snapshot, lineEdits(snapshot, before, after))
}

/** The fixed text as one edit per changed run of lines, so the cursor and folds elsewhere stay put. */
function lineEdits(snapshot: TextDocument, before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = []
  const parts = diffLines(before, after)
  let offset = 0
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    if (!part) continue
    if (!part.added && !part.removed) {
      offset += part.value.length
      continue
    }
    const next = parts[index + 1]
    const removed = part.removed ? part.value : ''
    const added = part.added ? part.value : next?.added ? next.value : ''
    if (part.removed && next?.added) index++
    edits.push({range: {start: snapshot.positionAt(offset), end: snapshot.positionAt(offset + removed.length)}, newText: added})
    offset += removed.length
  }
  return edits
}

function hoverText(message: VFileMessage, snapshot: TextDocument): string {
  const severity = severityOf(message)
  const parts = [`**${message.ruleId}** (${severity === 'warn' ? 'warning' : severity}): ${message.reason}`]
  if (message.note) parts.push(message.note)
  const related = (message as ScrapelintMessage).related ?? []
  if (related.length > 0) {
    parts.push(
      related
        .map((place) => {
          const where = `${place.path ? `${place.path} ` : ''}${place.start.line}:${place.start.column}`
          const quoted = place.path ? '' : ` \`${snapshot.getText(relatedRange(place, snapshot)).replace(/`/g, "'")}\``
          return `- ${where}${quoted}: ${place.message}`
        })
        .join('\n')
    )
  }
  if (message.url) parts.push(`[${message.ruleId} docs](${message.url})`)
  return parts.join('\n\n')
}
