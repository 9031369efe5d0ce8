import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {option} from '../src/options.js'
import escapeRegExp from 'escape-string-regexp'
import {eng} from 'stopword'
import type {Report} from '../src/define-rule.js'
import type {TextLine} from '../src/document.js'

interface PhraseEntry {
  phrase: string
  source: string
  edge?: boolean
}

interface Matcher {
  whole: Map<string, PhraseEntry>
  /** The most non-space characters a whole-line key has: longer lines are not looked up. */
  longestKey: number
  /** An edge phrase at the start of a line (anchored, so cheap on any line). */
  start: RegExp | undefined
  /** An edge phrase at the end of a line, matched against the line's tail only (`tail` characters). */
  end: RegExp | undefined
  /** The same, after a separator only: for a tail that starts inside the line. */
  endInside: RegExp | undefined
  tail: number
  /** The last word of every edge phrase: a line that ends in another word has none of them at its end. */
  lastWords: Set<string>
  /** The last word of every whole-line key. */
  wholeLastWords: Set<string>
  edgeEntries: Map<string, PhraseEntry>
}

interface EdgeMatch {
  index: number
  text: string
}

// Separators that share bars and menus put around their items.
const edgePunctuation = /^[\s|•·»›:–—\-_*]+|[\s|•·»›:–—\-_*.…]+$/gu
// What to strip from a line's ends before showing it: separators, not the phrase's own colon.
const separators = /^[\s|•·»›–—\-_*]+|[\s|•·»›–—\-_*]+$/gu
const domainLine = /^(?:https?:\/\/)?(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}\/?$/u

/** Case-, width- and whitespace-insensitive form of a phrase or line. */
export function normalizePhrase(text: string): string {
  // NFKC leaves ASCII unchanged, and costs most of the work on long lines.
  return (nonAscii.test(text) ? text.normalize('NFKC') : text).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(edgePunctuation, '')
}

const matchers = new WeakMap<object, Matcher>()
const nonAscii = /[^\u0000-\u007f]/

/**
 * Whether a line is short enough to be a whole phrase: it has at most
 * twice as many non-space characters as the longest key (NFKC may expand a
 * few). Normalising every long paragraph would cost more than the lookup.
 */
function mayBeWholePhrase(text: string, longestKey: number): boolean {
  const limit = 2 * longestKey + 16
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code !== 32 && code !== 9 && ++count > limit) return false
  }
  return true
}

/** The last run of letters and digits of a text, lower-cased, found by walking back from its end. */
function lastWordOf(text: string): string {
  let end = text.length
  while (end > 0 && !/[\p{L}\p{N}]/u.test(text[end - 1] ?? '')) end--
  let start = end
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start--
  return text.slice(start, end).toLowerCase()
}

/** An edge phrase at the start or end of a line: the end is searched in the line's tail, with `^` only where the tail is the whole line. */
function edgeMatch(matcher: Matcher, text: string, lastWord: string): EdgeMatch | undefined {
  const atStart = matcher.start?.exec(text)
  if (atStart) return {index: atStart.index, text: atStart[0]}
  if (!matcher.lastWords.has(lastWord)) return undefined
  const offset = Math.max(0, text.length - matcher.tail)
  const atEnd = (offset === 0 ? matcher.end : matcher.endInside)?.exec(text.slice(offset))
  if (!atEnd) return undefined
  return {index: atEnd.index + offset, text: atEnd[0]}
}

function matcherFor(options: {phrases: readonly string[]; allow: readonly string[]}): Matcher {
  let matcher = matchers.get(options)
  if (matcher) return matcher
  const allowed = new Set(options.allow.map(normalizePhrase))
  const builtIn = loadData('boilerplate.yml') as PhraseEntry[]
  const entries = [...builtIn, ...options.phrases.map((phrase) => ({phrase, source: 'your config', edge: true}))]
  const whole = new Map<string, PhraseEntry>()
  const edgeEntries = new Map<string, PhraseEntry>()
  for (const entry of entries) {
    const key = normalizePhrase(entry.phrase)
    if (!key || allowed.has(key)) continue
    whole.set(key, entry)
    if (entry.edge) edgeEntries.set(key, entry)
  }
  const alternatives = [...edgeEntries.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => escapeRegExp(key).replace(/ /g, '\\s+'))
  // One alternation for all edge phrases, built once per options object.
  const start = alternatives.length > 0 ? new RegExp(`^\\s*(?:${alternatives.join('|')})(?=$|[\\s|•·»›:–—-])`, 'iu') : undefined
  const end = alternatives.length > 0 ? new RegExp(`(?:^|[\\s|•·»›:–—-])(?:${alternatives.join('|')})$`, 'iu') : undefined
  const endInside = alternatives.length > 0 ? new RegExp(`[\\s|•·»›:–—-](?:${alternatives.join('|')})$`, 'iu') : undefined
  const nonSpace = (key: string) => key.replace(/\s/g, '').length
  const longestKey = Math.max(0, ...[...whole.keys()].map(nonSpace))
  // A phrase's source may have more spacing than its key: the tail searched allows for it.
  const tail = 4 * Math.max(0, ...[...edgeEntries.keys()].map((key) => key.length)) + 16
  const lastWords = new Set([...edgeEntries.keys()].map((key) => lastWordOf(key)))
  const wholeLastWords = new Set([...whole.keys()].map((key) => lastWordOf(key)))
  matcher = {whole, longestKey, start, end, endInside, tail, lastWords, wholeLastWords, edgeEntries}
  matchers.set(options, matcher)
  return matcher
}

interface StructureData {
  metadata: Array<{what: string; pattern: string; source: string; matchCase?: boolean; anywhere?: boolean; titleLike?: boolean}>
  dates: {months: string[]; weekdays: string[]; labels: string[]}
  callsToAction: {verbs: string[]; openers: string[]; reader: string[]; channels: string[]}
}

const structure = loadData('boilerplate-structure.yml') as StructureData
const metadataPatterns = structure.metadata.map((entry) => ({
  what: entry.what,
  pattern: new RegExp(`^(?:${entry.pattern})$`, entry.matchCase ? 'u' : 'iu'),
  anywhere: entry.anywhere ?? false,
  titleLike: entry.titleLike ?? true
}))
const phrasesPattern = (phrases: readonly string[]) => phrases.map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+')).join('|')
const callOpener = new RegExp(`^(?:${phrasesPattern(structure.callsToAction.openers)})\\b`, 'iu')
const callVerb = new RegExp(`\\b(?:${phrasesPattern(structure.callsToAction.verbs)})\\b`, 'iu')
const callAddressee = new Set([...structure.callsToAction.reader, ...structure.callsToAction.channels])
const maxCallWords = 40
const dateWords = new Set([...structure.dates.months, ...structure.dates.weekdays, ...structure.dates.labels])
const stopwords = new Set(eng)
const lineWord = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu
const sentenceEnd = /[.!?…]["”’')\]]*$/u
// jusText's thresholds (Pomikálek 2011): a block under 70 characters with a stopword density under 0.30 is "bad".
const shortLength = 70
const maxShortWords = 10
const maxStopwordDensity = 0.3
// The longest metadata line the patterns allow (a copyright notice of up to 200 characters, with spacing).
const maxMetadataLength = 400
// A caption credit or copyright line inside the text is short; prose paragraphs are not tested for one.
const maxCaptionLength = 200

type EdgeKind = {kind: 'short'} | {kind: 'metadata'; what: string; anywhere: boolean} | {kind: 'filler'}

/**
 * Whether a line is an appeal to the reader: it opens with a call
 * ("Subscribe", "Do you want") or has one ("download the"), speaks to the
 * reader or names a channel, and each of its sentences is part of the
 * appeal (so "The vote is on Monday. Follow us" is prose with a tail).
 */
function isCallToAction(text: string): boolean {
  if (!callOpener.test(text) && !callVerb.test(text)) return false
  const words = text.toLowerCase().match(lineWord) ?? []
  if (words.length > maxCallWords || !words.some((word) => callAddressee.has(word.replace(/’/g, "'")))) return false
  return text.split(/(?<=[.!?])\s+/u).every((sentence) => {
    const inSentence = sentence.toLowerCase().match(lineWord) ?? []
    return callOpener.test(sentence) || callVerb.test(sentence) || inSentence.some((word) => callAddressee.has(word.replace(/’/g, "'")))
  })
}

/** Whether a line is a date and nothing else: numbers, month and weekday names, times and labels such as "Updated". */
function isDateline(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}]+(?:\.[\p{L}]+)*|\d+/gu) ?? []
  const hasDate = words.some((word) => structure.dates.months.includes(word)) || /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/.test(text)
  return hasDate && words.every((word) => /^\d+$/.test(word) || dateWords.has(word))
}

/**
 * How a line looks to the structural signal: metadata (a byline, a
 * dateline, a copyright notice…), a short line with few stopwords and no
 * sentence punctuation (navigation, a share bar, a tag list), a line of
 * separators only, or undefined for prose.
 */
function edgeKindOf(line: TextLine, edge: 'start' | 'end'): EdgeKind | undefined {
  const trimmed = line.text.trim()
  const metadata = metadataOf(line)
  if (metadata) return metadata
  if (edge === 'end' && isCallToAction(trimmed)) return {kind: 'metadata', what: 'a call to action', anywhere: false}
  const words = trimmed.match(lineWord) ?? []
  if (words.length === 0) return {kind: 'filler'}
  if (trimmed.length >= shortLength || words.length > maxShortWords || sentenceEnd.test(trimmed)) return undefined
  const stopwordCount = words.filter((word) => stopwords.has(word.toLowerCase())).length
  return stopwordCount / words.length < maxStopwordDensity ? {kind: 'short'} : undefined
}

/** The metadata a line is (a dateline, a byline, a copyright notice…), if it is nothing but that. */
function metadataOf(line: TextLine): EdgeKind | undefined {
  if (line.text.length > maxMetadataLength) return undefined
  const trimmed = line.text.trim()
  if (isDateline(trimmed)) return {kind: 'metadata', what: 'a dateline', anywhere: false}
  for (const {what, pattern, anywhere, titleLike} of metadataPatterns) {
    if ((titleLike || !line.isTitle) && pattern.test(trimmed)) return {kind: 'metadata', what, anywhere}
  }
  return undefined
}

interface Member {
  line: TextLine
  kind: EdgeKind
}

/**
 * The run of boilerplate-looking lines at one edge of the text, from the
 * edge inwards, up to the first line of prose. Titles never end the run (at
 * the start they do not count in it either); lines the phrase list already reported count
 * but are not reported again.
 */
function edgeRun(lines: readonly TextLine[], edge: 'start' | 'end', reported: ReadonlySet<TextLine>): Member[] {
  const members: Member[] = []
  for (const line of lines) {
    if (reported.has(line)) {
      members.push({line, kind: {kind: 'filler'}})
      continue
    }
    // A line that reads as a headline never ends a run. At the start it is the article's own and is skipped; at the
    // end it is a related link or a footer heading, and joins the run when it looks like furniture.
    const kind = edgeKindOf(line, edge)
    if (kind?.kind === 'metadata' || (kind && !(edge === 'start' && line.isTitle))) members.push({line, kind})
    else if (!line.isTitle) break
  }
  return members
}

function reportStructure(lines: readonly TextLine[], reported: ReadonlySet<TextLine>, report: Report) {
  const done = new Set<TextLine>()
  const reportLine = (line: TextLine, what: string, where: string, note: string) => {
    done.add(line)
    const shown = line.text.trim()
    const at = line.text.indexOf(shown)
    report({
      start: line.toSource(at),
      end: line.toSource(at + shown.length, true),
      reason: `Probable boilerplate \`${shown}\`: ${what} ${where}, remove it if it is not part of the article`,
      weaker: true,
      note
    })
  }
  for (const [edge, ordered] of [
    ['start', lines],
    ['end', [...lines].reverse()]
  ] as const) {
    const run = edgeRun(ordered, edge, reported)
    // A run is two lines or more; one line alone counts only when it is metadata.
    const counted = run.filter((member) => member.kind.kind !== 'filler' || reported.has(member.line))
    const note = `Structural signal: ${run.length} line${run.length === 1 ? '' : 's'} of page furniture at the ${edge} of the text, before its first line of prose`
    for (const {line, kind} of run) {
      if (kind.kind === 'filler' || done.has(line) || (counted.length < 2 && kind.kind !== 'metadata')) continue
      reportLine(line, kind.kind === 'metadata' ? kind.what : 'a short line with few stopwords and no sentence punctuation', `at the ${edge} of the text`, note)
    }
  }
  // Caption credits and copyright lines are furniture wherever they stand.
  for (const line of lines) {
    if (done.has(line) || reported.has(line) || line.text.length > maxCaptionLength) continue
    const trimmed = line.text.trim()
    const found = metadataPatterns.find((entry) => entry.anywhere && (entry.titleLike || !line.isTitle) && entry.pattern.test(trimmed))
    if (found) reportLine(line, found.what, 'inside the text', `Structural signal: a line that is only ${found.what}`)
  }
}

export default defineRule({
  id: 'no-boilerplate',
  kind: 'boilerplate',
  summary: 'Warn on scraping boilerplate: share bars, cookie banners, “Exit mobile version”, a lone site name',
  recommended: true,
  options: {
    phrases: option.strings({default: [], description: 'More boilerplate phrases to flag, as whole lines or at line edges'}),
    allow: option.strings({default: [], description: 'Built-in phrases to accept'}),
    siteNames: option.boolean({default: true, description: 'Flag a line that is only a domain name at the start or end of the text'}),
    structure: option.boolean({
      default: true,
      description:
        'Also flag, one severity lower and without a fix: runs of short lines with few stopwords and no sentence punctuation, bylines, datelines and calls to action at the start or end of the text; caption credits and copyright lines anywhere'
    })
  },
  examples: [
    {name: 'ok', input: 'Share prices rose on Tuesday. Related talks are planned.\n'},
    {
      name: 'amp-footer',
      input: 'He likes the look.\n\nExit mobile version',
      output: ['3:1-3:20 no-boilerplate Unexpected boilerplate `Exit mobile version`, remove it'],
      fixed: 'He likes the look.'
    },
    {
      name: 'site-name',
      input: 'newsweekshowcase.com\n\nPutin will meet Kim Jong Un.\n',
      output: ['1:1-1:21 no-boilerplate Unexpected site name `newsweekshowcase.com` on a line of its own, remove it'],
      fixed: 'Putin will meet Kim Jong Un.\n'
    },
    {
      name: 'share-bar-with-separators',
      input: 'The talks ended.\n| Share this: |\nThe leaders met again.\n',
      output: ['2:3-2:14 no-boilerplate Unexpected boilerplate `Share this:`, remove it'],
      fixed: 'The talks ended.\nThe leaders met again.\n'
    },
    {
      name: 'own-phrase',
      options: {phrases: ['Follow us on Mastodon']},
      input: 'The vote is on Monday. Follow us on Mastodon\n',
      output: ['1:24-1:45 no-boilerplate Unexpected boilerplate `Follow us on Mastodon`, remove it'],
      fixed: 'The vote is on Monday.\n'
    },
    {name: 'markdown-code-is-skipped', syntax: 'markdown', input: 'Text.\n\n```\nExit mobile version\n```\n'},
    {
      name: 'structure-end-run',
      input: 'The segment aired on Monday night and drew almost no complaints.\n\n[Photo via screengrab]\n\n>> Follow Matt Wilstein (@TheMattWilstein) on Twitter\n',
      output: [
        '3:1-3:23 no-boilerplate Probable boilerplate `[Photo via screengrab]`: a short line with few stopwords and no sentence punctuation at the end of the text, remove it if it is not part of the article',
        '5:1-5:54 no-boilerplate Probable boilerplate `>> Follow Matt Wilstein (@TheMattWilstein) on Twitter`: a short line with few stopwords and no sentence punctuation at the end of the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-dateline-and-counter',
      input: 'Posted: Thursday, April 21, 2022. 10:11 pm CST.\nViews: 184\n\nBy Aaron Humes: The Americas cannot ignore the risk of further COVID-19 surges, warns the Pan American Health Organization.\n',
      output: [
        '1:1-1:48 no-boilerplate Probable boilerplate `Posted: Thursday, April 21, 2022. 10:11 pm CST.`: a dateline at the start of the text, remove it if it is not part of the article',
        '2:1-2:11 no-boilerplate Probable boilerplate `Views: 184`: a view, share or comment count at the start of the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-photo-credit',
      input: 'The Redonda tree lizard rebounded after the goats left.\n\nPhotograph by Ed Marshall, Redonda Restoration Programme\n\nIt was not always this way.\n',
      output: ['3:1-3:57 no-boilerplate Probable boilerplate `Photograph by Ed Marshall, Redonda Restoration Programme`: a photo credit inside the text, remove it if it is not part of the article']
    },
    {name: 'ok-one-short-line-at-the-top', input: 'Ukraine\n\nUkraine was the center of the first eastern Slavic state.\n'},
    {
      name: 'structure-off',
      options: {structure: false},
      input: 'The segment aired on Monday night.\n\n[Photo via screengrab]\n\n>> Follow Matt Wilstein on Twitter\n'
    }
  ],
  check(doc, options, report) {
    const matcher = matcherFor(options)
    const textLines = doc.lines.filter((line) => /\S/.test(line.text))
    // Whole lines the phrase list or the site-name check took: the structural signal counts them in its runs.
    const wholeLines = new Set<TextLine>()
    for (const line of textLines) {
      if (!mayBeWholePhrase(line.text, matcher.longestKey)) continue
      const lastWord = lastWordOf(line.text)
      // Normalising keeps the last word of an ASCII line: when no phrase ends in it, the line is no whole phrase (and,
      // having a word, normalises to a non-empty key), so normalising it can be skipped.
      const mayBeWhole = lastWord === '' || !matcher.wholeLastWords.has(lastWord) ? lastWord === '' || nonAscii.test(line.text) : true
      const key = mayBeWhole ? normalizePhrase(line.text) : lastWord
      if (!key) continue
      const entry = mayBeWhole ? matcher.whole.get(key) : undefined
      if (entry) {
        const shown = line.text.trim().replace(separators, '')
        const at = line.text.indexOf(shown)
        report({
          start: line.toSource(at),
          end: line.toSource(at + shown.length, true),
          reason: `Unexpected boilerplate \`${shown}\`, remove it`,
          expected: [''],
          fixRange: line.removal,
          note: `Whole line matches a known phrase from: ${entry.source}`
        })
        wholeLines.add(line)
        continue
      }
      const edge = edgeMatch(matcher, line.text.trimEnd(), lastWord)
      if (edge) reportEdge(line, edge)
    }
    if (options.siteNames) {
      for (const line of new Set([textLines[0], textLines.at(-1)])) {
        // A page's `<title>` or a Markdown heading that is the site's name is the page's own markup, not a leftover.
        const markedTitle = doc.syntax !== 'text' && line?.isTitle
        if (line && !markedTitle && domainLine.test(line.text.trim())) {
          const name = line.text.trim()
          const at = line.text.indexOf(name)
          report({
            start: line.toSource(at),
            end: line.toSource(at + name.length, true),
            reason: `Unexpected site name \`${name}\` on a line of its own, remove it`,
            expected: [''],
            fixRange: line.removal,
            note: 'A bare domain name at the start or end of the text is a scraper’s leftover of the site header or footer'
          })
          wholeLines.add(line)
        }
      }
    }
    if (options.structure) reportStructure(textLines, wholeLines, report)

    function reportEdge(line: TextLine, match: EdgeMatch) {
      const raw = match.text
      const phraseStart = match.index + (raw.length - raw.trimStart().replace(/^[|•·»›:–—-]\s*/u, '').length)
      const phrase = line.text.slice(phraseStart, match.index + raw.length)
      const phraseEnd = phraseStart + phrase.length
      const atStart = match.index === 0
      const rest = line.text.slice(phraseEnd)
      const gapAfter = rest.length - rest.replace(/^[\s|•·»›:–—-]+/u, '').length
      // Delete the phrase with the separator between it and the rest of the line.
      const removal = atStart
        ? {start: line.toSource(phraseStart), end: line.toSource(phraseEnd + gapAfter)}
        : {start: line.toSource(line.text.slice(0, phraseStart).trimEnd().length, true), end: line.toSource(phraseEnd, true)}
      report({
        start: line.toSource(phraseStart),
        end: line.toSource(phraseEnd, true),
        reason: `Unexpected boilerplate \`${phrase}\`, remove it`,
        expected: [''],
        fixRange: removal,
        note: `Known phrase at the ${atStart ? 'start' : 'end'} of a line, from: ${matcher.edgeEntries.get(normalizePhrase(phrase))?.source ?? 'the phrase list'}`
      })
    }
  }
})
