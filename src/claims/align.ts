import type {SentenceTokens, Token} from './tokens.js'
import {areSynonyms} from './wordnet.js'

/** Where a new sentence comes from in the old version. */
export interface Alignment {
  /** The old sentence, or two adjacent ones, that the new sentence restates; empty when it has no counterpart. */
  old: SentenceTokens[]
  /** Share of the new sentence's content (weighted by rarity) found in `old`, synonyms included. */
  coverage: number
  /** Other old sentences that share much of the new one's content (a summary fuses several). */
  secondary: SentenceTokens[]
}

/** Weighted content of an old version, built once per comparison: an inverted index from key to sentences. */
export interface OldIndex {
  sentences: SentenceTokens[]
  postings: Map<string, number[]>
  weight(key: string): number
  /** The summed weight of an old sentence's keys. */
  sentenceWeight(id: number): number
  byText: Map<string, SentenceTokens>
}

export function indexOld(sentences: SentenceTokens[]): OldIndex {
  const postings = new Map<string, number[]>()
  const byText = new Map<string, SentenceTokens>()
  for (const sentence of sentences) {
    for (const key of sentence.keys) {
      let list = postings.get(key)
      if (!list) postings.set(key, (list = []))
      list.push(sentence.index)
    }
    if (!byText.has(sentence.normalized)) byText.set(sentence.normalized, sentence)
  }
  const total = Math.max(sentences.length, 1)
  // Inverse sentence frequency: a word in every sentence says little about which one a new sentence restates.
  const weights = new Map<string, number>()
  for (const [key, list] of postings) weights.set(key, Math.log(1 + total / list.length))
  // A word the old version lacks weighs as much as its rarest words: it is new, not more than new.
  const unseen = Math.log(1 + total)
  const sentenceWeights = sentences.map((sentence) => {
    let sum = 0
    for (const key of sentence.keys) sum += weights.get(key) ?? unseen
    return sum
  })
  return {sentences, postings, weight: (key) => weights.get(key) ?? unseen, byText, sentenceWeight: (id) => sentenceWeights[id] ?? 0}
}

const minimumCoverage = 0.45
const pairGain = 0.15
const refinedCandidates = 2
const secondaryLimit = 3

function weightOf(keys: Iterable<string>, index: OldIndex): number {
  let sum = 0
  for (const key of keys) sum += index.weight(key)
  return sum
}

/** Shared weight of a new sentence's keys with old sentences, including WordNet synonyms of the unmatched words. */
function overlap(sentence: SentenceTokens, old: SentenceTokens[], index: OldIndex, synonyms: boolean): number {
  const inOld = (key: string) => old.some((item) => item.keys.has(key))
  let shared = 0
  const unmatched: Token[] = []
  const seen = new Set<string>()
  for (const token of sentence.tokens) {
    if (!token.content || seen.has(token.key)) continue
    seen.add(token.key)
    if (inOld(token.key)) shared += index.weight(token.key)
    else unmatched.push(token)
  }
  if (!synonyms || unmatched.length === 0) return shared
  const oldWords = old.flatMap((item) => item.tokens).filter((token) => token.content && !token.name && token.number === undefined && !sentence.keys.has(token.key))
  for (const token of unmatched) {
    if (token.name || token.number !== undefined) continue
    if (oldWords.some((word) => areSynonyms(token.lower, word.lower))) shared += index.weight(token.key)
  }
  return shared
}

/**
 * The old sentence (or pair of adjacent sentences) that a new sentence
 * restates: candidates come from the inverted index (linear in the shared
 * words), the best few are re-scored with WordNet synonyms, and a
 * neighbour joins when it adds enough of the new sentence's content.
 */
export function align(sentence: SentenceTokens, index: OldIndex): Alignment {
  const same = index.byText.get(sentence.normalized)
  if (same) return {old: [same], coverage: 1, secondary: []}
  const total = weightOf(sentence.keys, index)
  if (total === 0) return {old: [], coverage: 0, secondary: []}
  const scores = new Map<number, number>()
  const counts = new Map<number, number>()
  for (const key of sentence.keys) {
    const weight = index.weight(key)
    for (const id of index.postings.get(key) ?? []) {
      scores.set(id, (scores.get(id) ?? 0) + weight)
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  const ranked = [...scores.entries()]
    .map(([id, score]) => ({id, score: rank(score, total, index.sentenceWeight(id))}))
    .sort((a, b) => b.score - a.score)
    .slice(0, refinedCandidates)
  let best: {old: SentenceTokens[]; coverage: number} = {old: [], coverage: 0}
  for (const candidate of ranked) {
    const old = index.sentences[candidate.id]
    if (!old) continue
    // WordNet synonyms are looked up only when the stems leave much of the sentence unexplained.
    const stemCoverage = (scores.get(candidate.id) ?? 0) / total
    const coverage = stemCoverage >= 0.9 ? stemCoverage : overlap(sentence, [old], index, true) / total
    if (coverage > best.coverage) best = {old: [old], coverage}
  }
  const first = best.old[0]
  // Shared names alone (`Kim … Un`) do not make a restatement: some ordinary word must be shared too.
  const sharesWord = first !== undefined && sentence.tokens.some((token) => token.content && !token.name && token.number === undefined && first.keys.has(token.key))
  if (!first || best.coverage < minimumCoverage || !sharesWord) {
    return {old: [], coverage: best.coverage, secondary: secondaryOf(scores, counts, total, index, [])}
  }
  for (const neighbour of [index.sentences[first.index - 1], index.sentences[first.index + 1]]) {
    if (!neighbour || !scores.has(neighbour.index)) continue
    const pair = neighbour.index < first.index ? [neighbour, first] : [first, neighbour]
    const coverage = overlap(sentence, pair, index, true) / total
    if (coverage - best.coverage >= pairGain && coverage > best.coverage) best = {old: pair, coverage}
  }
  return {...best, secondary: secondaryOf(scores, counts, total, index, best.old)}
}

/** Ranks candidates by an F-measure that weighs covering the new sentence twice as much as covering the old. */
function rank(shared: number, newWeight: number, oldWeight: number): number {
  const recall = shared / newWeight
  const precision = oldWeight === 0 ? 0 : shared / oldWeight
  return precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall)
}

const secondaryShare = 0.25

/** The old sentences (at most three) that share at least two words and a quarter of the new sentence's weighted content. */
function secondaryOf(scores: Map<number, number>, counts: Map<number, number>, total: number, index: OldIndex, aligned: SentenceTokens[]): SentenceTokens[] {
  const taken = new Set(aligned.map((sentence) => sentence.index))
  const result: Array<{sentence: SentenceTokens; score: number}> = []
  for (const [id, count] of counts) {
    const sentence = index.sentences[id]
    const score = scores.get(id) ?? 0
    if (count >= 2 && score >= secondaryShare * total && sentence && !taken.has(id)) result.push({sentence, score})
  }
  return result
    .sort((a, b) => b.score - a.score)
    .slice(0, secondaryLimit)
    .map((item) => item.sentence)
}
