import {diffArrays} from 'diff'
import type {Alignment} from './align.js'
import type {SentenceTokens, Token} from './tokens.js'

/** A run of changes between two unchanged stretches of an aligned pair. */
export interface Hunk {
  /** Old tokens taken out. */
  removed: Token[]
  /** Indexes of the new sentence's tokens put in. */
  added: number[]
  /** Index in the new sentence where the hunk stands (its first added token, or the token after a pure removal). */
  newAt: number
}

/** A new sentence with what the old version says in its place. */
export interface Pair {
  sentence: SentenceTokens
  alignment: Alignment
  /** The aligned old sentences' tokens, in order. */
  old: Token[]
  /** Old tokens that may support a new word: the aligned sentences and the secondary sources. */
  scope: Token[]
  scopeKeys: Set<string>
  hunks: Hunk[]
  /** New tokens' lower forms, for cue matching. */
  newWords: string[]
  oldWords: string[]
}

export function pairOf(sentence: SentenceTokens, alignment: Alignment): Pair {
  const old = alignment.old.flatMap((item) => item.tokens)
  const scope = [...old, ...alignment.secondary.flatMap((item) => item.tokens)]
  return {
    sentence,
    alignment,
    old,
    scope,
    scopeKeys: new Set(scope.map((token) => token.key)),
    hunks: hunksOf(old, sentence.tokens),
    newWords: sentence.tokens.map((token) => token.lower),
    oldWords: old.map((token) => token.lower)
  }
}

/** The word diff of an aligned pair (the `diff` package, comparing stems), grouped into hunks. */
function hunksOf(old: Token[], tokens: Token[]): Hunk[] {
  const changes = diffArrays(old, tokens, {comparator: (left, right) => left.key === right.key})
  const hunks: Hunk[] = []
  let oldAt = 0
  let newAt = 0
  let current: Hunk | undefined
  for (const change of changes) {
    const count = change.count
    if (!change.added && !change.removed) {
      current = undefined
      oldAt += count
      newAt += count
      continue
    }
    if (!current) {
      current = {removed: [], added: [], newAt}
      hunks.push(current)
    }
    if (change.removed) {
      current.removed.push(...old.slice(oldAt, oldAt + count))
      oldAt += count
    } else {
      for (let index = newAt; index < newAt + count; index++) current.added.push(index)
      newAt += count
    }
  }
  return hunks
}
