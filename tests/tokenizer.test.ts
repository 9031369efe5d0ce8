import fs from 'node:fs'
import path from 'node:path'
import type {Paragraph, Root} from 'nlcst'
import type {Node} from 'unist'
import {ParseEnglish} from 'parse-english'
import {describe, expect, it} from 'vitest'
import {parsePlainText} from '../src/parse.js'
import {PlacedParser} from '../src/tokenizer.js'

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures')
const stock = new ParseEnglish()

/** Every plain-text fixture, the seeds included: real scraped text. */
function fixtureTexts(): Array<{name: string; value: string}> {
  return fs
    .readdirSync(fixtures, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.txt') && !/\.(expected|fixed)\.txt$/.test(name))
    .sort()
    .map((name) => ({name, value: fs.readFileSync(path.join(fixtures, name), 'utf8')}))
}

/** A node and its descendants as rows: type, value, and start and end as offset, line and column relative to `origin`. */
function rows(node: Node, origin: {offset: number; line: number}, out: string[] = []): string[] {
  const {start, end} = node.position ?? {start: {line: 0, column: 0, offset: 0}, end: {line: 0, column: 0, offset: 0}}
  const place = (point: typeof start) => `${(point.offset ?? 0) - origin.offset}@${point.line - origin.line}:${point.column}`
  out.push(`${node.type} ${JSON.stringify((node as {value?: string}).value ?? '')} ${place(start)}-${place(end)}`)
  for (const child of (node as {children?: Node[]}).children ?? []) rows(child, origin, out)
  return out
}

/** Each paragraph of our parse beside stock parse-english's parse of the same paragraph text, on its own. */
function compareParagraphs(value: string): void {
  const tree: Root = parsePlainText(value)
  expect(tree.children.map((child) => child.position?.start.offset)).toEqual([...tree.children.map((child) => child.position?.start.offset)].sort((a, b) => (a ?? 0) - (b ?? 0)))
  for (const child of tree.children) {
    if (child.type !== 'ParagraphNode') continue
    const start = child.position?.start
    const end = child.position?.end
    if (!start || !end || start.offset === undefined || end.offset === undefined) throw new Error('paragraph without a position')
    expect(start.column).toBe(1)
    const text = value.slice(start.offset, end.offset)
    const reference = stock.tokenizeParagraph(text) as Paragraph
    expect(rows(child, {offset: start.offset, line: start.line - 1})).toEqual(rows(reference, {offset: 0, line: 0}))
  }
}

describe('the placed tokenizer of plain text', () => {
  it('gives the tokens and positions of stock parse-english on every plain-text fixture', () => {
    const texts = fixtureTexts()
    expect(texts.length).toBeGreaterThan(20)
    for (const {name, value} of texts) {
      try {
        compareParagraphs(value)
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`)
      }
    }
  })

  it('agrees on line ends, repeated marks, symbols, surrogate pairs and non-Latin text', () => {
    const value = [
      'Kim Jong Un arrived!!! In Vladivostok... “Really?” he said — twice.\r\nSecond line, CRLF.\rOld Mac line\r\rOld Mac paragraph',
      '',
      'Prices rose $$ 5%, 3.5 µg; ½ of them; emoji 👍🏽 here 🇰🇵 and 𝐁𝐨𝐥𝐝.',
      '',
      'Кремль заявил: «Нет». 金正恩は到着した。 Ça va\u00a0bien\u200bici\u0301.',
      '',
      '\tIndented\t\tline   with  runs of   space and a tab.',
      'a lower-case continuation of that line',
      '',
      'Smith & Wesson, AT&T and R&D; &c. Pre- and post-war, co-op -- a self- and non- / and/or, 1/2 km/h w/ A/B the TV/radio s/he, ol’ o\' tea.'
    ].join('\n')
    compareParagraphs(value)
    // The points must also match the file: each word's text is at its offsets.
    const tree = parsePlainText(value)
    const words: Array<{value: string; offset: number}> = []
    const collect = (node: Node) => {
      if (node.type === 'TextNode') words.push({value: (node as unknown as {value: string}).value, offset: node.position?.start.offset ?? -1})
      for (const child of (node as {children?: Node[]}).children ?? []) collect(child)
    }
    collect(tree)
    expect(words.length).toBeGreaterThan(40)
    for (const word of words) expect(value.slice(word.offset, word.offset + word.value.length)).toBe(word.value)
    // Two old Mac line breaks inside a line still end a sentence, as parse-latin's implicit breaks do.
    const breaks = tree.children.flatMap((child) => (child.type === 'ParagraphNode' ? child.children : [])).filter((node) => node.type === 'WhiteSpaceNode')
    expect(breaks.map((node) => (node as {value: string}).value)).toContain('\r\r')
  })

  it('skips the sentence plugins for `&`, `-`, `/` and apostrophes only where their characters are missing', () => {
    const placed = new PlacedParser()
    // Four plugins are wrapped; a changed parse-latin whose plugins the probes no longer find would leave them unwrapped.
    expect(placed.tokenizeSentencePlugins.filter((plugin, index) => plugin !== stock.tokenizeSentencePlugins[index])).toHaveLength(4)
    // Each merge still happens where its characters are: `&Jerry`, `pre-`, `s/he`, `w/` and `ol'` are words.
    for (const [text, word] of [
      ['Tom &Jerry', '&Jerry'],
      ['the pre- and post-war years', 'pre-'],
      ['s/he said', 's/he'],
      ['coffee w/ milk', 'w/'],
      ["the ol' days", "ol'"],
      ['the ol’ days', 'ol’']
    ] as const) {
      const words = (placed.tokenizeSentence(text).children as Node[]).filter((node) => node.type === 'WordNode')
      expect(words.map((node) => text.slice(node.position?.start.offset, node.position?.end.offset))).toContain(word)
    }
  })
})
