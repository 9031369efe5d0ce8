import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {afterAll, describe, expect, it} from 'vitest'
import {LspClient, type LspDiagnostic, type LspRange} from '../scripts/lsp-client.js'
import {removeTempDirs, root, scrapelint, seed000, seed001, tempDir} from './run-bin.js'

/*
 * Drives the built `scrapelint-language-server` over stdio JSON-RPC as an
 * editor does: initialize, didOpen, incremental didChange, codeAction,
 * hover, watched-file changes, shutdown and exit.
 */

const server = path.join(root, 'dist/src/server.js')
const clients: LspClient[] = []

// Tests run concurrently, each with its own server; a failed one may leave its server running.
afterAll(async () => {
  // shutdown then exit, as an editor closes a server: a clean exit is code 0.
  for (const server of [plainServer, richServer]) if (server) expect(await (await server).close()).toBe(0)
  for (const client of clients.splice(0)) client.kill()
  removeTempDirs()
})

interface TextEdit {
  range: LspRange
  newText: string
}

interface CodeAction {
  title: string
  kind?: string
  isPreferred?: boolean
  diagnostics?: LspDiagnostic[]
  edit?: {changes?: Record<string, TextEdit[]>; documentChanges?: Array<{textDocument: {uri: string; version: number}; edits: TextEdit[]}>}
  data?: unknown
}

interface Hover {
  contents: {kind: string; value: string}
  range?: LspRange
}

/** Capabilities of an editor that resolves code actions lazily and takes versioned edits, as VS Code does. */
const richClient = {
  textDocument: {codeAction: {resolveSupport: {properties: ['edit']}}, publishDiagnostics: {relatedInformation: true}},
  workspace: {workspaceEdit: {documentChanges: true}, didChangeWatchedFiles: {dynamicRegistration: true}}
}

async function start(folder: string, capabilities: object = {}): Promise<LspClient> {
  const client = new LspClient(process.execPath, [server, '--stdio'], {cwd: folder})
  clients.push(client)
  const result = await client.request<{capabilities: {textDocumentSync: {change: number}; hoverProvider: boolean}}>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{uri: pathToFileURL(folder).href, name: 'test'}],
    capabilities
  })
  // Incremental sync (2) and hover, as announced to the editor.
  expect(result.capabilities.textDocumentSync.change).toBe(2)
  expect(result.capabilities.hoverProvider).toBe(true)
  client.notify('initialized', {})
  return client
}

/** git that reads no user or system config, so a developer's settings (hooks, signing) cannot change a test. */
const gitEnv = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}

/** Servers shared by the tests below (each test uses its own files): one for a plain editor, one for a VS Code-like editor. */
const workspace = tempDir({})
let plainServer: Promise<LspClient> | undefined
let richServer: Promise<LspClient> | undefined
const plain = () => (plainServer ??= start(workspace))
const rich = () => (richServer ??= start(workspace, richClient))

/** A buffer as the editor keeps it: opened in the server, changed with incremental edits. */
class EditorBuffer {
  document: TextDocument
  constructor(
    readonly client: LspClient,
    readonly uri: string,
    languageId: string,
    text: string
  ) {
    this.document = TextDocument.create(uri, languageId, 1, text)
    client.notify('textDocument/didOpen', {textDocument: {uri, languageId, version: 1, text}})
  }

  get text(): string {
    return this.document.getText()
  }

  /** Sends `edits` (positions in the current text) as one incremental didChange; returns the new version. */
  change(edits: TextEdit[]): number {
    // Applied last-first, each change's range stays valid in the text the previous one left.
    const ordered = [...edits].sort((a, b) => this.document.offsetAt(b.range.start) - this.document.offsetAt(a.range.start))
    const version = this.document.version + 1
    this.document = TextDocument.update(this.document, ordered.map((edit) => ({range: edit.range, text: edit.newText})), version)
    this.client.notify('textDocument/didChange', {
      textDocument: {uri: this.uri, version},
      contentChanges: ordered.map((edit) => ({range: edit.range, text: edit.newText}))
    })
    return version
  }

  /** Applies a code action's workspace edit the way an editor does, refusing one made for another version. */
  apply(action: CodeAction): number {
    const versioned = action.edit?.documentChanges?.find((change) => change.textDocument.uri === this.uri)
    if (versioned) expect(versioned.textDocument.version).toBe(this.document.version)
    const edits = versioned?.edits ?? action.edit?.changes?.[this.uri]
    if (!edits) throw new Error(`action \`${action.title}\` has no edit for ${this.uri}`)
    return this.change(edits)
  }

  diagnostics(version = this.document.version): Promise<LspDiagnostic[]> {
    return this.client.diagnostics(this.uri, {version}).then((published) => published.diagnostics)
  }

  actions(range: LspRange, only?: string[]): Promise<CodeAction[]> {
    return this.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri: this.uri},
      range,
      context: {diagnostics: [], ...(only ? {only} : {})}
    })
  }
}

function at(line: number, character: number): LspRange {
  return {start: {line, character}, end: {line, character}}
}

/** A diagnostic as `line:character-line:character severity code message`, zero-based as LSP counts. */
function describe_(diagnostic: LspDiagnostic): string {
  const {start, end} = diagnostic.range
  return `${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`
}

function byCode(diagnostics: LspDiagnostic[], code: string): LspDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code)
}

/** A local rule written with defineRule that reports a note and a related place, to check how they reach the editor. */
const houseRule = `import {defineRule} from ${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/index.js')).href)}

export default defineRule({
  id: 'house-names',
  kind: 'names',
  summary: 'Warn on a name spelt two ways',
  recommended: true,
  options: {},
  examples: [{name: 'ok', input: 'Kim Jong Un met Putin.'}],
  check(doc, options, report) {
    const first = doc.value.indexOf('Kim Jong Un')
    for (const match of doc.value.matchAll(/Kim Jung Un/g)) {
      report({
        start: match.index,
        end: match.index + 11,
        reason: 'Name \`Kim Jung Un\` differs from \`Kim Jong Un\` used elsewhere',
        expected: ['Kim Jong Un'],
        note: 'Kim Jong Un: 1 time; Kim Jung Un: 1 time',
        related: first === -1 ? [] : [{start: first, end: first + 11, message: 'The other spelling'}]
      })
    }
  }
})
`

describe.concurrent('the language server and the CLI agree', () => {
  it('gives the CLI’s findings for the same file and config: places, severities, rule ids, reasons, related places', async () => {
    // Inside the shared server's workspace folder, so the server's cwd is the CLI's.
    const folder = path.join(workspace, 'agree')
    const files: Record<string, string> = {
      '.scrapelintrc.yaml': 'rules:\n  repeated-words: error\n  house-names: warn\nplugins:\n  - ./house-names.js\n',
      'house-names.js': houseRule,
      'news/.scrapelintrc.json': JSON.stringify({rules: {'no-boilerplate': 'error'}}),
      'news/000.txt': seed000,
      '.scrapelintignore': 'drafts/\n',
      'drafts/000.txt': seed000
    }
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
      fs.writeFileSync(path.join(folder, name), text)
    }
    const cli = await scrapelint(workspace, ['--format', 'json', 'agree/news/000.txt', 'agree/drafts/000.txt'])
    expect(cli.stderr).toBe('')
    const reports = JSON.parse(cli.stdout) as Array<{path: string; messages: CliMessage[]}>
    const report = reports.find((file) => file.path === 'agree/news/000.txt')
    const ignored = reports.find((file) => file.path === 'agree/drafts/000.txt')
    const expected = (report?.messages ?? []).map((m) => ({
      line: `${m.line - 1}:${m.column - 1}-${m.endLine - 1}:${m.endColumn - 1} ${{error: 1, warn: 2, info: 3}[m.severity]} ${m.ruleId} ${m.reason}`,
      url: m.url,
      related: (m.related ?? []).map((r) => `${r.line - 1}:${r.column - 1}-${r.endLine - 1}:${r.endColumn - 1} ${r.message}`)
    }))
    // Both configs and the plugin apply: an error from each config, and the local rule.
    expect(expected.map((m) => m.line)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4:89-4:108 1 repeated-words /),
        expect.stringMatching(/^50:0-50:19 1 no-boilerplate /),
        expect.stringMatching(/^2:16-2:27 2 house-names Name `Kim Jung Un`/)
      ])
    )

    const client = await plain()
    const uri = pathToFileURL(path.join(folder, 'news/000.txt')).href
    new EditorBuffer(client, uri, 'plaintext', seed000)
    const diagnostics = await client.diagnostics(uri).then((published) => published.diagnostics)
    const sort = (lines: string[]) => [...lines].sort()
    expect(sort(diagnostics.map(describe_))).toEqual(sort(expected.map((m) => m.line)))
    for (const diagnostic of diagnostics) {
      const twin = expected.find((m) => m.line === describe_(diagnostic))
      expect(diagnostic.source).toBe('scrapelint')
      expect(diagnostic.codeDescription?.href).toBe(twin?.url)
      const related = (diagnostic.relatedInformation ?? []).map(
        (r) => `${r.location.range.start.line}:${r.location.range.start.character}-${r.location.range.end.line}:${r.location.range.end.character} ${r.message}`
      )
      expect(related).toEqual(twin?.related)
      for (const r of diagnostic.relatedInformation ?? []) expect(r.location.uri).toBe(uri)
    }
    expect(byCode(diagnostics, 'house-names')[0]?.relatedInformation?.[0]?.location.range).toEqual({
      start: {line: 8, character: 189},
      end: {line: 8, character: 200}
    })

    // A file the ignore file names: the CLI refuses it, the server shows nothing.
    expect(ignored?.messages.map((m) => m.reason)).toEqual(['Cannot process specified file: it’s ignored'])
    const ignoredUri = pathToFileURL(path.join(folder, 'drafts/000.txt')).href
    new EditorBuffer(client, ignoredUri, 'plaintext', seed000)
    expect((await client.diagnostics(ignoredUri)).diagnostics).toEqual([])
  })
})

interface CliMessage {
  line: number
  column: number
  endLine: number
  endColumn: number
  severity: 'error' | 'warn' | 'info'
  ruleId: string
  reason: string
  url: string
  related?: Array<{path: string; line: number; column: number; endLine: number; endColumn: number; message: string}>
}

describe.concurrent('editing a scraped article', () => {
  it('re-lints on incremental changes after the debounce, in UTF-16 columns, publishing only the latest version', async () => {
    const folder = tempDir({'000.txt': seed000})
    const client = await plain()
    const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, '000.txt')).href, 'plaintext', seed000)
    const opened = await buffer.diagnostics(1)
    expect(byCode(opened, 'no-boilerplate').map(describe_)).toEqual([
      '0:0-0:20 2 no-boilerplate Unexpected site name `newsweekshowcase.com` on a line of its own, remove it',
      '50:0-50:19 2 no-boilerplate Unexpected boilerplate `Exit mobile version`, remove it'
    ])

    // Delete the site name and its blank line: the rest moves up two lines.
    buffer.change([{range: {start: {line: 0, character: 0}, end: {line: 2, character: 0}}, newText: ''}])
    const shorter = await buffer.diagnostics(2)
    expect(byCode(shorter, 'no-boilerplate').map(describe_)).toEqual(['48:0-48:19 2 no-boilerplate Unexpected boilerplate `Exit mobile version`, remove it'])
    expect(byCode(shorter, 'repeated-words').map(describe_)).toEqual([
      '2:89-2:108 2 repeated-words Unexpected repeated `Strategic` in a headline, remove one occurrence'
    ])

    // Two quick edits: an emoji (two UTF-16 units) then a doubled word after it on a new line. Only the last version is linted.
    const since = client.notifications.length
    buffer.change([{range: at(4, 0), newText: '😀 \n'}])
    const last = buffer.change([{range: at(4, 3), newText: 'The the talks went on.'}])
    const edited = await buffer.diagnostics(last)
    expect(byCode(edited, 'repeated-words').map(describe_)).toContain('4:3-4:10 2 repeated-words Unexpected repeated `The`, remove one occurrence')
    const versions = client.notifications
      .slice(since)
      .filter((n) => (n.params as {uri?: string}).uri === buffer.uri)
      .map((n) => (n.params as {version?: number}).version)
    expect(versions).not.toContain(last - 1)
  })

  it('offers each safe fix, a “disable this rule on this line” action, and a fix-all that gives the CLI’s --fix text', async () => {
    const folder = tempDir({'000.txt': seed000})
    const client = await rich()
    const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, '000.txt')).href, 'plaintext', seed000)
    const repeated = byCode(await buffer.diagnostics(1), 'repeated-words')[0]
    expect(repeated).toBeDefined()

    const actions = await buffer.actions(at(4, 95))
    const titles = actions.map((action) => action.title)
    expect(titles).toEqual(expect.arrayContaining(['Replace `Strategic Strategic` with `Strategic`', 'Disable repeated-words for this line', 'Fix all safe scrapelint problems']))
    const fix = actions.find((action) => action.title === 'Replace `Strategic Strategic` with `Strategic`')
    expect(fix?.kind).toBe('quickfix')
    expect(fix?.isPreferred).toBe(true)
    expect(fix?.diagnostics?.map(describe_)).toEqual([describe_(repeated as LspDiagnostic)])

    // The disable action inserts the control comment; the server and the CLI then both drop the finding.
    const disable = actions.find((action) => action.title === 'Disable repeated-words for this line') as CodeAction
    const disabled = buffer.apply(disable)
    expect(buffer.text.split('\n')[4]).toBe('<!-- scrapelint-disable-next-line repeated-words -->')
    expect(byCode(await buffer.diagnostics(disabled), 'repeated-words')).toEqual([])
    // Fix all, resolved lazily as VS Code asks for it, equals `scrapelint --fix` on the same text.
    const [fixAll] = await buffer.actions(at(0, 0), ['source.fixAll'])
    expect(fixAll?.kind).toBe('source.fixAll.scrapelint')
    expect(fixAll?.edit).toBeUndefined()
    const resolved = await client.request<CodeAction>('codeAction/resolve', fixAll)
    const fixed = buffer.apply(resolved)
    const cliFixed = await scrapelint(folder, ['--stdin', '--stdin-filename', '000.txt', '--fix'], TextDocument.applyEdits(TextDocument.create('x', 'plaintext', 1, seed000), disable.edit?.documentChanges?.[0]?.edits ?? []))
    expect(buffer.text).toBe(cliFixed.stdout)
    expect(buffer.text).not.toContain('Exit mobile version')
    expect(byCode(await buffer.diagnostics(fixed), 'no-boilerplate')).toEqual([])
  })

  it('applies a quick fix as an editor without versioned edits does, and hovers with the evidence and related places', async () => {
    const folder = tempDir({
      '.scrapelintrc.yaml': 'plugins:\n  - ./house-names.js\n',
      'house-names.js': houseRule,
      '000.txt': seed000
    })
    const client = await plain()
    const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, '000.txt')).href, 'plaintext', seed000)
    await buffer.diagnostics(1)

    const hover = await client.request<Hover>('textDocument/hover', {textDocument: {uri: buffer.uri}, position: {line: 2, character: 20}})
    expect(hover.contents.kind).toBe('markdown')
    expect(hover.contents.value).toContain('Name `Kim Jung Un` differs from `Kim Jong Un` used elsewhere')
    expect(hover.contents.value).toContain('Kim Jong Un: 1 time; Kim Jung Un: 1 time')
    expect(hover.contents.value).toContain('9:190 `Kim Jong Un`: The other spelling')
    expect(hover.range).toEqual({start: {line: 2, character: 16}, end: {line: 2, character: 27}})
    const siteName = await client.request<Hover>('textDocument/hover', {textDocument: {uri: buffer.uri}, position: {line: 0, character: 3}})
    expect(siteName.contents.value).toMatch(/no-boilerplate.*`newsweekshowcase.com`[^]*bare domain name[^]*\(https:\/\/github\.com\/scrapelint\/scrapelint\/blob\/main\/README\.md#no-boilerplate\)/)
    const nothing = await client.request<Hover | null>('textDocument/hover', {textDocument: {uri: buffer.uri}, position: {line: 6, character: 3}})
    expect(nothing).toBeNull()

    const [fix] = (await buffer.actions(at(2, 20))).filter((action) => action.isPreferred)
    expect(fix?.title).toBe('Replace `Kim Jung Un` with `Kim Jong Un`')
    expect(fix?.edit?.changes).toBeDefined()
    const fixed = buffer.apply(fix as CodeAction)
    expect(buffer.text.split('\n')[2]).toBe('Putin will meet Kim Jong Un in North Korea while their countries are at war')
    expect(byCode(await buffer.diagnostics(fixed), 'house-names')).toEqual([])
  })

  it('adds the disable comment in Markdown and HTML too, extending one already above the line', async () => {
    const folder = tempDir({})
    const client = await plain()
    const cases = [
      {name: 'page.md', language: 'markdown', text: '# Talks\n\n- The talks were held in the the capital.\n', line: 2, commentLine: 2, comment: '<!-- scrapelint-disable-next-line repeated-words -->'},
      {name: 'page.html', language: 'html', text: '<body>\n  <p>The talks were held in the the capital.</p>\n</body>\n', line: 1, commentLine: 1, comment: '  <!-- scrapelint-disable-next-line repeated-words -->'},
      {
        name: 'page.txt',
        language: 'plaintext',
        text: 'The vote.\n<!-- scrapelint-disable-next-line no-boilerplate -->\nThe talks were held in the the capital.\n',
        line: 2,
        commentLine: 1,
        comment: '<!-- scrapelint-disable-next-line no-boilerplate repeated-words -->'
      }
    ]
    for (const example of cases) {
      fs.writeFileSync(path.join(folder, example.name), example.text)
      const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, example.name)).href, example.language, example.text)
      expect(byCode(await buffer.diagnostics(1), 'repeated-words')).toHaveLength(1)
      const disable = (await buffer.actions(at(example.line, 30))).find((action) => action.title === 'Disable repeated-words for this line')
      const version = buffer.apply(disable as CodeAction)
      expect(buffer.text.split('\n')[example.commentLine]).toBe(example.comment)
      expect(await buffer.diagnostics(version), example.name).toEqual([])
      fs.writeFileSync(path.join(folder, example.name), buffer.text)
    }
    // The CLI reads the edited files the same way: nothing left.
    const cli = await scrapelint(folder, ['--format', 'json', ...cases.map((example) => example.name)])
    expect((JSON.parse(cli.stdout) as Array<{messages: unknown[]}>).map((file) => file.messages)).toEqual([[], [], []])
  })
})

describe.concurrent('configuration', () => {
  it('re-lints open documents when a config changes, and shows a bad config as one error naming the file and key', async () => {
    const folder = tempDir({'000.txt': seed000, '.scrapelintrc.yaml': 'rules:\n  repeated-words: error\n'})
    const client = await rich()
    const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, '000.txt')).href, 'plaintext', seed000)
    expect(byCode(await buffer.diagnostics(1), 'repeated-words').map((d) => d.severity)).toEqual([1])
    // The server asked the editor to watch config files.
    const registration = await client.waitFor((n) => n.method === 'client/registerCapability')
    expect(JSON.stringify(registration.params)).toContain('.scrapelintrc')

    const config = path.join(folder, '.scrapelintrc.yaml')
    let since = client.notifications.length
    fs.writeFileSync(config, 'rules:\n  repeated-words: off\n')
    client.notify('workspace/didChangeWatchedFiles', {changes: [{uri: pathToFileURL(config).href, type: 2}]})
    const relinted = (await client.diagnostics(buffer.uri, {since})).diagnostics
    expect(byCode(relinted, 'repeated-words')).toEqual([])
    expect(byCode(relinted, 'no-boilerplate')).toHaveLength(2)

    since = client.notifications.length
    fs.writeFileSync(config, 'rules:\n  repeated-word: error\n')
    client.notify('workspace/didChangeWatchedFiles', {changes: [{uri: pathToFileURL(config).href, type: 2}]})
    const broken = (await client.diagnostics(buffer.uri, {since})).diagnostics
    expect(broken).toHaveLength(1)
    expect(broken[0]?.severity).toBe(1)
    expect(broken[0]?.range).toEqual(at(0, 0))
    expect(broken[0]?.message).toContain('.scrapelintrc.yaml')
    expect(broken[0]?.message).toMatch(/`rules\.repeated-word`.*did you mean `repeated-words`/)
  })
})

describe.concurrent('claim shifts in a git work tree', () => {
  it('compares the buffer with the file at HEAD, as `scrapelint --against-git HEAD` does', async () => {
    // Seed 000 is committed; the buffer then holds seed 001, the other spun copy of the same story, unsaved.
    const folder = path.join(workspace, 'repo')
    fs.mkdirSync(folder, {recursive: true})
    fs.writeFileSync(path.join(folder, 'story.txt'), seed000)
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {cwd: folder, env: gitEnv})
    git('init', '-q')
    git('add', 'story.txt')
    git('commit', '-q', '-m', 'First version')

    const client = await plain()
    const buffer = new EditorBuffer(client, pathToFileURL(path.join(folder, 'story.txt')).href, 'plaintext', seed001)
    const shifts = byCode(await buffer.diagnostics(1), 'claim-shift')
    const signed = shifts.find((d) => d.message === 'Possibility became fact: `was signed` where the earlier version said `could sign`')
    expect(signed?.range).toEqual({start: {line: 7, character: 55}, end: {line: 7, character: 65}})
    // The earlier sentence is in HEAD's text, which no editor tab holds: the related place names it at the finding.
    expect(signed?.relatedInformation).toEqual([
      {location: {uri: buffer.uri, range: signed?.range}, message: 'The earlier version of this sentence: HEAD:story.txt:19:1'}
    ])
    const hover = await client.request<Hover>('textDocument/hover', {textDocument: {uri: buffer.uri}, position: {line: 7, character: 60}})
    expect(hover.contents.value).toContain('“A comprehensive strategic partnership treaty is a treaty the leaders could sign, said Ushakov.”')

    // The CLI on the same text, saved, against the same revision: the same claim shifts.
    fs.writeFileSync(path.join(folder, 'story.txt'), seed001)
    const cli = await scrapelint(folder, ['--format', 'json', '--against-git', 'HEAD', 'story.txt'])
    const [report] = JSON.parse(cli.stdout) as Array<{messages: CliMessage[]}>
    const fromCli = (report?.messages ?? []).filter((m) => m.ruleId === 'claim-shift').map((m) => `${m.line - 1}:${m.column - 1}-${m.endLine - 1}:${m.endColumn - 1} ${m.reason}`)
    expect(shifts.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)).toEqual(fromCli)
  })
})
