import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {toNlcst} from 'mdast-util-to-nlcst'
import {toString as nlcstToString} from 'nlcst-to-string'
import {ParseEnglish} from 'parse-english'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Node} from 'unist'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {emit} from '../src/define-rule.js'
import {documentFor} from '../src/document.js'
import {linksIn} from '../src/links.js'
import {parseDocument} from '../src/parse.js'
import {baseProcessor} from '../src/processor.js'
import {realignPositions} from '../src/realign.js'
import {decodeHTML} from 'entities/decode'
import {fix, lint, rules, rulesById, type Syntax} from '../src/index.js'
import type {ScrapelintMessage} from '../src/types.js'
import {lintWith} from './helpers.js'

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures')

function allFixtureTexts(): Array<{name: string; value: string}> {
  const result: Array<{name: string; value: string}> = []
  for (const folder of fs.readdirSync(fixtures)) {
    const dir = path.join(fixtures, folder)
    if (!fs.statSync(dir).isDirectory()) continue
    for (const name of fs.readdirSync(dir)) {
      if (/\.(txt|md|html)$/.test(name) && !/\.(expected|fixed)\.txt$/.test(name)) {
        result.push({name: path.join(folder, name), value: fs.readFileSync(path.join(dir, name), 'utf8')})
      }
    }
  }
  return result
}

/** The message contract every consumer (reporters, the editor, SARIF) relies on. */
function checkContract(message: ScrapelintMessage, value: string): void {
  expect(message.source).toBe('scrapelint')
  expect(rulesById.has(message.ruleId ?? '')).toBe(true)
  const place = message.place
  expect(place && 'start' in place).toBe(true)
  if (!place || !('start' in place)) return
  const start = place.start.offset ?? -1
  const end = place.end.offset ?? -1
  expect(start).toBeGreaterThanOrEqual(0)
  expect(end).toBeGreaterThanOrEqual(start)
  expect(end).toBeLessThanOrEqual(value.length)
  expect(message.actual).toBe(value.slice(start, end))
  expect(message.url).toMatch(new RegExp(`#${message.ruleId}$`))
  expect(Array.isArray(message.expected)).toBe(true)
  expect(message.reason).toMatch(/`/)
  expect(message.reason).not.toMatch(/\n/)
  if (message.fix) {
    expect(message.fix.range[0]).toBeLessThanOrEqual(start)
    expect(message.fix.range[1]).toBeGreaterThanOrEqual(end)
    expect(message.fix.range[1]).toBeLessThanOrEqual(value.length)
  }
}

describe('message contract', () => {
  const examples = rules.flatMap((rule) =>
    rule.examples.map((example) => [`${rule.id}: ${example.name}`, rule.id, example.input, example.options, example.syntax] as const)
  )
  it.each(examples)('%s', async (_name, id, input, options, syntax) => {
    const rule = rulesById.get(id)
    if (!rule) throw new Error(`no rule ${id}`)
    for (const message of await lintWith(rule, input, options, syntax as Syntax | undefined)) checkContract(message, input)
  })

  it.each(allFixtureTexts().map((fixture) => [fixture.name, fixture.value] as const))('fixture %s', async (name, value) => {
    const messages = await lint(value, {filePath: name, config: {extends: 'all'}})
    for (const message of messages) checkContract(message, value)
  })
})

/** Deterministic noise: the same "random" Unicode on every run, so a failure can be replayed. */
function noise(seed: number, length: number): string {
  const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x17f], [0x400, 0x4ff], [0x4e00, 0x4e80], [0x1f600, 0x1f64f], [0x200b, 0x200f], [0x0a, 0x0a], [0x0d, 0x0d], [0x300, 0x36f]]
  let state = seed
  let text = ''
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648
    const [low, high] = ranges[state % ranges.length] ?? [0x20, 0x7e]
    text += String.fromCodePoint(low + (state % (high - low + 1)))
  }
  return text
}

describe('robustness: every rule, every syntax, odd input', () => {
  const seed = fs.readFileSync(path.join(fixtures, 'clean', fs.readdirSync(path.join(fixtures, 'clean')).find((name) => name.endsWith('.txt')) ?? ''), 'utf8')
  const inputs: Array<[string, string]> = [
    ['empty', ''],
    ['white space', ' \n\t \n\n'],
    ['CRLF', seed.slice(0, 2000).replace(/\n/g, '\r\n')],
    ['BOM', '\uFEFF' + seed.slice(0, 500)],
    ['NBSP', 'Exit\u00A0mobile\u00A0version\n\nThe\u00A0the talks.'],
    ['emoji', '🇺🇦 Kim 🤝 Putin 🤝 talks talks 👍\n\nShare this:'],
    ['very long line', seed.replace(/\s+/g, ' ').repeat(20)],
    ['many findings on one line', 'the '.repeat(2000)],
    ['no line break at end', 'Exit mobile version'],
    ['only a domain', 'example.com'],
    ['markup characters', '<p>&amp; <b>bold</b> the the</p>'],
    // parse5 makes `</br>` a `<br>` without a position: the paragraph around it has no end.
    ['stray br end tags', '<div><p>Tom &amp; Jerry met.</p><form><div>x</div></form> </br></br><div></div></div>'],
    ['text after stray br end tags', '<div><p>Tom &amp; Jerry met.</p><form><div>x</div></form> </br></br><div>Putin met Kim at the cosmodrome on Wednesday.</div></div>'],
    ...[1, 2, 3, 4, 5].map((n): [string, string] => [`random Unicode ${n}`, noise(n, 3000)])
  ]
  const syntaxes: Syntax[] = ['text', 'markdown', 'html']
  it.each(inputs)('%s', async (_name, input) => {
    for (const syntax of syntaxes) {
      const messages: VFileMessage[] = await lint(input, {syntax, config: {extends: 'all'}})
      for (const message of messages) {
        const place = message.place
        if (!message.ruleId || !place || !('start' in place)) continue
        expect(place.start.offset).toBeGreaterThanOrEqual(0)
        expect(place.end.offset).toBeLessThanOrEqual(input.length)
        expect((place.end.offset ?? 0) >= (place.start.offset ?? 0)).toBe(true)
      }
    }
  })
})

/** Whether a seed's line ends as a sentence does; the others are headlines and site names. */
const endsSentence = (line: string) => /[.!?"”’)]$/.test(line)

/** The seeds' lines (real scraped text) as HTML paragraphs and headings that escape apostrophes, quotes and ampersands, with CRLF line ends. */
function asEscapedHtml(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/’/g, '&#8217;').replace(/"/g, '&quot;')
  const element = (line: string) => (endsSentence(line) ? `<p>${escape(line)}</p>` : `<h2>${escape(line)}</h2>`)
  return `<html><body>\r\n${text.split(/\n+/).filter((line) => line.trim()).map(element).join('\r\n')}\r\n</body></html>\r\n`
}

/**
 * The seeds' paragraphs as Markdown blockquotes, each hard-wrapped so that its later lines start with `> `; lines
 * without closing punctuation (the headlines) become headings, as a Markdown copy would mark them.
 */
function asQuotedMarkdown(text: string): string {
  const block = (paragraph: string) =>
    endsSentence(paragraph) ? `> ${paragraph.replace(/&/g, '&amp;').replace(/(.{40,}?) /g, '$1\n> ')}` : `## ${paragraph}`
  return `${text.split(/\n+/).filter((line) => line.trim()).map(block).join('\n\n')}\n`
}

/** An HTML page's file and document model, for calling `emit` directly. */
function htmlDocument(page: string) {
  const file = new VFile({value: page, path: 'page.html'})
  return {file, doc: documentFor(baseProcessor({}).parse(file), file)}
}

describe('positions in the file through markup', () => {
  // Word-level rules: their findings do not depend on how a file marks up its blocks.
  const wordRules = ['repeated-words', 'name-canonical', 'common-misspellings', 'name-consistency']
  const config = {rules: Object.fromEntries(rules.map((rule) => [rule.id, wordRules.includes(rule.id) ? 'warn' : 'off'] as const))}
  const seeds = ['000.txt', '001.txt'].map((name) => [name, fs.readFileSync(path.join(fixtures, 'seeds', name), 'utf8')] as const)
  const found = async (value: string, syntax: Syntax, decode: (source: string) => string) =>
    (await lint(value, {syntax, config})).map((message) => `${message.ruleId} ${decode(message.actual ?? '')}`).sort()

  it.each(seeds)('%s: character references and CRLF in HTML move no finding off its words', async (_name, text) => {
    const plain = await found(text, 'text', (source) => source)
    expect(plain.length).toBeGreaterThan(0)
    const html = asEscapedHtml(text)
    expect(html).toMatch(/&#8217;|&#39;/)
    const messages = await lint(html, {syntax: 'html', config})
    for (const message of messages) checkContract(message, html)
    expect(await found(html, 'html', (source) => decodeHTML(source))).toEqual(plain)
  })

  it.each(seeds)('%s: blockquote markers on wrapped Markdown lines move no finding off its words', async (_name, text) => {
    const plain = await found(text, 'text', (source) => source)
    const markdown = asQuotedMarkdown(text)
    expect(markdown).toMatch(/\n> \S/)
    // Read back as the reader sees it: line breaks inside a paragraph are spaces, the markers are markup.
    const unquote = (source: string) => source.replace(/\n> /g, ' ').replace(/&amp;/g, '&')
    expect(await found(markdown, 'markdown', unquote)).toEqual(plain.map((entry) => entry.replace(/\n/g, ' ')))
  })

  it.each(seeds)('%s: Markdown read block by block gives the sentences and words a whole-tree conversion gives', async (_name, text) => {
    const nodes = (tree: Node, type: string) => {
      const found: string[] = []
      const visit = (node: Node) => {
        if (node.type === type) found.push(`${node.position?.start.offset}-${node.position?.end.offset} ${nlcstToString(node as never)}`)
        for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
      }
      visit(tree)
      return found
    }
    const lists = text.split(/\n+/).filter((line) => line.trim()).map((line, index) => (index % 3 === 2 ? `- ${line}` : line)).join('\n\n')
    for (const value of [asQuotedMarkdown(text), `${lists}\n`]) {
      const file = new VFile({value, path: 'seed.md'})
      const mdast = unified().use(remarkParse).parse(file)
      const whole = toNlcst(mdast, file, new ParseEnglish(), {ignore: ['code', 'yaml', 'toml', 'html']})
      realignPositions(whole, mdast, value, 'markdown')
      const {tree} = parseDocument(value, file, 'markdown')
      for (const type of ['SentenceNode', 'WordNode']) expect(nodes(tree, type)).toEqual(nodes(whole, type))
      expect(nodes(tree, 'WordNode').length).toBeGreaterThan(500)
    }
  })

  it('keeps a fix off markup: a range across a tag falls back to the span, a span across one gets no fix', () => {
    const page = '<p>He went into the <a href="/x">the house</a> at night.</p>\n'
    const {file, doc} = htmlDocument(page)
    const stamp = {ruleId: 'repeated-words', url: '', severity: 'warn'} as const
    const second = page.indexOf('the house')
    const across = emit(doc, file, {start: second, end: second + 3, reason: 'Unexpected `the`', expected: [''], fixRange: {start: page.indexOf(' <a'), end: second + 3}}, stamp)
    expect(across.fix).toEqual({range: [second, second + 3], text: ''})
    const both = emit(doc, file, {start: page.indexOf('the <a'), end: second + 3, reason: 'Unexpected `the the`', expected: ['the']}, stamp)
    expect(both.fix).toBeUndefined()
    expect(both.expected).toEqual([])
    const plain = emit(doc, file, {start: page.indexOf('at night'), end: page.indexOf(' night'), reason: 'Unexpected `at`', expected: ['by']}, stamp)
    expect(plain.fix).toEqual({range: [page.indexOf('at night'), page.indexOf(' night')], text: 'by'})
  })

  it('grows a deletion over the markup at its edges when that takes in no more text', () => {
    const page = '<p>Talks ended. He left for Moscow, <a href="/x">the Kremlin said</a> on Friday.</p>\n'
    const {file, doc} = htmlDocument(page)
    const stamp = {ruleId: 'no-duplicate-text', url: '', severity: 'warn'} as const
    const start = page.indexOf('He left')
    // Up to the end of the link's text: the deletion takes the whole link with it.
    const whole = emit(doc, file, {start, end: page.indexOf('</a>'), reason: 'Unexpected copy', expected: ['']}, stamp)
    expect(whole.fix).toEqual({range: [start, page.indexOf(' on Friday')], text: ''})
    // Into the middle of the link's text: growing would delete text the finding does not cover, so no fix.
    const part = emit(doc, file, {start, end: page.indexOf(' said</a>'), reason: 'Unexpected copy', expected: ['']}, stamp)
    expect(part.fix).toBeUndefined()
  })

  it('removes a Markdown line that a link fills with its line, leaving no extra blank line', async () => {
    const said = 'Putin met Kim at the Vostochny Cosmodrome on Wednesday, the Kremlin said.'
    const value = `${said}\n\n[Read more](https://example.com/story)\n\nThe talks lasted four hours, and the leaders toured the site.\n`
    expect(await fix(value, {syntax: 'markdown'})).toBe(`${said}\n\nThe talks lasted four hours, and the leaders toured the site.\n`)
  })

  it('deletes a repeated sentence with the markup wholly inside it, in HTML and in Markdown', async () => {
    const config = {rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-duplicate-text' ? 'warn' : 'off'] as const))}
    const html = 'Putin met <b>Kim Jong Un</b> in Pyongyang on Wednesday for talks.'
    expect(await fix(`<p>${html} ${html} They signed a pact.</p>\n`, {syntax: 'html', config})).toBe(`<p>${html} They signed a pact.</p>\n`)
    const markdown = 'Putin met **Kim Jong Un** in [Pyongyang](https://example.com/) on Wednesday for talks.'
    expect(await fix(`${markdown} ${markdown} They signed a pact.\n`, {syntax: 'markdown', config})).toBe(`${markdown} They signed a pact.\n`)
  })

  it('takes the markers of a Markdown emphasis that a deletion empties', async () => {
    const sentence = 'Putin met Kim Jong Un in Pyongyang on Wednesday for talks.'
    const config = {rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-duplicate-text' ? 'warn' : 'off'] as const))}
    expect(await fix(`${sentence} *${sentence}* They signed a pact.\n`, {syntax: 'markdown', config})).toBe(`${sentence}  They signed a pact.\n`)
    expect(await fix(`${sentence} **${sentence}** They signed a pact.\n`, {syntax: 'markdown', config})).toBe(`${sentence}  They signed a pact.\n`)
  })

  it('removes a boilerplate line with the elements that hold only it, and their line when nothing else stands there', async () => {
    const page = '<div>Text here is fine.\r\n<a class="menu" href="#">Exit mobile version</a></div>\r\n'
    const [message] = await lint(page, {syntax: 'html'})
    expect(message?.actual).toBe('Exit mobile version')
    expect(message?.fix?.range).toEqual([page.indexOf('<a'), page.indexOf('</div>')])
    const list = '<p>Text here is fine.</p>\n<ul>\n  <li>\n    <a href="/">Skip to content</a>\n  </li>\n  <li><a href="/news">News today</a></li>\n</ul>\n'
    expect(await fix(list, {syntax: 'html'})).toBe('<p>Text here is fine.</p>\n<ul>\n  <li><a href="/news">News today</a></li>\n</ul>\n')
  })

  it('removes a line of a block split by `<br>` with its break, so no run of empty breaks is left', async () => {
    const said = 'Putin met Kim at the Vostochny Cosmodrome on Wednesday, the Kremlin said.'
    const talks = 'The talks lasted four hours, and the two leaders toured the launch site.'
    const page = `<div>${said}<br>Share this:<br><br>${talks}<br/>Exit mobile version</div>\n`
    expect(await fix(page, {syntax: 'html'})).toBe(`<div>${said}<br><br>${talks}</div>\n`)
  })
})

describe('Markdown with GitHub’s extensions', () => {
  it('skips a table, and reads the words of a strikethrough and a footnote where they stand', async () => {
    const value = [
      'Putin met ~~Kim Jung Un~~ at the Vostochny Cosmodrome.[^1]',
      '',
      '| Leader | Country |',
      '| --- | --- |',
      '| Kim Jung Un | North Korea |',
      '',
      '[^1]: Kim Jung Un arrived by train.',
      ''
    ].join('\n')
    const config = {rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'name-canonical' ? 'warn' : 'off'] as const))}
    const messages = await lint(value, {syntax: 'markdown', config})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.actual}`)).toEqual(['1:13 Kim Jung Un', '7:7 Kim Jung Un'])
  })
})

describe('web and e-mail addresses', () => {
  const seed = fs.readFileSync(path.join(fixtures, 'seeds', '000.txt'), 'utf8')
  const source = 'Source: https://newsweekshowcase.com/2023/09/kim-putin-ukranian-war/ (tips: ukranian.desk@example.com)'
  const only = (id: string) => ({rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === id ? 'warn' : 'off'] as const))})
  const cases: Array<[Syntax, string]> = [
    ['text', `${seed}\n${source}\n`],
    ['markdown', `${seed}\n${source}\n`],
    ['html', `<p>${seed.trim().split(/\n+/).join('</p>\n<p>')}</p>\n<p>${source}</p>\n`]
  ]

  it.each(cases)('%s: a misspelling in prose is reported and fixed, the same word in a URL or an address is left alone', async (syntax, value) => {
    const messages = await lint(value, {syntax, config: only('common-misspellings')})
    expect(messages.map((message) => message.actual)).toEqual(['Ukranian'])
    const fixed = await fix(value, {syntax, config: only('common-misspellings')})
    expect(fixed).toContain(source)
    expect(fixed).toContain('the war in Ukrainian.')
  })

  it('reads two sentences glued by a missing space as prose, not as a domain', () => {
    const found = (line: string) => linksIn(line).map((link) => line.slice(link.start, link.end))
    expect(found('Equipment for the war in Ukranian.It was sited in the Far East.')).toEqual([])
    expect(found('Ushakov said.it would not be signed, end.In 2019 they met.')).toEqual([])
    expect(found('See www.example.org/news, bbc.co.uk, Amazon.com and https://example.com/a_(b).')).toEqual([
      'www.example.org/news',
      'bbc.co.uk',
      'Amazon.com',
      'https://example.com/a_(b)'
    ])
  })
})
