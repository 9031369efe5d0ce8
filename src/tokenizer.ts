import type {Paragraph, Sentence, SentenceContent} from 'nlcst'
import type {Point} from 'unist'
import {ParseEnglish} from 'parse-english'

/** The four kinds parse-latin sorts characters into, by the node each starts. */
const kindNames = ['', 'WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'] as const
const whiteSpaceKind = 1
const wordKind = 3

/** parse-english as shipped: it decides the kind of each code unit, once. */
const reference = new ParseEnglish()

/** The kind of each UTF-16 code unit, filled on first sight (0: not yet seen). */
const kinds = new Uint8Array(65_536)

function kindOf(code: number): number {
  let kind = kinds[code] ?? 0
  if (kind === 0) {
    const [node] = reference.tokenize(String.fromCharCode(code))
    kind = Math.max(1, kindNames.indexOf((node?.type ?? 'SymbolNode') as (typeof kindNames)[number]))
    kinds[code] = kind
  }
  return kind
}

/**
 * parse-english with a faster `tokenize` that places its tokens where the
 * text starts in the file (`origin`).
 *
 * Why by hand: parse-latin's tokenizer runs three Unicode regular
 * expressions on every character and puts each token at line 1, column 1,
 * so a paragraph parsed on its own must then be walked again to move every
 * point. Together that was about a third of the time of parsing plain text.
 * This tokenizer asks parse-english itself for the kind of each code unit
 * once (so the kinds are parse-english's, whatever its version) and keeps
 * its rules for where a token ends: words and white space run on, other
 * characters run on only when repeated, and surrogates join what precedes
 * them. Its tokens and points are the same as parse-latin's (tests/tokenizer.test.ts
 * compares the two on real text); only fewer point objects are made.
 * Everything after tokenizing (parse-english's merging plugins) is unchanged.
 */
export class PlacedParser extends ParseEnglish {
  /** Where the next text to tokenize starts in the file. */
  origin: Point = {line: 1, column: 1, offset: 0}

  /** The text `tokenizeSentence` is working on, which the gated sentence plugins test. */
  private sentenceText: string | undefined

  constructor() {
    super()
    this.tokenizeParagraphPlugins = withCheapImplicitBreaks(this.tokenizeParagraphPlugins)
    this.tokenizeSentencePlugins = withCharacterGates(this.tokenizeSentencePlugins, (character) => this.sentenceText?.includes(character) ?? true)
  }

  override tokenizeSentence(value?: string | null): Sentence {
    this.sentenceText = value ?? ''
    try {
      return super.tokenizeSentence(value)
    } finally {
      this.sentenceText = undefined
    }
  }

  override tokenize(value?: string | null): SentenceContent[] {
    const children: SentenceContent[] = []
    if (!value) return children
    const {line: firstLine, column: firstColumn, offset: base = 0} = this.origin
    let line = firstLine
    // The index at which the current line starts, so that a character's column is `index - lineStart + 1`.
    let lineStart = 1 - firstColumn
    let from = 0
    let start: Point = {line, column: firstColumn, offset: base}
    let previousKind = 0
    let previousCode = -1
    const flush = (index: number) => {
      const text = value.slice(from, index)
      // One point object per token boundary: the token's end, its text's end, and the next token's start.
      // parse-latin's plugins replace points when they merge tokens but never change one in place, so sharing is safe,
      // and it spares most point objects: a fifth of the tree's memory (115 → 90 MB for a 1 MB file).
      const end: Point = {line, column: index - lineStart + 1, offset: base + index}
      children.push(
        (previousKind === wordKind
          ? {type: 'WordNode', children: [{type: 'TextNode', value: text, position: {start, end}}], position: {start, end}}
          : {type: kindNames[previousKind], value: text, position: {start, end}}) as SentenceContent
      )
      from = index
      start = end
    }
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index)
      const kind = kindOf(code)
      if (
        from < index &&
        !(previousKind === kind && (kind === wordKind || kind === whiteSpaceKind || code === previousCode || (code >= 0xd8_00 && code <= 0xdf_ff)))
      ) {
        flush(index)
      }
      // parse-latin's line counting: CR, LF and CRLF each end a line.
      if (code === 13 || code === 10) {
        if (code === 13 || previousCode !== 13) line++
        lineStart = index + 1
      }
      previousKind = kind
      previousCode = code
    }
    if (from < value.length) flush(value.length)
    return children
  }
}

type ParagraphPlugin = (paragraph: Paragraph) => void

const lineBreaks = /\r\n|\r|\n/

/** Whether a sentence of the paragraph has, inside it, white space with two line breaks or more. */
function hasImplicitBreak(paragraph: Paragraph): boolean {
  for (const sentence of paragraph.children) {
    if (sentence.type !== 'SentenceNode') continue
    const children = sentence.children
    for (let index = 1; index < children.length - 1; index++) {
      const node = children[index]
      if (node?.type !== 'WhiteSpaceNode' || (!node.value.includes('\n') && !node.value.includes('\r'))) continue
      if (node.value.split(lineBreaks).length >= 3) return true
    }
  }
  return false
}

// Probe nodes, for telling parse-latin's plugins apart by what they do. They read only whether positions
// exist, so line and column need not follow line breaks.
const probePoint = (offset: number) => ({line: 1, column: offset + 1, offset})
const probeSpan = (offset: number, length: number) => ({start: probePoint(offset), end: probePoint(offset + length)})
const probeWord = (value: string, offset: number): SentenceContent => ({
  type: 'WordNode',
  children: [{type: 'TextNode', value, position: probeSpan(offset, value.length)}],
  position: probeSpan(offset, value.length)
})
const probeSymbol = (value: string, offset: number): SentenceContent => ({type: 'SymbolNode', value, position: probeSpan(offset, value.length)})

/** Whether a paragraph plugin is parse-latin's `breakImplicitSentences`: it splits the probe's sentence in three. */
function breaksImplicitSentences(plugin: ParagraphPlugin): boolean {
  const probe: Paragraph = {
    type: 'ParagraphNode',
    children: [
      {
        type: 'SentenceNode',
        children: [probeWord('a', 0), {type: 'WhiteSpaceNode', value: '\n\n', position: probeSpan(1, 2)}, probeWord('b', 3)],
        position: probeSpan(0, 4)
      }
    ],
    position: probeSpan(0, 4)
  }
  try {
    plugin(probe)
  } catch {
    return false
  }
  return probe.children.length === 3
}

/**
 * The paragraph plugins with parse-latin's `breakImplicitSentences` run only
 * on paragraphs it would change. It splits a sentence at white space that
 * holds two line breaks or more, and tests every white space by splitting
 * its text into lines: an array per white space, an eighth of all the memory
 * a lint allocates, for a split that plain text's paragraphs (cut at blank
 * lines) almost never need. The library does not export the plugin, so it
 * is found by what it does to a probe paragraph; if no plugin or more than
 * one does that, the list is left as it is.
 */
function withCheapImplicitBreaks(plugins: ParagraphPlugin[]): ParagraphPlugin[] {
  const found = plugins.filter((plugin) => breaksImplicitSentences(plugin))
  const original = found[0]
  if (found.length !== 1 || !original) return plugins
  return plugins.map((plugin) =>
    plugin === original
      ? (paragraph: Paragraph) => {
          if (hasImplicitBreak(paragraph)) original(paragraph)
        }
      : plugin
  )
}

type SentencePlugin = (sentence: Sentence) => void

/**
 * parse-latin's sentence plugins that act only on a token of one character,
 * each with a probe that it alone of the sentence plugins changes:
 * `mergeInitialWordSymbol` joins a lone `&` to the word after it,
 * `mergeFinalWordSymbol` a lone `-` to the word before it,
 * `mergeInnerWordSlash` short words around a `/`; parse-english's
 * `mergeEnglishElisionExceptions` joins a `/` to a `w` before it (`w/`) and an
 * apostrophe, `'` or `’`, to an `o` or `ol` (`the ol' days`). No plugin
 * that runs before them makes such a token, so a text without the
 * characters has none.
 */
const characterGates: Array<{characters: string[]; probe: () => SentenceContent[]}> = [
  {characters: ['&'], probe: () => [probeSymbol('&', 0), probeWord('a', 1)]},
  {characters: ['-'], probe: () => [probeWord('a', 0), probeSymbol('-', 1)]},
  {characters: ['/'], probe: () => [probeWord('a', 0), probeSymbol('/', 1), probeWord('b', 2)]},
  {characters: ['/', "'", '’'], probe: () => [probeWord('w', 0), probeSymbol('/', 1), probeWord('abc', 2)]}
]

/** Whether a sentence plugin changes the number of tokens in a probe sentence. */
function changes(plugin: SentencePlugin, children: SentenceContent[]): boolean {
  const probe: Sentence = {type: 'SentenceNode', children, position: probeSpan(0, children.length)}
  const before = children.length
  try {
    plugin(probe)
  } catch {
    return false
  }
  return probe.children.length !== before
}

/**
 * The sentence plugins with those gates run only on text that has one of
 * their characters (`has`). Each plugin walks every token of a paragraph, and news
 * paragraphs seldom have a `&` or `/` (0.4% and 2% of FNC-1's; a `-`, 25%;
 * an apostrophe or `/`, 38%): skipping the walks made parsing its
 * paragraphs 15–25% faster. A gate whose probe no plugin or more
 * than one changes is left out, so a changed parse-latin costs speed, not
 * correctness.
 */
function withCharacterGates(plugins: SentencePlugin[], has: (character: string) => boolean): SentencePlugin[] {
  const gateOf = new Map<SentencePlugin, string[]>()
  for (const {characters, probe} of characterGates) {
    const found = plugins.filter((plugin) => changes(plugin, probe()))
    if (found.length === 1 && found[0]) gateOf.set(found[0], characters)
  }
  return plugins.map((plugin) => {
    const characters = gateOf.get(plugin)
    if (characters === undefined) return plugin
    return (sentence: Sentence) => {
      if (characters.some(has)) plugin(sentence)
    }
  })
}
