import {eng as englishStopwords} from 'stopword'
import type {Document, Word} from './document.js'

/**
 * Mentions of named things, computed once per document and shared by the
 * rules that read names (name spelling, headlines, claim shifts): runs of
 * capitalised words ("Kim Jong Un", "Foreign Minister Kim Yong Nam",
 * "Henry A. Kissinger"), with a sentence's first word dropped when it is an
 * ordinary word ("The", "In").
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

const capitalised = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u

function isCapitalised(word: Word): boolean {
  return capitalised.test(word.text)
}

const cache = new WeakMap<Document, Mention[]>()

/** The capitalised runs of a document, in order. */
export function mentionsOf(doc: Document): Mention[] {
  let mentions = cache.get(doc)
  if (!mentions) {
    mentions = doc.sentences.flatMap((sentence) => runsOf(doc.value, sentence.words))
    cache.set(doc, mentions)
  }
  return mentions
}

function runsOf(value: string, words: Word[]): Mention[] {
  const runs: Mention[] = []
  let run: Word[] = []
  let runStartsSentence = false
  const flush = () => {
    while (run.length > 0 && !isCapitalised(run[run.length - 1] as Word)) run.pop()
    if (run.length > 0) runs.push(mentionOf(run, runStartsSentence))
    run = []
  }
  words.forEach((word, index) => {
    const previous = words[index - 1]
    // Only white space (or an initial's full stop) may stand between the words of one name.
    const joined = previous !== undefined && /^\.?\s+$|^\s*-\s*$/.test(value.slice(previous.end, word.start))
    if (run.length > 0 && !joined) flush()
    if (isCapitalised(word)) {
      if (run.length === 0) runStartsSentence = index === 0
      run.push(word)
    } else if (run.length > 0 && particles.has(word.text) && isCapitalised(words[index + 1] ?? word)) {
      run.push(word)
    } else {
      flush()
    }
  })
  flush()
  return runs.flatMap((mention) => withoutLeadingStopword(mention))
}

function mentionOf(words: Word[], sentenceInitial: boolean): Mention {
  const first = words[0] as Word
  const last = words[words.length - 1] as Word
  return {start: first.start, end: last.end, words, text: words.map((word) => word.text).join(' '), sentenceInitial}
}

/** "The Kremlin" is a mention of "Kremlin"; a sentence-initial "In" alone is no mention at all. */
function withoutLeadingStopword(mention: Mention): Mention[] {
  const [first, ...rest] = mention.words
  if (!first || !stopwords.has(first.text.toLowerCase())) return [mention]
  return rest.length > 0 ? [mentionOf(rest, false)] : []
}
