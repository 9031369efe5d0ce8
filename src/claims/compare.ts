import type {Document} from '../document.js'
import {mentionsOf, prepareNames} from '../mentions.js'
import {align, indexOld, type OldIndex} from './align.js'
import {cueLists} from './cues.js'
import {detectors, nameForm, unsupportedContent, type Context, type OldVersion, type Shift, type ShiftKind} from './detectors.js'
import {pairOf} from './pair.js'
import {citiesByName, placesImpliedBy} from './places.js'
import {sentencesOf, type SentenceTokens} from './tokens.js'
import {openWordnet} from './wordnet.js'

export {shiftKinds, type Shift, type ShiftKind} from './detectors.js'

/** A claim shift with the old sentences it was measured against (none for unsupported new content). */
export interface ClaimShift extends Shift {
  old: SentenceTokens[]
}

interface Prepared {
  version: OldVersion
  index: OldIndex
}

const prepared = new WeakMap<Document, Prepared>()

/** The old version's sentences, inverted index and name and number sets, built once per document. */
function prepare(doc: Document): Prepared {
  let result = prepared.get(doc)
  if (result) return result
  const sentences = sentencesOf(doc)
  const names = new Set<string>()
  const keys = new Set<string>()
  const numbers = new Set<string>()
  for (const sentence of sentences) {
    for (const token of sentence.tokens) {
      keys.add(token.key)
      if (token.number !== undefined) numbers.add(token.number)
      if (token.name || /^\p{Lu}/u.test(token.text)) names.add(nameForm(token))
    }
  }
  for (const mention of mentionsOf(doc)) {
    if (mention.words.length > 1) names.add(mention.words.map((word) => word.text.replace(/\./g, '')[0]?.toLowerCase() ?? '').join(''))
    // A city names its country: `London` supports `U.K.` and `Britain`'s `United Kingdom`.
    for (const form of placesImpliedBy(mention.text)) names.add(form)
  }
  result = {version: {value: doc.value, sentences, keys, names, numbers}, index: indexOld(sentences)}
  prepared.set(doc, result)
  return result
}

/** Loads what comparing two versions reads: cue lists, the gazetteer, WordNet and the name lists (see `lazily` in src/data.ts). */
export function prepareClaims(): void {
  cueLists()
  citiesByName()
  openWordnet()
  prepareNames()
}

/**
 * What the new version claims that the old one does not support: each new
 * sentence is aligned with the old sentence (or adjacent pair) it restates,
 * the pair is diffed word by word, and the detectors run on what changed,
 * most precise first. Linear in the two lengths: alignment goes through an
 * inverted index, and sentences that read the same are skipped at once.
 */
export function compareVersions(oldDoc: Document, newDoc: Document, ignore: ReadonlySet<ShiftKind> = new Set()): ClaimShift[] {
  const {version, index} = prepare(oldDoc)
  const results: ClaimShift[] = []
  for (const sentence of sentencesOf(newDoc)) {
    if (sentence.keys.size === 0) continue
    const alignment = align(sentence, index)
    if (alignment.old.length === 0) {
      const shift = ignore.has('unsupported') ? undefined : unsupportedContent(sentence, version, newDoc.value)
      if (shift) results.push({...shift, old: []})
      continue
    }
    if (alignment.coverage === 1 && alignment.old[0]?.normalized === sentence.normalized) continue
    const context: Context = {pair: pairOf(sentence, alignment), newValue: newDoc.value, old: version, claimed: new Set(), shifts: []}
    for (const [, detect] of detectors) detect(context)
    for (const shift of context.shifts) if (!ignore.has(shift.kind)) results.push({...shift, old: alignment.old})
  }
  return results.sort((a, b) => a.start - b.start || a.end - b.end)
}
