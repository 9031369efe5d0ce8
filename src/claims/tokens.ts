import {stemmer} from 'stemmer'
import type {Document, Sentence} from '../document.js'
import {mentionsOf, stopwords} from '../mentions.js'
import {cueLists} from './cues.js'

/** A word of a sentence, as the claim detectors read it. */
export interface Token {
  text: string
  start: number
  end: number
  /** Lower case, curly apostrophes straightened, a possessive `'s` dropped. */
  lower: string
  /** What two versions compare: the Porter stem of a content word, the lower form of any other. */
  key: string
  /** Not a stop word, and has a letter or digit. */
  content: boolean
  /** Inside a capitalised run that `mentionsOf` found (may still be a sentence-initial common word). */
  name: boolean
  /** Which mention of the document the word belongs to (-1 for none): words of one name share it. */
  mention: number
  /** The mention's first word opens its sentence. */
  sentenceInitial: boolean
  /** A comparable value for numbers (`5`, `$5000000000`, `4th`, `1:year`), else undefined. */
  number: string | undefined
}

export interface SentenceTokens {
  index: number
  start: number
  end: number
  text: string
  tokens: Token[]
  /** Keys of the content tokens. */
  keys: Set<string>
  /** The sentence's words, lower case and space-joined: equal for sentences that read the same. */
  normalized: string
}

const letterOrDigit = /[\p{L}\p{N}]/u
const digits = /^\d[\d.]*$/
const numberWithUnit = /^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|%|th|st|nd|rd)?$/i
const multipliers: Record<string, number> = {k: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, b: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12}

/** Lower case with typographic apostrophes straightened and a possessive dropped. */
export function lowerOf(text: string): string {
  const lower = text.toLowerCase()
  // Most words have no apostrophe: skip the replacements for them.
  if (!/['’‘]/.test(lower)) return lower
  return lower.replace(/[’‘]/g, "'").replace(/'s$/, '').replace(/s'$/, 's')
}

const stemCache = new Map<string, string>()

/** The Porter stem of a lower-case word, cached: news text repeats its words. */
export function stemOf(lower: string): string {
  let stem = stemCache.get(lower)
  if (stem === undefined) {
    stem = stemmer(lower)
    if (stemCache.size > 100_000) stemCache.clear()
    stemCache.set(lower, stem)
  }
  return stem
}

/**
 * The comparable value of a number word or numeral: digits with a unit
 * (`5bn`), a cardinal or ordinal word, or a hyphenated numeral compound
 * (`one-year`, which keeps its unit so that `one-month` differs).
 */
function numberKey(lower: string): string | undefined {
  const {cardinals, ordinals} = cueLists()
  if (!/\d/.test(lower) && !cardinals.has(lower) && !ordinals.has(lower) && !lower.includes('-')) return undefined
  const plain = lower.replace(/,/g, '')
  const unit = numberWithUnit.exec(plain)
  if (unit) {
    const value = Number(unit[1])
    const suffix = (unit[2] ?? '').toLowerCase()
    if (suffix in multipliers) return String(value * (multipliers[suffix] ?? 1))
    if (['th', 'st', 'nd', 'rd'].includes(suffix)) return `${value}th`
    return `${value}${suffix}`
  }
  if (digits.test(plain)) return plain
  const cardinal = cardinals.get(plain)
  if (cardinal !== undefined) return String(cardinal)
  const ordinal = ordinals.get(plain)
  if (ordinal !== undefined) return `${ordinal}th`
  const [head, ...rest] = plain.split('-')
  if (head && rest.length > 0) {
    const value = cardinals.get(head) ?? (digits.test(head) ? Number(head) : undefined)
    if (value !== undefined) return `${value}:${rest.join('-')}`
    const ordinalValue = ordinals.get(head)
    if (ordinalValue !== undefined) return `${ordinalValue}th:${rest.join('-')}`
  }
  return undefined
}

/** Tokens of every sentence of a document, computed once per document. */
const cache = new WeakMap<Document, SentenceTokens[]>()

export function sentencesOf(doc: Document): SentenceTokens[] {
  let result = cache.get(doc)
  if (!result) {
    result = buildSentences(doc)
    cache.set(doc, result)
  }
  return result
}

interface NameWord {
  mention: number
  sentenceInitial: boolean
}

/**
 * Words of names, by offset. Stop words and pronouns (`She`, `When`,
 * `Towards` after a colon) are never names, nor is a lone month or weekday:
 * that is a time, and the time detector reads it.
 */
function nameWords(doc: Document): Map<number, NameWord> {
  const {timeTriggers, functionWords} = cueLists()
  const names = new Map<number, NameWord>()
  mentionsOf(doc).forEach((mention, id) => {
    const words = mention.words.filter((word) => !stopwords.has(lowerOf(word.text)) && !functionWords.has(lowerOf(word.text)))
    if (words.length === 1 && timeTriggers.has(lowerOf(words[0]?.text ?? ''))) return
    for (const word of words) names.set(word.start, {mention: id, sentenceInitial: mention.sentenceInitial && word === mention.words[0]})
  })
  return names
}

function buildSentences(doc: Document): SentenceTokens[] {
  const names = nameWords(doc)
  return doc.sentences.map((sentence, index) => tokensOf(doc, sentence, index, names))
}

function tokensOf(doc: Document, sentence: Sentence, index: number, names: Map<number, NameWord>): SentenceTokens {
  const {functionWords} = cueLists()
  const tokens: Token[] = []
  const words = sentence.words
  for (let at = 0; at < words.length; at++) {
    const word = words[at]
    if (!word) continue
    let start = word.start
    let end = word.end
    let text = word.text
    // `5,000` and `5 million` are one number; a currency sign before it belongs to it.
    while (/^\d[\d,.]*$/.test(text)) {
      const next = words[at + 1]
      if (!next) break
      const between = doc.value.slice(end, next.start)
      const joinsDigits = between === ',' && /^\d{3}\b/.test(next.text)
      const joinsScale = /^\s+$/.test(between) && /^(million|billion|trillion|thousand)$/i.test(next.text)
      if (!joinsDigits && !joinsScale) break
      text = joinsDigits ? text + ',' + next.text : text + next.text.toLowerCase().replace(/^(m|b|t)\w+$/, (scale) => multiplierSuffix(scale))
      end = next.end
      at++
    }
    const currency = /[$€£¥]/.test(doc.value[start - 1] ?? '') ? doc.value[start - 1] ?? '' : ''
    const lower = lowerOf(text)
    const number = numberKey(lower.replace(/%$/, ''))
    if (currency && number !== undefined) start--
    const percent = doc.value[end] === '%' ? '%' : ''
    const content = letterOrDigit.test(lower) && !stopwords.has(lower) && !functionWords.has(lower) && !lower.endsWith("n't")
    const nameWord = names.get(word.start)
    tokens.push({
      text: doc.value.slice(start, end),
      start,
      end,
      lower,
      key: number !== undefined ? `#${currency}${number}${percent}` : content ? stemOf(lower) : lower,
      content,
      name: nameWord !== undefined,
      mention: nameWord?.mention ?? -1,
      sentenceInitial: nameWord?.sentenceInitial ?? false,
      number: number === undefined ? undefined : `${currency}${number}${percent}`
    })
  }
  return {
    index,
    start: sentence.start,
    end: sentence.end,
    text: doc.value.slice(sentence.start, sentence.end),
    tokens,
    keys: new Set(tokens.filter((token) => token.content).map((token) => token.key)),
    normalized: tokens.map((token) => token.lower).join(' ')
  }
}

function multiplierSuffix(scale: string): string {
  return scale.startsWith('m') ? 'm' : scale.startsWith('b') ? 'bn' : scale.startsWith('t') && scale !== 'thousand' ? 'tn' : 'k'
}
