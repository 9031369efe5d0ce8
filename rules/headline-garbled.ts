import escapeRegExp from 'escape-string-regexp'
import {stemmer} from 'stemmer'
import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import type {Span, Word} from '../src/document.js'
import {headBodyOf, formOf, prepareHeadlines, headRegionOf, isAllCaps, isCommonWord, isNameLike, isStopword, relatedness, termMatches, termsOf, titlesOf, type Body, type Title} from '../src/headlines.js'
import {option} from '../src/options.js'

interface TemplateEntry {
  phrase: string
  source: string
}

interface Template {
  pattern: RegExp
  /** A pattern with gaps (`implications of … on the … of the`) is a stack of stock phrases by itself. */
  stacked: boolean
  /** The phrase's longest word: a title without it cannot match, which spares trying every pattern on every title. */
  keyword: string
}

interface Reduplications {
  words: string[]
  names: string[]
}

export type SignalKind = 'doubled' | 'foreign' | 'unmentioned' | 'template' | 'colons' | 'repeated' | 'malformed' | 'length'

/** One sign that a headline is garbled: how strong it is, what it says in plain words, and where. */
export interface Signal {
  kind: SignalKind
  strong: boolean
  /** Plain words for the message, source text in backticks. */
  says: string
  places: Array<Span & {message: string}>
}

const wordChar = '[\\p{L}\\p{N}]'
const hasLetter = /\p{L}/u
const hasLetterOrDigit = /[\p{L}\p{N}]/u
const numberCompound = /^\d[\d,.]*-(\p{L}+)/u
const defaultMaxWords = 18
const minimumJoinedPartWords = 5
const minimumCapitalisedDouble = 5
/** A heading of more words is a paragraph or a caption set as one (a pull quote in `<h2>`): it is not judged as a headline. */
const maximumJudgedWords = 30
/** Names missing from a shorter body say little: a teaser or a caption leaves most names out. */
const minimumNameBodyWords = 50
const minimumUnmentionedNames = 2
/** A colon-joined part scoring below this against the article, beside a part scoring at least `relatedPartScore`, is foreign to it. */
const foreignPartScore = 0.15
const relatedPartScore = 0.3
/** A first part shorter than this before a colon is a label (`MORE:`, `Update:`, `Kim Jong-un:`), not a part of its own. */
const minimumPartWords = 3

const templateEntries = loadData('headline-templates.yml') as TemplateEntry[]
const templates = templateEntries.map((entry) => compileTemplate(entry.phrase))
const numberWords = new Set((loadData('headline-number-words.yml') as string[]).map((word) => stemmer(String(word).toLowerCase())))
const reduplications = loadData('reduplications.yml') as Reduplications
const legitimateDoubles = new Set([
  ...reduplications.words.map((word) => word.toLowerCase()),
  ...reduplications.names.map((name) => name.toLowerCase().split(/\s+/)[0] ?? '')
])

/** `implications of … on the` → a case-insensitive pattern on whole words, each `…` one to six words, and its longest word. */
function compileTemplate(phrase: string): Template {
  const segments = phrase
    .split('…')
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0)
  const body = segments.map((segment) => `(${segment.split(/\s+/).map((word) => escapeRegExp(word)).join('\\s+')})`).join('(?:\\s+\\S+){1,6}?\\s+')
  const keyword = phrase
    .toLowerCase()
    .split(/[\s…]+/)
    .reduce((longest, word) => (word.length > longest.length ? word : longest), '')
  return {pattern: new RegExp(`(?<!${wordChar})${body}(?!${wordChar})`, 'iu'), stacked: segments.length > 1, keyword}
}

const templateCache = new WeakMap<readonly string[], Template[]>()

function templatesFor(extra: readonly string[]): Template[] {
  if (extra.length === 0) return templates
  let compiled = templateCache.get(extra)
  if (!compiled) {
    compiled = [...templates, ...extra.map((phrase) => compileTemplate(phrase))]
    templateCache.set(extra, compiled)
  }
  return compiled
}

const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
const quoted = (text: string) => `\`${text}\``
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function textOf(title: Title, span: Span): string {
  return title.value.slice(span.start, span.end)
}

/** A word written twice in a row (`Strategic Strategic`), the classic spinner slip: a strong sign. */
function doubledWords(title: Title): Signal | undefined {
  const places: Signal['places'] = []
  const shown: string[] = []
  title.words.forEach((word, index) => {
    const next = title.words[index + 1]
    if (!next || !hasLetter.test(word.text)) return
    if (!/^[ \t\u00A0]+$/.test(title.value.slice(word.end, next.start))) return
    const form = word.text.toLowerCase()
    if (form !== next.text.toLowerCase() || legitimateDoubles.has(form)) return
    // `IS is` is two words; and short capitalised doubles are mostly names (`Bío Bío`, `Mya Mya`), as repeated-words holds.
    if (word.text !== next.text && word.text !== capitalise(next.text)) return
    // Short capitalised doubles are mostly names (`Bío Bío`, `Mya Mya`), as repeated-words holds, unless the word is a common one (`Says Says`).
    if (/^\p{Lu}/u.test(next.text) && [...word.text].length < minimumCapitalisedDouble && !isCommonWord(word.text)) return
    places.push({start: word.start, end: next.end, message: `\`${word.text}\` written twice in a row`})
    shown.push(quoted(word.text))
  })
  if (places.length === 0) return undefined
  return {kind: 'doubled', strong: true, says: `repeats ${listed(shown)} twice in a row`, places}
}

const isContentWord = (text: string) => !isStopword(text) && (text.match(/\p{L}/gu) ?? []).length >= 3

/** Content words or two-word phrases used twice apart (`Cold War … Cold War`): real headlines seldom do, a weak sign. */
function repeatedWords(title: Title): Signal | undefined {
  const words = title.words
  const forms = words.map((word) => formOf(word.text))
  const joined = (index: number) => /^[ \t\u00A0]+$/.test(title.value.slice(words[index]?.end ?? 0, words[index + 1]?.start ?? 0))
  const used = new Set<number>()
  const places: Signal['places'] = []
  const shown: string[] = []
  const firstOf = new Map<string, number>()
  let phrase = false
  // Two-word phrases first, so that `Cold War` is one repeat rather than two.
  for (let index = 0; index + 1 < words.length; index++) {
    const current = words[index]
    const next = words[index + 1]
    if (!current || !next || !joined(index) || !isContentWord(current.text) || !isContentWord(next.text)) continue
    const key = `${forms[index]} ${forms[index + 1]}`
    const earlier = firstOf.get(key)
    if (earlier === undefined) {
      firstOf.set(key, index)
    } else if (earlier + 1 < index && !used.has(earlier) && !used.has(index)) {
      for (const at of [earlier, earlier + 1, index, index + 1]) used.add(at)
      phrase = true
      shown.push(quoted(textOf(title, {start: words[earlier]?.start ?? 0, end: words[earlier + 1]?.end ?? 0})))
      places.push(
        {start: words[earlier]?.start ?? 0, end: words[earlier + 1]?.end ?? 0, message: 'first use'},
        {start: current.start, end: next.end, message: 'used again'}
      )
    }
  }
  const firstWord = new Map<string, number>()
  words.forEach((word, index) => {
    const form = forms[index] ?? ''
    if (used.has(index) || !isContentWord(word.text)) return
    const earlier = firstWord.get(form)
    if (earlier === undefined) {
      firstWord.set(form, index)
      return
    }
    // A word next to itself is `doubledWords`' business.
    if (earlier + 1 === index || used.has(earlier)) return
    used.add(earlier)
    used.add(index)
    const first = words[earlier]
    shown.push(quoted(first?.text ?? word.text))
    places.push({start: first?.start ?? word.start, end: first?.end ?? word.end, message: 'first use'}, {start: word.start, end: word.end, message: 'used again'})
  })
  // One word used twice is ordinary in a long headline (`Police find … after police clash`); a phrase or several words are not.
  if (shown.length === 0 || (shown.length === 1 && places.length === 2 && !phrase)) return undefined
  return {kind: 'repeated', strong: false, says: `uses ${listed(shown)} twice`, places}
}

function isKnown(word: string, body: Body): boolean {
  if (body.forms.has(formOf(word))) return true
  const terms = termsOf(word)
  return terms.length > 0 && terms.every((term) => body.terms.has(term))
}

/**
 * The title's name mentions, and any capitalised word of it that no mention
 * covers standing alone: the mention model may leave a word out (a
 * hyphenated one such as `SPS-S`), and a name left out is a name missed.
 */
function namesIn(title: Title): Array<{words: Word[]}> {
  const names: Array<{words: Word[]}> = [...title.mentions]
  let next = 0
  for (const word of title.words) {
    while (next < title.mentions.length && (title.mentions[next]?.end ?? 0) <= word.start) next++
    const mention = title.mentions[next]
    const covered = mention !== undefined && word.start >= mention.start && word.end <= mention.end
    if (!covered && /^\p{Lu}/u.test(word.text)) names.push({words: [word]})
  }
  return names
}

/**
 * Names in the headline that the article never mentions (`Central Powers`,
 * `SPS-S`): within a run of capitalised words, each stretch of words the
 * body lacks in any form that holds a name-like word. One is a weak sign
 * (headlines do add a name now and then), three or more a strong one.
 */
function unmentionedNames(title: Title, body: Body): Signal | undefined {
  const places: Signal['places'] = []
  const shown: string[] = []
  const seen = new Set<string>()
  const allCaps = isAllCaps(title.text)
  for (const mention of namesIn(title)) {
    let stretch: Word[] = []
    const close = () => {
      const first = stretch[0]
      const last = stretch.at(-1)
      if (first && last && stretch.some((word) => isNameLike(word.text, {allCaps}) && !isKnown(word.text, body))) {
        const span = {start: first.start, end: last.end}
        const text = textOf(title, span)
        const key = formOf(text)
        if (!seen.has(key)) {
          seen.add(key)
          shown.push(quoted(text))
          places.push({...span, message: `\`${text}\` is not in the article`})
        }
      }
      stretch = []
    }
    for (const word of mention.words) {
      if (body.forms.has(formOf(word.text)) || isStopword(word.text)) close()
      else stretch.push(word)
    }
    close()
  }
  // One name the article lacks is common in real news (a headline names a place or a person the text calls otherwise).
  if (places.length < minimumUnmentionedNames) return undefined
  return {
    kind: 'unmentioned',
    strong: places.length >= 3,
    says: `names ${listed(shown)}, which the article never mentions`,
    places
  }
}

/** A number joined to a word that does not count anything (`21-nuclear`): a weak sign. */
function malformedTokens(title: Title): Signal | undefined {
  const places: Signal['places'] = []
  const shown: string[] = []
  for (const word of title.words) {
    const match = numberCompound.exec(word.text)
    if (!match || numberWords.has(stemmer((match[1] ?? '').toLowerCase()))) continue
    places.push({start: word.start, end: word.end, message: 'a number joined to a word that counts nothing'})
    shown.push(quoted(word.text))
  }
  if (places.length === 0) return undefined
  return {kind: 'malformed', strong: false, says: `has the malformed ${places.length > 1 ? 'words' : 'word'} ${listed(shown)}`, places}
}

/** Stock phrases of academic titles (`Towards a`): one is a weak sign, two or a stacked pattern a strong one. */
function templatePhrases(title: Title, extra: readonly string[]): Signal | undefined {
  const words = new Set(title.words.map((word) => word.text.toLowerCase()))
  const found: Array<Span & {shown: string; stacked: boolean}> = []
  for (const template of templatesFor(extra)) {
    if (!words.has(template.keyword)) continue
    const match = template.pattern.exec(title.text)
    if (!match) continue
    const start = match.index
    const end = start + match[0].length
    const shown = match.slice(1).join(' … ')
    found.push({start, end, shown, stacked: template.stacked})
  }
  // Keep the longest of overlapping matches: `implications of … on the … of the` over `implications of`.
  found.sort((a, b) => b.end - b.start - (a.end - a.start))
  const kept: typeof found = []
  for (const candidate of found) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end)) kept.push(candidate)
  }
  if (kept.length === 0) return undefined
  kept.sort((a, b) => a.start - b.start)
  const strong = kept.length >= 2 || kept.some((match) => match.stacked)
  const shown = kept.map((match) => quoted(match.shown))
  return {
    kind: 'template',
    strong,
    says: strong ? `stacks the stock phrases ${listed(shown)}` : `uses the stock phrase ${listed(shown)}`,
    places: kept.map((match) => ({
      start: title.toSource(match.start),
      end: title.toSource(match.end, true),
      message: 'stock phrase of academic titles'
    }))
  }
}

/** Colons that join parts: not those of a time, a ratio or a web address, nor those inside quotation marks. */
function joiningColons(text: string): number[] {
  const colons: number[] = []
  if (!text.includes(':')) return colons
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? ''
    const before = text[index - 1] ?? ' '
    const after = text[index + 1] ?? ' '
    // A straight quote opens after a space or at the start, and closes otherwise; an apostrophe inside a word does neither.
    if (/[“‘]/.test(char) || (/["']/.test(char) && /\s/.test(before) && !/\s/.test(after))) quoted = true
    else if (/[”"]/.test(char) || (/[’']/.test(char) && !/[\p{L}\p{N}]/u.test(after))) quoted = false
    if (char !== ':' || quoted) continue
    if ((/\d/.test(before) && /\d/.test(after)) || after === '/') continue
    colons.push(index)
  }
  return colons
}

function shortened(part: string): string {
  const words = part.trim().split(/\s+/)
  return words.length <= 5 ? part.trim() : `${words.slice(0, 4).join(' ')} …`
}

const wordsIn = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length

/**
 * Parts joined by colons, after any short labels that open the headline
 * (`MORE: Kim Jong-un: …`). Three or more parts (`… global power: To Run the
 * World: the Kremlin’s …`) is a strong sign: none of the 8,000 real
 * headlines has them. Two parts of five words or more each, two headlines
 * run together, is a weak one (23 of the 8,000 real headlines).
 */
function joinedParts(title: Title): Signal | undefined {
  let colons = joiningColons(title.text)
  let from = 0
  while (colons.length > 0 && wordsIn(title.text.slice(from, colons[0])) < minimumPartWords) {
    from = (colons[0] ?? 0) + 1
    colons = colons.slice(1)
  }
  if (colons.length === 0) return undefined
  const parts: string[] = []
  for (const at of [...colons, title.text.length]) {
    parts.push(title.text.slice(from, at))
    from = at + 1
  }
  // Parts of text, not figures (`Service Charge: $46,261.62 Total: $303,270.62`).
  const strong = colons.length >= 2 && parts.every((part) => (part.match(/\p{L}+/gu) ?? []).length >= 2)
  if (!strong && !parts.every((part) => wordsIn(part) >= minimumJoinedPartWords)) return undefined
  const shown = parts.map((part) => quoted(shortened(part))).join(' : ')
  return {
    kind: 'colons',
    strong,
    says: strong ? `strings ${parts.length} parts together with colons (${shown})` : `joins two headline-length parts with a colon (${shown})`,
    places: colons.map((at) => ({start: title.toSource(at), end: title.toSource(at + 1, true), message: 'colon joining two parts'}))
  }
}

/**
 * A part after a colon that shares next to nothing with the article while
 * another part is about it: two headlines run together, the second from
 * another story. A strong sign, looked for in head titles only; a quotation
 * is left alone, as the article need not repeat it.
 */
function foreignPart(title: Title, body: Body): Signal | undefined {
  const colons = joiningColons(title.text)
  if (colons.length === 0) return undefined
  const bounds = [-1, ...colons, title.text.length]
  const parts: Array<Span & {text: string; score: number}> = []
  for (let index = 0; index + 1 < bounds.length; index++) {
    const span = trimmedPart(title, (bounds[index] ?? 0) + 1, bounds[index + 1] ?? 0)
    const words = title.words.filter((word) => word.start >= span.start && word.end <= span.end)
    const matches = termMatches(words, body)
    if (words.length < minimumJoinedPartWords || matches.length < 2) continue
    parts.push({...span, text: textOf(title, span), score: relatedness(matches)})
  }
  // A quotation may be a line the article does not repeat; a first part may be a kicker (`This Week in Weird News:`).
  const foreign = parts.slice(1).filter((part) => part.score < foreignPartScore && !/^["“‘']/u.test(part.text))
  if (foreign.length === 0 || !parts.some((part) => part.score >= relatedPartScore)) return undefined
  return {
    kind: 'foreign',
    strong: true,
    says: `joins ${listed(foreign.map((part) => quoted(shortened(part.text))))}, which has nothing to do with the article`,
    places: foreign.map((part) => ({start: part.start, end: part.end, message: 'part that shares next to nothing with the article'}))
  }
}

/** File offsets of the text between two indexes of a title, without the spaces at its edges. */
function trimmedPart(title: Title, from: number, to: number): Span {
  const text = title.text.slice(from, to)
  const start = from + (text.length - text.trimStart().length)
  const end = to - (text.length - text.trimEnd().length)
  return {start: title.toSource(start), end: title.toSource(Math.max(start, end), true)}
}

/** More words than nearly every real headline has: a weak sign. */
function abnormalLength(title: Title, maxWords: number): Signal | undefined {
  const count = title.words.filter((word) => hasLetterOrDigit.test(word.text)).length
  if (count <= maxWords) return undefined
  return {
    kind: 'length',
    strong: false,
    says: `runs to ${count} words`,
    places: [{start: title.start, end: title.end, message: `${count} words, over ${maxWords}`}]
  }
}

export interface GarbleOptions {
  maxWords: number
  phrases: readonly string[]
}

/**
 * Every sign of garbling in a title, strong ones first. The body is the
 * article under a head title; without one (or with a short one, or for a
 * title inside the body) the names the article never mentions are not
 * looked for.
 */
export function garbleSignals(title: Title, body: Body | undefined, options: GarbleOptions = {maxWords: defaultMaxWords, phrases: []}): Signal[] {
  const article = body && body.size >= minimumNameBodyWords ? body : undefined
  const foreign = article ? foreignPart(title, article) : undefined
  // Against a headline the article is not about at all, missing names say nothing more: that is headline-unrelated's finding.
  const aboutArticle = article && (foreign || relatedness(termMatches(title.words, article)) >= relatedPartScore) ? article : undefined
  const signals = [
    doubledWords(title),
    foreign,
    aboutArticle ? unmentionedNames(title, aboutArticle) : undefined,
    templatePhrases(title, options.phrases),
    joinedParts(title),
    repeatedWords(title),
    malformedTokens(title),
    abnormalLength(title, options.maxWords)
  ].filter((signal): signal is Signal => signal !== undefined)
  return signals.sort((a, b) => Number(b.strong) - Number(a.strong))
}

/** Two long parts joined by a colon make a long headline: the two are one sign of its shape, not two signs. */
const groupOf = (kind: SignalKind) => (kind === 'colons' || kind === 'length' ? 'shape' : kind)

/** One strong sign, or weak signs of two different kinds; a single weak sign never is enough. */
export function isGarbled(signals: readonly Signal[]): boolean {
  return signals.some((signal) => signal.strong) || new Set(signals.map((signal) => groupOf(signal.kind))).size >= 2
}

export default defineRule({
  id: 'headline-garbled',
  kind: 'headline',
  summary: 'Warn on a garbled headline: doubled words, names the article never mentions, stacked stock phrases and colons, malformed words, abnormal length',
  recommended: true,
  options: {
    maxWords: option.number({default: defaultMaxWords, min: 1, description: 'Headlines longer than this many words count as a weak sign'}),
    phrases: option.strings({default: [], description: 'More stock phrases (`…` for one to six words) that count as template signs'})
  },
  examples: [
    {
      name: 'ok-photo-caption-in-body',
      input:
        'Their upcoming meeting, the second in nine months, is a sign of the two countries’ deepening political and military partnership built over Russia’s war in Ukraine.\n\nWelcome: Kim Jong Un (pictured) waves from the window of his armoured train as the train pulls into the border station, where Kim was greeted by Russian officials on Tuesday\n\nThe United States and South Korea suspect North Korea has also been providing Russia with large quantities of artillery shells and other munitions for use against Ukraine, a claim that North Korea has denied.\n'
    },
    {
      name: 'ok-real-headline',
      input:
        'Putin will meet Kim Jung Un in North Korea while their countries are at war\n\nTheir upcoming meeting, the second in nine months, is a sign of the two countries’ deepening political and military partnership built over Russia’s war in Ukraine.\n'
    },
    {
      name: 'colons',
      input:
        'Putin’s Cold War bid for global power: To Run the World: the Kremlin’s response to Putin, China and the United States\n\nCambridge University Press published his new book, To Run the World: the Kremlin’s Cold War bid for global power.\n',
      output: [
        '1:1-1:118 headline-garbled Garbled headline: strings 3 parts together with colons (`Putin’s Cold War bid …` : `To Run the World` : `the Kremlin’s response to …`); runs to 21 words'
      ]
    },
    {
      name: 'template-and-malformed-word',
      input:
        'Kim Jong Un meets with Russia in the heat wave: Towards a strategic interaction between Russia and the United States in the 21-nuclear war zone\n\nThe two were together in a Russian car that flew Russian flags and welcoming banners along the streets of the capital.\n',
      output: [
        '1:1-1:144 headline-garbled Garbled headline: uses the stock phrase `Towards a`; joins two headline-length parts with a colon (`Kim Jong Un meets …` : `Towards a strategic interaction …`); has the malformed word `21-nuclear`; runs to 25 words'
      ]
    },
    {
      name: 'ok-one-weak-sign',
      options: {maxWords: 10},
      input:
        'Putin will meet Kim Jung Un in North Korea while their countries are at war\n\nTheir upcoming meeting, the second in nine months, is a sign of the two countries’ deepening political and military partnership built over Russia’s war in Ukraine.\n'
    }
  ],
  prepare() {
    prepareHeadlines()
  },
  check(doc, options, report) {
    const titles = titlesOf(doc)
    if (titles.length === 0) return
    const heads = new Set(headRegionOf(doc))
    // Only a head title is read against the article: without one, no body is needed.
    const body = heads.size > 0 ? headBodyOf(doc) : undefined
    for (const title of titles) {
      if (title.words.length > maximumJudgedWords) continue
      const signals = garbleSignals(title, heads.has(title) ? body : undefined, options)
      if (!isGarbled(signals)) continue
      report({
        start: title.start,
        end: title.end,
        reason: `Garbled headline: ${signals.map((signal) => signal.says).join('; ')}`,
        note: `Signs: ${signals.map((signal) => `${signal.kind} (${signal.strong ? 'strong' : 'weak'})`).join(', ')}. One strong sign, or weak signs of two kinds (a long headline and its colon-joined parts counting as one), mark a headline as garbled.`,
        related: signals.flatMap((signal) => signal.places)
      })
    }
  }
})
