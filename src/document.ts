import type {Root, Paragraph, Sentence as NlcstSentence, Nodes} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {location} from 'vfile-location'
import type {VFile} from 'vfile'
import type {Point, Syntax} from './types.js'
import type {MarkupSpan} from './parse.js'
import {insideLink} from './links.js'
import {isDateline} from './dates.js'
import {isBoilerplatePhrase} from './boilerplate-phrases.js'

export interface Span {
  start: number
  end: number
}

/**
 * A line of text as a reader sees it. In plain text it is a source line; in
 * Markdown and HTML it is a line of a block's text with its markup removed.
 * `toSource` maps an index in `text` to an offset in the file (pass `end`
 * for the index that ends a span).
 */
export interface TextLine extends Span {
  text: string
  toSource(index: number, end?: boolean): number
  /** The range to delete to remove the line cleanly. */
  removal: Span
  isTitle: boolean
}

export interface Word extends Span {
  text: string
}

export interface Sentence extends Span {
  text: string
  words: Word[]
}

interface Leaf {
  textStart: number
  sourceStart: number
  sourceEnd: number
  length: number
}

/**
 * The shared per-file model, built once and read by every rule: the source,
 * its text lines (with titles marked), sentences and words. Sentences and
 * words are computed on first use only.
 */
export class Document {
  readonly value: string
  readonly lines: TextLine[]
  private sentenceCache: Sentence[] | undefined
  private titleCache: TextLine[] | undefined
  private paragraphCache: TextLine[][] | undefined
  private readonly place: ReturnType<typeof location>

  constructor(
    readonly tree: Root,
    readonly file: VFile,
    readonly syntax: Syntax,
    titleRanges: Span[] = [],
    /** Markdown's and HTML's markup nodes, in file order (see `MarkupSpan` in src/parse.ts). */
    private readonly markup: readonly MarkupSpan[] = [],
    /** Content the text leaves out (Markdown's code blocks), in file order. */
    private readonly skipped: readonly Span[] = []
  ) {
    this.value = String(file.value ?? '')
    this.place = location(file)
    if (syntax === 'text') {
      this.lines = sourceLines(this.value)
    } else {
      const blocks = blockLines(tree, this.value, syntax)
      this.lines = blocks.lines
      this.code = blocks.code
    }
    markTitles(this.lines, titleRanges, syntax)
  }

  /** Where code stands in the file (Markdown's inline code, HTML's `<code>`): the text shows it but does not read it as prose. */
  private readonly code: Span[] = []

  /**
   * A deletion that takes all the text of a link, an emphasis, a paragraph
   * or a list item takes the node with it, and so on outwards: no empty
   * `<a href="#"></a>` or literal `**` is left behind. In HTML it also takes
   * its source line when nothing else stands there.
   */
  widenDeletion(range: Span): Span {
    if (this.syntax === 'text') return range
    let {start, end} = range
    for (;;) {
      const node = this.markup.find((candidate) => candidate.removableContent?.start === start && candidate.removableContent.end === end)
      if (!node || (node.start === start && node.end === end)) break
      start = node.start
      end = node.end
    }
    if (this.syntax === 'html') return this.withItsLine(this.withItsLineBreak({start, end}))
    // A Markdown block the deletion took whole goes with its line, as a line the text fills does (`[Read more](…)`).
    return start === range.start && end === range.end ? range : wholeLineRemoval(this.value, start, end)
  }

  /**
   * A range grown over the markup at its edges: where it starts at the start
   * of a node's content (a link's text) and holds all of it, it takes the
   * node's markup too (`[`, `](…)`, `<a href>`), and so on outwards. It never
   * takes in more text, only markup; undefined when nothing was added. A
   * line of links (`[Share on Facebook](…) | [Share on Twitter](…)`) can
   * then be deleted whole.
   */
  withMarkupAtEdges(range: Span): Span | undefined {
    if (this.syntax === 'text') return undefined
    let {start, end} = range
    for (let changed = true; changed; ) {
      changed = false
      for (const node of this.markup) {
        if (node.start >= end) break
        if (node.end <= start || (node.start >= start && node.end <= end)) continue
        const holdsContent = start <= node.contentStart && node.contentEnd <= end
        if (holdsContent && node.start < start && start === node.contentStart) {
          start = node.start
          changed = true
        }
        if (holdsContent && node.end > end && end === node.contentEnd) {
          end = node.end
          changed = true
        }
      }
    }
    return start === range.start && end === range.end ? undefined : {start, end}
  }

  /**
   * An HTML range with the `<br>` that ends it, or else the one that opens
   * it: a line of a `<br>`-separated block goes with its break, so no run of
   * empty breaks is left where it stood. A `<br>` right beside text is
   * markup, never text (text would have `&lt;br&gt;`).
   */
  private withItsLineBreak(range: Span): Span {
    if (range.start === range.end) return range
    lineBreakAfter.lastIndex = range.end
    if (lineBreakAfter.test(this.value)) return {start: range.start, end: lineBreakAfter.lastIndex}
    const before = lineBreakBefore.exec(this.value.slice(Math.max(0, range.start - 40), range.start))
    return before ? {start: range.start - before[0].length, end: range.end} : range
  }

  /** An HTML range that is all that stands on its source line (white space aside), with the line and its line break. */
  private withItsLine(range: Span): Span {
    if (range.start === range.end) return range
    const lineStart = this.value.lastIndexOf('\n', range.start - 1) + 1
    const lineBreak = this.value.indexOf('\n', range.end)
    const lineEnd = lineBreak === -1 ? this.value.length : lineBreak + 1
    const alone = this.value.slice(lineStart, range.start).trim() === '' && this.value.slice(range.end, lineEnd).trim() === ''
    return alone ? {start: lineStart, end: lineEnd} : range
  }

  /** Whether content the text leaves out (a Markdown code block) stands between two offsets of the file. */
  skipsContentBetween(from: number, to: number): boolean {
    return this.skipped.some((range) => range.start >= from && range.end <= to)
  }

  /** Whether a range of the file lies inside a web or e-mail address (see src/links.ts). */
  insideLink(range: Span): boolean {
    return insideLink(this.value, range)
  }

  /** Whether a range of the file touches code (Markdown's inline code, HTML's `<code>`), where markup is the content. */
  overlapsCode(range: Span): boolean {
    return this.code.some((code) => code.start < range.end && range.start < code.end)
  }

  /**
   * Whether replacing this range of the file leaves the markup whole:
   * always in plain text; in Markdown and HTML when the range is a whole
   * line a block's text fills (`TextLine.removal`), or when every node of
   * markup it touches (an element, an emphasis, a link) lies wholly inside
   * it or holds it inside its content. Deleting `One <b>two</b> three.` is
   * safe; deleting from before `<a href="…">` into the link's text is not.
   */
  isTextRange(range: Span): boolean {
    if (this.syntax === 'text' || wholeLines.has(range)) return true
    // An insertion (an empty range) touches the nodes around its point.
    const until = Math.max(range.end, range.start + 1)
    for (const node of this.markup) {
      if (node.start >= until) break
      if (node.end <= range.start || (range.end === range.start && node.start === range.start)) continue
      const whole = range.start <= node.start && node.end <= range.end
      const inside = node.contentStart <= range.start && range.end <= node.contentEnd
      if (!whole && !inside) return false
    }
    return true
  }

  get titles(): TextLine[] {
    this.titleCache ??= this.lines.filter((line) => line.isTitle)
    return this.titleCache
  }

  /**
   * The text lines grouped by the paragraph they belong to, in order: one
   * line each in scraped text, several in a hard-wrapped paragraph (plain
   * text's wrapped blocks, Markdown's soft line breaks). A line outside
   * every paragraph of the tree is a group of its own.
   */
  get paragraphs(): TextLine[][] {
    this.paragraphCache ??= groupByParagraph(this.lines, paragraphsOf(this.tree))
    return this.paragraphCache
  }

  /**
   * The range to delete to remove a run of lines, `first` to `last`, cleanly
   * (see `TextLine.removal`): with the blank line after it, or, at the end of
   * the text, the white space before it. In HTML, the lines' own removals
   * joined, which `emit` then checks against the markup.
   */
  removalOfLines(first: TextLine, last: TextLine): Span {
    if (first === last) return first.removal
    const whole = this.syntax === 'text' || (wholeLines.has(first.removal) && wholeLines.has(last.removal))
    if (!whole) return {start: first.removal.start, end: last.removal.end}
    const lineBreak = this.value.indexOf('\n', last.end)
    const removal = tidyLineRemoval(this.value, first.removal.start, lineBreak === -1 ? this.value.length : lineBreak + 1)
    if (this.syntax === 'markdown') wholeLines.add(removal)
    return removal
  }

  get sentences(): Sentence[] {
    // In plain text the source is the text: slicing is exact and much cheaper than nlcst-to-string.
    this.sentenceCache ??= collectSentences(this.tree, this.syntax === 'text' ? this.value : undefined)
    return this.sentenceCache
  }

  toPoint(offset: number): Point {
    const point = this.place.toPoint(Math.max(0, Math.min(offset, this.value.length)))
    return {line: point?.line ?? 1, column: point?.column ?? 1, offset}
  }
}

const lineBreakAfter = /[ \t]*<br\s*\/?>/iy
const lineBreakBefore = /<br\s*\/?>[ \t]*$/i

/** The document for a tree, built on first request and kept on the file so that every rule shares it. */
export function documentFor(tree: Root, file: VFile): Document {
  const data = file.data as {
    scrapelintSyntax?: Syntax
    scrapelintTitles?: Span[]
    scrapelintMarkup?: MarkupSpan[]
    scrapelintSkipped?: Span[]
    scrapelintDocument?: Document
  }
  let doc = data.scrapelintDocument
  // A file keeps one document; a WeakMap keyed by tree made garbage collection measurably slower.
  if (!doc || doc.tree !== tree) {
    doc = new Document(tree, file, data.scrapelintSyntax ?? 'text', data.scrapelintTitles, data.scrapelintMarkup, data.scrapelintSkipped)
    data.scrapelintDocument = doc
  }
  return doc
}

function sourceLines(value: string): TextLine[] {
  const lines: TextLine[] = []
  let start = 0
  for (;;) {
    const lineBreak = value.indexOf('\n', start)
    const next = lineBreak === -1 ? value.length : lineBreak
    const end = next > start && value.charCodeAt(next - 1) === 13 ? next - 1 : next
    const lineStart = start
    lines.push({
      text: value.slice(start, end),
      start,
      end,
      toSource: (index) => lineStart + index,
      removal: tidyLineRemoval(value, start, lineBreak === -1 ? value.length : lineBreak + 1),
      isTitle: false
    })
    if (lineBreak === -1) break
    start = lineBreak + 1
  }
  return lines
}

/** Removals that take whole source lines a block's text fills (with its Markdown markers): see `wholeLineRemoval`. */
const wholeLines = new WeakSet<Span>()

/** Lines of each block's text in Markdown and HTML, mapped back through the leaves of the tree; and where code stands. */
function blockLines(tree: Root, value: string, syntax: Syntax): {lines: TextLine[]; code: Span[]} {
  const lines: TextLine[] = []
  const code: Span[] = []
  for (const paragraph of paragraphsOf(tree)) {
    const leaves: Leaf[] = []
    let text = ''
    for (const leaf of leavesOf(paragraph)) {
      const start = leaf.position?.start.offset
      const end = leaf.position?.end.offset
      if (start === undefined || end === undefined) continue
      const leafValue = (leaf as {value: string}).value
      leaves.push({textStart: text.length, sourceStart: start, sourceEnd: end, length: leafValue.length})
      if (leaf.type === 'SourceNode') code.push({start, end})
      text += leafValue
    }
    if (leaves.length === 0) continue
    const toSource = (index: number, end = false) => mapThroughLeaves(leaves, index, end)
    let lineStart = 0
    for (const piece of text.split('\n')) {
      const from = lineStart
      const start = toSource(from)
      const end = toSource(from + piece.length, true)
      // The removal starts and ends at the line's text, not at white space from a leaf of markup around it.
      const textFrom = from + piece.length - piece.trimStart().length
      const textTo = from + piece.trimEnd().length
      const removal = textTo > textFrom ? lineRemoval(value, toSource(textFrom), toSource(textTo, true), syntax) : {start, end}
      lines.push({
        text: piece,
        start,
        end,
        toSource: (index, isEnd) => toSource(from + index, isEnd),
        removal,
        isTitle: false
      })
      lineStart += piece.length + 1
    }
  }
  return {lines, code}
}

/** A block line's removal: in Markdown, the whole source line with its markers when the text fills it; otherwise the text. */
function lineRemoval(value: string, start: number, end: number, syntax: Syntax): Span {
  if (syntax !== 'markdown') return {start, end}
  const removal = wholeLineRemoval(value, start, end)
  if (removal.start !== start || removal.end !== end) wholeLines.add(removal)
  return removal
}

/**
 * The file offset of a text index. An index between two leaves maps to the
 * start of the next leaf, unless it ends a span (`end`): then to the end of
 * the previous one, so a span never takes in the markup after it.
 */
function mapThroughLeaves(leaves: Leaf[], index: number, end: boolean): number {
  let low = 0
  let high = leaves.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    const textStart = leaves[middle]?.textStart ?? 0
    if (textStart < index || (!end && textStart === index)) low = middle
    else high = middle - 1
  }
  const leaf = leaves[low]
  if (!leaf) return 0
  const within = index - leaf.textStart
  // An entity like `&amp;` is one character of text for five of source: clamp inside such leaves.
  if (leaf.sourceEnd - leaf.sourceStart === leaf.length) return leaf.sourceStart + Math.max(0, Math.min(within, leaf.length))
  return within <= 0 ? leaf.sourceStart : leaf.sourceEnd
}

/** The whole source lines around a span when nothing else stands on them; otherwise the span itself. */
function wholeLineRemoval(value: string, start: number, end: number): Span {
  const lineStart = value.lastIndexOf('\n', start - 1) + 1
  let lineEnd = value.indexOf('\n', end)
  if (lineEnd === -1) lineEnd = value.length
  const before = value.slice(lineStart, start)
  const after = value.slice(end, lineEnd)
  // Markdown's block and emphasis markers around the text go with it (`> *Exit mobile version*`).
  if (/^[\s#>*+_-]*$/.test(before) && /^[\s*_]*$/.test(after)) {
    return tidyLineRemoval(value, lineStart, lineEnd < value.length ? lineEnd + 1 : lineEnd)
  }
  return {start, end}
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r'

/**
 * Removing whole lines should not leave a gap: lines that follow a blank
 * line (or open the text) take the blank lines after them, and the last
 * lines of the text take the blank lines before them, keeping the final line
 * break if the text had one.
 */
function tidyLineRemoval(value: string, start: number, end: number): Span {
  let next = end
  while (next < value.length && isSpace(value[next])) next++
  if (next === value.length) {
    let previous = start
    while (previous > 0 && isSpace(value[previous - 1])) previous--
    if (previous === 0) return {start: 0, end: value.length}
    const keepBreak = value.endsWith('\n') ? (value[previous] === '\r' ? 2 : 1) : 0
    return {start: previous + keepBreak, end: value.length}
  }
  const previousLineStart = start === 0 ? 0 : value.lastIndexOf('\n', start - 2) + 1
  const afterBlank = start === 0 || value.slice(previousLineStart, start).trim() === ''
  return afterBlank ? {start, end: value.lastIndexOf('\n', next - 1) + 1} : {start, end}
}

/** Text lines (blank ones left out) grouped by the paragraph whose span holds their start; both lists are in file order. */
function groupByParagraph(lines: readonly TextLine[], paragraphs: readonly Paragraph[]): TextLine[][] {
  const groups: TextLine[][] = []
  let index = 0
  let current: {end: number; lines: TextLine[]} | undefined
  for (const line of lines) {
    if (!/\S/.test(line.text)) continue
    // A paragraph may lack an end (hast-util-to-nlcst after a `</br>` that parse5 makes up): it then holds no line.
    while (index < paragraphs.length && (paragraphs[index]?.position?.end?.offset ?? 0) <= line.start) index++
    const paragraph = paragraphs[index]
    const start = paragraph?.position?.start?.offset
    const end = paragraph?.position?.end?.offset
    if (start === undefined || end === undefined || line.start < start) {
      groups.push([line])
      current = undefined
    } else if (current && current.end === end) {
      current.lines.push(line)
    } else {
      current = {end, lines: [line]}
      groups.push(current.lines)
    }
  }
  return groups
}

function paragraphsOf(tree: Root): Paragraph[] {
  const result: Paragraph[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'ParagraphNode') result.push(node)
    else if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return result
}

function leavesOf(node: Nodes): Nodes[] {
  if ('children' in node) return node.children.flatMap((child) => leavesOf(child))
  return [node]
}

function collectSentences(tree: Root, source: string | undefined): Sentence[] {
  const sentences: Sentence[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'SentenceNode') sentences.push(sentenceOf(node, source))
    else if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return sentences
}

/** A sentence and its words; their text is sliced from `source` when given, else stringified from the tree. */
function sentenceOf(node: NlcstSentence, source: string | undefined): Sentence {
  const words: Word[] = []
  for (const child of node.children) {
    if (child.type !== 'WordNode') continue
    const start = child.position?.start.offset
    const end = child.position?.end.offset
    if (start === undefined || end === undefined) continue
    // A word of one text node reads as that node's value: the tree's own string, not another copy.
    const only = child.children.length === 1 ? child.children[0] : undefined
    const text = only?.type === 'TextNode' ? only.value : source === undefined ? toString(child) : source.slice(start, end)
    words.push({text, start, end})
  }
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? 0
  return {text: source === undefined ? toString(node) : source.slice(start, end), start, end, words}
}

const closingPunctuationMark = /[.,;:]/
const closingQuoteMark = /["”’')\]]/

/**
 * A cheap test every text `titleEnding` matches passes, run before that
 * pattern (which, anchored at the end, is tried at every index): it ends
 * with `…`, or with `.` and has a full stop three or four code units from
 * its end (`...`, `U.S.`, an astral letter before the last full stop).
 */
function mayEndAsTitle(text: string): boolean {
  const last = text.charAt(text.length - 1)
  if (last === '…') return true
  return last === '.' && (text.charAt(text.length - 3) === '.' || text.charAt(text.length - 4) === '.')
}

/** Whether a trimmed text ends with `.`, `,`, `;` or `:` and any closing quotes or brackets (read from the end, not scanned from the start). */
function endsWithClosingPunctuation(text: string): boolean {
  let index = text.length - 1
  while (index >= 0 && closingQuoteMark.test(text.charAt(index))) index--
  return index >= 0 && closingPunctuationMark.test(text.charAt(index))
}
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu

const quoteMark = /["“”‘’']/u
// The end of a sentence inside the line (`… on Monday. The unarmed teen …`), not an abbreviation (`U.S. Army`, `Mr. Kim`, `Rep. Hunter`).
const sentenceBreak = /\p{Ll}{3}[.!?]["”’')\]]*\s+["“‘']?\p{Lu}/u
// Headlines may ask and answer (`… For Kim Jong Un? Sister Assumes …`), but a full stop inside ends a sentence of prose.
const fullStopBreak = /\p{Ll}{3}\.["”’')\]]*\s+["“‘']?\p{Lu}/u
const webAddress = /https?:|www\.|@|#/
// A headline may open with a quote, a bracketed tag, a hashtag or a ticker (`[UPDATED]`, `#Hairgate:`, `$YUM`), or a brand like `iPhone`.
const titleStart = /^(?:\[[^\]]{1,20}\]\s+|[#$])?["“‘’'«]?(?:[\p{Lu}\p{N}]|\p{Ll}+\p{Lu})/u
// …and close on an abbreviation (`… to the U.S.`) or an ellipsis, which are no full stop.
const titleEnding = /(?:(?<![\p{L}.])(?:\p{L}\.){2,}|\.\.\.|…)$/u

/** The fewest words a sentence-case line inside the body needs to read as a title rather than a caption or a label. */
const minimumSentenceCaseTitleWords = 8
/** The most words a title inside the body has: longer lines there are captions or unpunctuated paragraphs. */
const maximumBodyTitleWords = 30

// A wire dateline: a place in capitals, perhaps a region and an agency, and a dash (see `isLede`).
const ledeDateline = /^\p{Lu}{3,}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]+)*(?:,\s*[\p{L}.'’ ]{2,30}?)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--?)\s+/uy
const ledeMinimumWords = 10
// Where a photo caption points at the picture (`Paul Tudor Jones (pictured)`, `Seth Rogen, left, is …`): a headline never does.
const photoCaptionCue = /\((?:pictured|inset)\)|,\s(?:left|right|centre|center|pictured),/i

/**
 * Whether a line is a wire story's first sentence, which opens with its
 * dateline: a place in capitals, perhaps a region and an agency, a dash,
 * then a sentence (`BEIRUT — Islamic State group jihadists are being
 * trained …`, `WASHINGTON (Reuters) - The Senate passed …`). A short line
 * after such a label is a headline still (`NASA — Artemis II Crew Named for
 * Moon Flyby`).
 */
function isLede(text: string): boolean {
  ledeDateline.lastIndex = 0
  if (!ledeDateline.test(text)) return false
  return (text.slice(ledeDateline.lastIndex).match(wordPattern)?.length ?? 0) >= ledeMinimumWords
}

/**
 * Whether a line reads as a headline: title-like length and case, no
 * closing sentence punctuation, no full stop ending a sentence inside. In
 * the head of the text (`first`) any case will do; inside the body a
 * one-sentence line of at most 30 words in title case does, and so does a
 * line in sentence case that stands between two paragraphs of prose
 * (`betweenProse`), has at least eight words and no quotation or web
 * address: prose lines end with punctuation, so such a line is a heading
 * the scraper kept.
 */
export function readsAsTitle(text: string, {first, betweenProse = false}: {first: boolean; betweenProse?: boolean}): boolean {
  const trimmed = text.trim()
  // The cheap tests at the line's edges first: most lines of prose fail them.
  if (trimmed.length < 10 || trimmed.length > 300 || !titleStart.test(trimmed)) return false
  if (endsWithClosingPunctuation(trimmed) && !(mayEndAsTitle(trimmed) && titleEnding.test(trimmed))) return false
  if (fullStopBreak.test(trimmed)) return false
  const words = trimmed.match(wordPattern) ?? []
  if (words.length < 3 || words.length > 45) return false
  // Scraped texts often open with, or carry between paragraphs, lines that look like headlines and are not: a date alone
  // ("Monday 08 September 2014"), a known piece of page furniture ("Skip to main content"), a wire lede, a photo caption.
  if (isDateline(trimmed) || isBoilerplatePhrase(trimmed) || isLede(trimmed) || photoCaptionCue.test(trimmed)) return false
  if (first) return true
  if (words.length > maximumBodyTitleWords || sentenceBreak.test(trimmed)) return false
  const long = words.filter((word) => word.length >= 4)
  const capitalised = long.filter((word) => /^\p{Lu}/u.test(word))
  if (long.length > 0 && capitalised.length / long.length >= 0.5) return true
  return (
    betweenProse &&
    words.length >= minimumSentenceCaseTitleWords &&
    !quoteMark.test(trimmed.replace(/(?<=\p{L})[’'](?=\p{L})/gu, '')) &&
    !webAddress.test(trimmed)
  )
}

function markTitles(lines: TextLine[], titleRanges: Span[], syntax: Syntax): void {
  if (syntax !== 'text') {
    for (const line of lines) {
      line.isTitle = titleRanges.some((range) => line.start >= range.start && line.end <= range.end)
    }
    return
  }
  // Lines before the first line of prose are the head of the article: a title there may be in sentence case.
  let seenProse = false
  const nextText = textLinesAfter(lines)
  let previousText: TextLine | undefined
  lines.forEach((line, index) => {
    if (!/\S/.test(line.text)) return
    const first = !seenProse
    if (isProse(line)) seenProse = true
    const standsAlone = isBlank(lines[index - 1]) && isBlank(lines[index + 1])
    const ownParagraph = standsAlone || !/^\s*\p{Ll}/u.test(lines[index + 1]?.text ?? '')
    const betweenProse = isProse(previousText) && isProse(nextText[index])
    line.isTitle = ownParagraph && readsAsTitle(line.text, {first, betweenProse})
    previousText = line
  })
}

const sentenceEndMark = /[.!?]/
const closingMark = /["”’')\]]/

/** Whether a text ends a sentence: `.`, `!` or `?`, then closing quotes or brackets and white space (read from the end, not scanned from the start). */
function endsSentence(text: string): boolean {
  const trimmed = text.trimEnd()
  let index = trimmed.length - 1
  while (index >= 0 && closingMark.test(trimmed.charAt(index))) index--
  return index >= 0 && sentenceEndMark.test(trimmed.charAt(index))
}

function isProse(line: TextLine | undefined): boolean {
  return line !== undefined && endsSentence(line.text)
}

/** For each line, the next line with text after it. */
function textLinesAfter(lines: TextLine[]): Array<TextLine | undefined> {
  const after: Array<TextLine | undefined> = []
  let next: TextLine | undefined
  for (let index = lines.length - 1; index >= 0; index--) {
    after[index] = next
    const line = lines[index]
    if (line && /\S/.test(line.text)) next = line
  }
  return after
}

function isBlank(line: TextLine | undefined): boolean {
  return !line || !/\S/.test(line.text)
}
