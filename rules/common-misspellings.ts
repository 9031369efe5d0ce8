import {createRequire} from 'node:module'
import {defineRule} from '../src/define-rule.js'
import {lazily, loadData} from '../src/data.js'
import {option} from '../src/options.js'
import {builtInWatchList, inCaseOf, prepareNames, isAllCaps, isCommonWord, isMarkedSic, readNames, talksAboutSpelling} from '../src/mentions.js'
import type {Span, Word} from '../src/document.js'

interface MisspellingsPackage {
  dict(options?: {lowerCase?: boolean}): Record<string, string>
}

interface AllowData {
  words: string[]
}

interface Entry {
  corrections: string[]
  /** The list writes the misspelling with a capital: a proper noun ("Ukranian", "Phillipines"). */
  proper: boolean
}

interface Misspellings {
  entries: Map<string, Entry>
  /**
   * A bit for each shape of entry: its length and its first two and last two
   * characters (ASCII, lower case), hashed into 65,536 bits. A word whose
   * shape has no bit is no entry and is not looked up at all, which spares a
   * map look-up on about nine words in ten of the FNC-1 news bodies.
   */
  shapes: Uint32Array
}

/**
 * Wikipedia's list of common misspellings, from the `misspellings` package,
 * keyed in lower case. Left out: misspellings that are also ordinary English
 * words ("loosing", "planed": a real-word error needs context to call) and
 * the words in rules/data/misspellings-allow.yml.
 */
const misspellings = lazily((): Misspellings => {
  const list = (createRequire(import.meta.url)('misspellings') as MisspellingsPackage).dict()
  const allowed = new Set((loadData('misspellings-allow.yml') as AllowData).words.map((word) => word.toLowerCase()))
  const entries = new Map<string, Entry>()
  for (const [wrong, right] of Object.entries(list)) {
    const key = wrong.toLowerCase()
    if (!/^[\p{L}'-]+$/u.test(wrong) || allowed.has(key) || isCommonWord(key)) continue
    entries.set(key, {corrections: right.split(',').map((word) => word.trim()), proper: /^\p{Lu}/u.test(wrong)})
  }
  const shapes = new Uint32Array(2048)
  for (const key of entries.keys()) {
    const shape = shapeOf(key)
    // A key with other characters at its edges is found through `mayBeListed`'s fallback, which looks such words up.
    if (shape >= 0) shapes[shape >>> 5] = (shapes[shape >>> 5] ?? 0) | (1 << (shape & 31))
  }
  return {entries, shapes}
})

/** ASCII capitals to lower case; other code units unchanged. */
function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code
}

/** A word's shape in lower case, a number below 65,536: -1 when one of its edge characters is not ASCII. */
function shapeOf(text: string): number {
  const length = text.length
  const a = lowerCode(text.charCodeAt(0))
  const b = lowerCode(text.charCodeAt(Math.min(1, length - 1)))
  const c = lowerCode(text.charCodeAt(Math.max(length - 2, 0)))
  const d = lowerCode(text.charCodeAt(length - 1))
  if ((a | b | c | d) >= 128) return -1
  return (((((a * 31 + b) * 31 + c) * 31 + d) * 31 + length) >>> 0) & 0xffff
}

/**
 * Whether a word, as written or in lower case, may be an entry: false only
 * when no entry has its shape (length, first two and last two letters). Lower-casing
 * keeps a word's length, but for `İ`, which lowers to a combining dot no
 * entry holds; a word starting or ending outside ASCII is always looked up.
 */
function mayBeListed(text: string, shapes: Uint32Array): boolean {
  const shape = shapeOf(text)
  if (shape < 0) return true
  return ((shapes[shape >>> 5] ?? 0) & (1 << (shape & 31))) !== 0
}

const wordPiece = /[\p{L}]+(?:['’][\p{L}]+)*/gu
const hasJoiner = /[-'’\u2010\u2011]/u

/** The letter runs of a word ("sargeant" and "at" and "arms" of "sargeant-at-arms"), with their offsets. */
function piecesOf(text: string): Array<{text: string; at: number}> {
  return [...text.matchAll(wordPiece)].map((match) => ({text: match[0], at: match.index}))
}

function inside(span: Span, spans: readonly Span[]): boolean {
  return spans.some((other) => span.start >= other.start && span.end <= other.end)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export default defineRule({
  id: 'common-misspellings',
  kind: 'names',
  summary:
    'Warn on commonly misspelled words, demonyms and place names (“Ukranian”, “Phillipines”, “goverment”) from Wikipedia’s list of common misspellings',
  recommended: true,
  options: {
    allow: option.strings({default: [], description: 'Spellings never to report'})
  },
  examples: [
    {name: 'ok', input: 'Russia needs equipment for the war in Ukraine, Ukrainian officials said.\n'},
    {
      name: 'demonym',
      input: 'Russia is in need of much-needed military equipment for the war in Ukranian.\n',
      output: ['1:68-1:76 common-misspellings Misspelled `Ukranian`, expected `Ukrainian`'],
      fixed: 'Russia is in need of much-needed military equipment for the war in Ukrainian.\n'
    },
    {
      name: 'common-word',
      input: 'The goverment said it would recieve the aid.\n',
      output: [
        '1:5-1:14 common-misspellings Misspelled `goverment`, expected `government`',
        '1:29-1:36 common-misspellings Misspelled `recieve`, expected `receive`'
      ],
      fixed: 'The government said it would receive the aid.\n'
    },
    {
      name: 'several-choices-no-fix',
      input: 'They wrote alot about the summit.\n',
      output: ['1:12-1:16 common-misspellings Misspelled `alot`, expected `a lot` or `allot`']
    },
    {name: 'ok-real-word-errors-are-left-alone', input: 'He was loosing ground, and the road was planed.\n'},
    {name: 'ok-capitalised-inside-a-name', input: 'The visit was led by Ambassador Alot Mayen.\n'},
    {name: 'ok-inside-a-link', input: 'Source: https://www.example.com/2023/09/ukranian-refugees-return/ (write to goverment@example.org).\n'},
    {name: 'allowed', options: {allow: ['goverment']}, input: 'The goverment said so.\n'}
  ],
  prepare() {
    misspellings()
    prepareNames()
  },
  check(doc, options, report) {
    const allowed = new Set(options.allow.map((word) => word.toLowerCase()))
    const {entries: list, shapes} = misspellings()
    // Computed only when a listed misspelling turns up, which most texts never do.
    let context: {known: Span[]; titles: Span[]} | undefined
    const contextOf = () => (context ??= {known: readNames(doc).known, titles: doc.titles.map(({start, end}) => ({start, end}))})

    const consider = (word: Word, index: number, piece: {text: string; at: number}) => {
      const text = piece.text.replace(/’/g, "'")
      const key = text.toLowerCase()
      const entry = list.get(key)
      if (!entry || allowed.has(key) || builtInWatchList().knownKeys.has(key)) return
      const start = word.start + piece.at
      const span = {start, end: start + piece.text.length}
      const {known, titles} = contextOf()
      if (inside(span, known) || isMarkedSic(doc.value, span.end) || talksAboutSpelling(doc, span.start)) return
      const capital = /^\p{Lu}/u.test(text)
      const inTitle = inside(span, titles)
      // A lower-case entry written with a capital mid-sentence (not at a sentence's start or in a headline) is likely a name ("Alot Mayen").
      if (!entry.proper && capital && !isAllCaps(text) && index !== 0 && !inTitle) return
      if (!entry.proper && isAllCaps(text) && text.length > 1 && !inTitle) return
      const corrections = entry.corrections.map((correction) =>
        isAllCaps(text) && text.length > 1 ? correction.toUpperCase() : capital && !entry.proper ? capitalise(correction) : inCaseOf(text, correction)
      )
      report({
        ...span,
        reason: `Misspelled \`${piece.text}\`, expected ${corrections.map((correction) => `\`${correction}\``).join(' or ')}`,
        expected: corrections,
        note: 'From Wikipedia’s list of common misspellings (the `misspellings` package)'
      })
    }

    for (const sentence of doc.sentences) {
      const words = sentence.words
      for (let index = 0; index < words.length; index++) {
        const word = words[index] as Word
        const text = word.text
        // Most words fit no entry's shape, and most others are in lower case: at most one map look-up, no allocation.
        const listed = mayBeListed(text, shapes)
        if (listed && list.has(text)) {
          consider(word, index, {text, at: 0})
          continue
        }
        if (!hasJoiner.test(text)) {
          // A word that starts in lower case was looked up as it is; only capitalised words need lowering.
          const first = text.charCodeAt(0)
          if (listed && (first < 97 || first > 122) && list.has(text.toLowerCase())) consider(word, index, {text, at: 0})
          continue
        }
        for (const piece of piecesOf(text)) consider(word, index, piece)
      }
    }
  }
})
