import {lazily, loadData} from '../data.js'

/** A cue list from `rules/data/claim-cues.yml`, as phrases of lower-case words. */
export interface CueList {
  source: string
  phrases: string[][]
  /** First words of the phrases, to skip tokens quickly. */
  firsts: Set<string>
}

interface RawList {
  source: string
  words?: string[]
  except?: string[]
  phrases?: string[]
  triggers?: string[]
}

interface RawCues {
  boosters: RawList
  hedges: RawList
  possibility: RawList
  report: RawList
  reporting: RawList
  negations: RawList
  contrast: RawList
  approximators: {source: string; upper: string[]; lower: string[]; approximate: string[]}
  quantifiers: {source: string; ranks: Record<string, number>}
  numbers: {source: string; cardinals: Record<string, number>; ordinals: Record<string, number>; units: string[]}
  time: {source: string; parts: Record<string, string>; patterns: string[]; triggers: string[]}
  pronouns: RawList
  functionWords: RawList
}

export interface Cues {
  boosters: CueList
  hedges: CueList
  possibility: CueList
  report: CueList
  reporting: CueList
  negations: CueList
  negationExceptions: CueList
  contrast: CueList
  /** Approximators by the bound they set: `up to 5` (upper), `more than 5` (lower), `about 5`. */
  approximators: {upper: CueList; lower: CueList; approximate: CueList; all: CueList}
  /** Every time pattern as one expression, global: run it over a sentence's text. */
  timePattern: RegExp
  timeTriggers: Set<string>
  quantifierRanks: Map<string, number>
  cardinals: Map<string, number>
  ordinals: Map<string, number>
  units: Set<string>
  pronouns: Set<string>
  functionWords: Set<string>
}

function listOf(source: string, entries: readonly string[] = []): CueList {
  const phrases = entries.map((entry) => entry.toLowerCase().split(/\s+/))
  return {source, phrases, firsts: new Set(phrases.map((phrase) => phrase[0] ?? ''))}
}

/** The time patterns with their `{part}`s filled in and spaces matching any white space, as one alternation. */
function timePatternOf(time: RawCues['time']): RegExp {
  const fill = (pattern: string) => pattern.replace(/\{(\w+)\}/g, (whole, name: string) => time.parts[name] ?? whole)
  const alternatives = time.patterns.map((pattern) => fill(fill(pattern)).replace(/ /g, '\\s+'))
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
}

/** The cue lists, read and compiled once. */
export const cueLists = lazily((): Cues => {
  const raw = loadData('claim-cues.yml') as RawCues
  return {
    boosters: listOf(raw.boosters.source, raw.boosters.words),
    hedges: listOf(raw.hedges.source, raw.hedges.words),
    possibility: listOf(raw.possibility.source, raw.possibility.words),
    report: listOf(raw.report.source, raw.report.words),
    reporting: listOf(raw.reporting.source, raw.reporting.words),
    negations: listOf(raw.negations.source, raw.negations.words),
    negationExceptions: listOf(raw.negations.source, raw.negations.except),
    contrast: listOf(raw.contrast.source, raw.contrast.words),
    approximators: {
      upper: listOf(raw.approximators.source, raw.approximators.upper),
      lower: listOf(raw.approximators.source, raw.approximators.lower),
      approximate: listOf(raw.approximators.source, raw.approximators.approximate),
      all: listOf(raw.approximators.source, [...raw.approximators.upper, ...raw.approximators.lower, ...raw.approximators.approximate])
    },
    timePattern: timePatternOf(raw.time),
    timeTriggers: new Set(raw.time.triggers),
    quantifierRanks: new Map(Object.entries(raw.quantifiers.ranks)),
    cardinals: new Map(Object.entries(raw.numbers.cardinals)),
    ordinals: new Map(Object.entries(raw.numbers.ordinals)),
    units: new Set(raw.numbers.units),
    pronouns: new Set(raw.pronouns.words ?? []),
    functionWords: new Set(raw.functionWords.words ?? [])
  }
})

/** A match of a cue phrase: token indexes `[start, end)` and the phrase. */
export interface CueMatch {
  start: number
  end: number
  phrase: string
}

/** Every match of a list's phrases in a sequence of lower-case words, longest first at each place, not overlapping. */
export function findCues(words: readonly string[], list: CueList): CueMatch[] {
  const matches: CueMatch[] = []
  for (let index = 0; index < words.length; index++) {
    if (!list.firsts.has(words[index] ?? '')) continue
    let best: string[] | undefined
    for (const phrase of list.phrases) {
      if (phrase.length > (best?.length ?? 0) && phrase.every((word, offset) => words[index + offset] === word)) best = phrase
    }
    if (best) {
      matches.push({start: index, end: index + best.length, phrase: best.join(' ')})
      index += best.length - 1
    }
  }
  return matches
}
