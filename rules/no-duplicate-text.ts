import {defineRule, type Report} from '../src/define-rule.js'
import {option} from '../src/options.js'
import type {Document, Span} from '../src/document.js'

/*
 * A paragraph or sentence that appears twice: scrapers that follow
 * pagination, or take in a "related" block or a pull quote, copy text they
 * already have. Copies are compared after Unicode (NFKC), case, quote and
 * whitespace normalisation; the later copy is reported, pointing at the
 * first, and its fix deletes it. A hard-wrapped paragraph is one copy, however
 * many lines it takes, and a sentence of a reported paragraph is not reported
 * again.
 */

const typographicQuote = /[‘’‛′“”„‟″]/
// Characters NFKC can change: combining marks and compatibility forms (not Latin-1 or the curly quotes and dashes).
const compatibility = /[\u0300-\u1fff\u2070-\uffff]/
const irregularSpace = /\s\s|[^\S ]/
const wordStart = /[\p{L}\p{N}]/u

/** The form two copies share: NFKC, lower case, straight quotes, single spaces; each step only when the text needs it. */
export function normalizeText(text: string): string {
  let folded = compatibility.test(text) ? text.normalize('NFKC') : text
  if (typographicQuote.test(folded)) folded = folded.replace(/[‘’‛′]/g, "'").replace(/[“”„‟″]/g, '"')
  folded = folded.toLowerCase().trim()
  return irregularSpace.test(folded) ? folded.replace(/\s+/g, ' ') : folded
}

function isSpaceCode(code: number): boolean {
  // What `\s` and `trim` take for white space.
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/** The number of characters other than white space in a text's normal form, counted on the text as written (`İ` lowers to two). */
function normalSize(text: string): number {
  let size = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (!isSpaceCode(code)) size += code === 0x130 ? 2 : 1
  }
  return size
}

/**
 * `normalSize` of a text NFKC leaves alone, or -1 when it has a character
 * `compatibility` matches: one scan in place of that test and the count.
 */
function plainSize(text: string): number {
  let size = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if ((code >= 0x300 && code <= 0x1fff) || code >= 0x2070) return -1
    if (!isSpaceCode(code)) size += code === 0x130 ? 2 : 1
  }
  return size
}

/**
 * The copies seen so far, by the size of their normal form: two texts whose
 * sizes differ cannot be copies, so a text is normalised (and compared)
 * only when another of its size turns up, which spares normalising and
 * hashing every paragraph and sentence of a text. Once a size is seen
 * twice, its copies go into one map by normal form, so that a long text,
 * where many sentences share a size, looks each one up instead of comparing
 * it with every other of its size.
 */
class Copies {
  /** The first copy of each size, not yet normalised; `null` once that size's copies are in `byKey`. */
  private readonly firstOfSize = new Map<number, {copy: Copy; text: string; key: string | undefined} | null>()
  private readonly byKey = new Map<string, Copy>()

  /** The first copy of `text`, if one was seen; otherwise `copy` is kept as the first. */
  firstOrAdd(text: string, copy: Copy): Copy | undefined {
    // Text NFKC may change is normalised at once: its size is that of its normal form.
    const plain = plainSize(text)
    let key = plain < 0 ? normalizeText(text) : undefined
    const size = key === undefined ? plain : normalSize(key)
    const first = this.firstOfSize.get(size)
    if (first === undefined) {
      this.firstOfSize.set(size, {copy, text, key})
      return undefined
    }
    if (first) {
      this.byKey.set(first.key ?? normalizeText(first.text), first.copy)
      this.firstOfSize.set(size, null)
    }
    key ??= normalizeText(text)
    const earlier = this.byKey.get(key)
    if (earlier) return earlier
    this.byKey.set(key, copy)
    return undefined
  }
}

/** Whether `text` has at least `minimum` words (runs of letters and digits), counted without building a list. */
function hasWords(text: string, minimum: number): boolean {
  // Each word takes at least two characters with the space after it: a shorter text cannot have enough.
  if (text.length < 2 * minimum - 1) return false
  let count = 0
  let inWord = false
  for (const char of text) {
    // ASCII letters and digits without the regex: a text reaches its minimum within a few words.
    const code = char.charCodeAt(0)
    const letterOrDigit = code < 128 ? (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) : wordStart.test(char)
    const isWordChar: boolean = letterOrDigit || (inWord && (char === "'" || char === '’' || char === '-'))
    if (isWordChar && !inWord && ++count >= minimum) return true
    inWord = isWordChar
  }
  return false
}

function excerpt(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim()
  if (single.length <= 60) return single
  const cut = single.slice(0, 60)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 30 ? cut.lastIndexOf(' ') : 60)}…`
}

interface Copy extends Span {
  text: string
}

function position(doc: Document, offset: number): string {
  const point = doc.toPoint(offset)
  return `${point.line}:${point.column}`
}

function reportCopy(doc: Document, kind: 'paragraph' | 'sentence', copy: Copy, first: Copy, removal: Span, report: Report) {
  // Deleting a copy with its markup is safe when the markup lies wholly inside it: `emit` keeps only such fixes.
  report({
    start: copy.start,
    end: copy.end,
    reason: `Unexpected repeated ${kind} \`${excerpt(copy.text)}\`, first at ${position(doc, first.start)}, remove this copy`,
    expected: [''],
    fixRange: removal,
    note: `The same ${kind} (ignoring case, quotes and spacing) is at ${position(doc, first.start)}`,
    related: [{start: first.start, end: first.end, message: `First copy of the ${kind}`}]
  })
}

/** A sentence's removal: it and the space after it, or the space before it when it ends its paragraph. */
function sentenceRemoval(value: string, start: number, end: number): Span {
  let after = end
  while (after < value.length && (value[after] === ' ' || value[after] === '\t')) after++
  if (after > end && after < value.length && value[after] !== '\n' && value[after] !== '\r') return {start, end: after}
  let before = start
  while (before > 0 && (value[before - 1] === ' ' || value[before - 1] === '\t')) before--
  return {start: before, end: after}
}

export default defineRule({
  id: 'no-duplicate-text',
  kind: 'repetition',
  readsLinks: true,
  summary: 'Warn on a paragraph or sentence that appears twice, as scrapers produce when following pagination or “related” blocks',
  recommended: true,
  options: {
    minWords: option.number({default: 6, min: 1, description: 'Shortest paragraph or sentence, in words, whose repetition is reported'})
  },
  examples: [
    {name: 'ok-short-repeats', input: 'Advertisement\n\nThe talks ended.\n\nAdvertisement\n\nThe talks ended.\n'},
    {
      name: 'repeated-paragraph',
      input:
        'Cambridge police said the suspects rented high-end apartments.\n\nThe websites advertised “nude Asian models” for photography appointments.\n\nCambridge police said the suspects rented high-end apartments.\n',
      output: ['5:1-5:63 no-duplicate-text Unexpected repeated paragraph `Cambridge police said the suspects rented high-end…`, first at 1:1, remove this copy'],
      fixed: 'Cambridge police said the suspects rented high-end apartments.\n\nThe websites advertised “nude Asian models” for photography appointments.\n'
    },
    {
      name: 'repeated-hard-wrapped-paragraph',
      syntax: 'markdown',
      input:
        'Putin met Kim at the Vostochny Cosmodrome on Wednesday,\nthe Kremlin said, and the two leaders\ntoured the launch site together.\n\nThe talks lasted four hours.\n\nPutin met Kim at the Vostochny Cosmodrome on Wednesday,\nthe Kremlin said, and the two leaders\ntoured the launch site together.\n',
      output: ['7:1-9:33 no-duplicate-text Unexpected repeated paragraph `Putin met Kim at the Vostochny Cosmodrome on Wednesday, the…`, first at 1:1, remove this copy'],
      fixed:
        'Putin met Kim at the Vostochny Cosmodrome on Wednesday,\nthe Kremlin said, and the two leaders\ntoured the launch site together.\n\nThe talks lasted four hours.\n'
    },
    {
      name: 'repeated-sentence-normalised',
      input: 'The vote is on Monday. Leaders will meet in Brussels to sign the treaty.\n\nMore talks follow. LEADERS WILL MEET IN BRUSSELS TO SIGN THE TREATY. Then they leave.\n',
      output: ['3:20-3:69 no-duplicate-text Unexpected repeated sentence `LEADERS WILL MEET IN BRUSSELS TO SIGN THE TREATY.`, first at 1:24, remove this copy'],
      fixed: 'The vote is on Monday. Leaders will meet in Brussels to sign the treaty.\n\nMore talks follow. Then they leave.\n'
    }
  ],
  check(doc, options, report) {
    const paragraphs = new Copies()
    const reported: Span[] = []
    for (const lines of doc.paragraphs) {
      const firstLine = lines[0]
      const lastLine = lines.at(-1)
      if (!firstLine || !lastLine) continue
      // A hard-wrapped paragraph is compared whole, its line breaks as spaces: one finding for the copy, not one per line.
      const text = lines.length === 1 ? firstLine.text.trim() : lines.map((line) => line.text.trim()).join(' ')
      if (!hasWords(text, options.minWords)) continue
      const firstText = firstLine.text.trimStart()
      const lastText = lastLine.text.trimEnd()
      const start = firstLine.toSource(firstLine.text.length - firstText.length)
      const end = lastLine.toSource(lastText.length, true)
      const copy = {start, end, text}
      const first = paragraphs.firstOrAdd(text, copy)
      if (!first) continue
      reported.push(copy)
      reportCopy(doc, 'paragraph', copy, first, doc.removalOfLines(firstLine, lastLine), report)
    }
    const sentences = new Copies()
    let next = 0
    for (const sentence of doc.sentences) {
      if (sentence.words.length < options.minWords) continue
      // A sentence that shares text with a repeated paragraph is already reported with it (both lists are in document order).
      while (next < reported.length && (reported[next]?.end ?? 0) <= sentence.start) next++
      const overlapping = reported[next]
      if (overlapping && overlapping.start < sentence.end) continue
      const copy = {start: sentence.start, end: sentence.end, text: sentence.text}
      const first = sentences.firstOrAdd(sentence.text, copy)
      if (!first) continue
      // The first copy of a repeated paragraph's sentence is its own; the paragraph finding covers the pair.
      if (first.start === copy.start) continue
      reportCopy(doc, 'sentence', copy, first, sentenceRemoval(doc.value, copy.start, copy.end), report)
    }
  }
})
