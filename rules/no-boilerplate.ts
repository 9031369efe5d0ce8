import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {isDateline} from '../src/dates.js'
import {builtInPhrases, normalizePhrase, type PhraseEntry} from '../src/boilerplate-phrases.js'
import {option} from '../src/options.js'
import escapeRegExp from 'escape-string-regexp'
import {eng} from 'stopword'
import type {Report} from '../src/define-rule.js'
import type {Document, Span, TextLine} from '../src/document.js'

interface Matcher {
  whole: Map<string, PhraseEntry>
  /** The most non-space characters a whole-line key has: longer lines are not looked up. */
  longestKey: number
  /**
   * By first word, the edge phrases that start with it, anchored at the line's start ('' for phrases that start with
   * a symbol, such as "(opens in a new tab)"). A line that opens with another word has none of them at its start; one
   * regex per word keeps each alternation short (one alternation of all phrases took 10 µs on a line of prose).
   */
  starts: Map<string, RegExp>
  /**
   * By last word, the edge phrases that end in it: `end` is matched against the line's tail only (`tail`
   * characters), `endInside` after a separator only, for a tail that starts inside the line. A line that ends in
   * another word has none of them at its end; one regex per word keeps each alternation and tail short.
   */
  endings: Map<string, {end: RegExp; endInside: RegExp; tail: number}>
  /** The last word of every whole-line key. */
  wholeLastWords: Set<string>
  edgeEntries: Map<string, PhraseEntry>
}

interface EdgeMatch {
  index: number
  text: string
}

// What to strip from a line's ends before showing it: separators, not the phrase's own colon.
const separators = /^[\s|•·»›–—\-_*]+|[\s|•·»›–—\-_*]+$/gu
const domainLine = /^(?:https?:\/\/)?(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}\/?$/u

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

/** Where the last run of letters and digits of a text starts and ends, found by walking back from its end. */
function lastWordSpan(text: string): Span {
  let end = text.length
  while (end > 0 && !/[\p{L}\p{N}]/u.test(text[end - 1] ?? '')) end--
  let start = end
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start--
  return {start, end}
}

/** The last run of letters and digits of a text, lower-cased. */
function lastWordOf(text: string): string {
  const {start, end} = lastWordSpan(text)
  return text.slice(start, end).toLowerCase()
}

/** The first run of letters and digits of a text, lower-cased, or '' when the text (after spaces) opens with a symbol. */
function firstWordOf(text: string): string {
  return (firstWord.exec(text)?.[1] ?? '').toLowerCase()
}

const firstWord = /^\s*([\p{L}\p{N}]*)/u

// In a line of prose length (longer than `proseLength`, or than any whole phrase), an edge phrase must be set off from
// the prose: at the end, after sentence punctuation or a separator (not "…the views we all share this"); at the
// start, before a capital, a digit or a separator (not "Share this moment with…").
const proseLength = 100
const setOffBefore = /[.!?…"”’)\]|•·»›:–—-]\s*$/u
const proseAfter = /^\s*\p{Ll}/u

/**
 * An edge phrase at the start or end of a line: the end is searched in the line's tail, with `^` only where the tail
 * is the whole line. The regexes run only when the line's first or last word is the first or last word of a phrase.
 */
function edgeMatch(matcher: Matcher, text: string, lastWord: string, long: boolean): EdgeMatch | undefined {
  const start = matcher.starts.get(firstWordOf(text))
  if (start) {
    const atStart = start.exec(text)
    if (atStart && !(long && proseAfter.test(text.slice(atStart[0].length)))) return {index: atStart.index, text: atStart[0]}
  }
  const ending = matcher.endings.get(lastWord)
  if (!ending) return undefined
  const offset = Math.max(0, text.length - ending.tail)
  const atEnd = (offset === 0 ? ending.end : ending.endInside).exec(text.slice(offset))
  if (!atEnd) return undefined
  const index = atEnd.index + offset
  if (long && !setOffBefore.test(text.slice(Math.max(0, index - 8), index + 1))) return undefined
  return {index, text: atEnd[0]}
}

/** Keys grouped by a word of each, in their order (`Map.groupBy` needs Node 21). */
function groupedBy(keys: readonly string[], wordOf: (key: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const key of keys) {
    const word = wordOf(key)
    const group = groups.get(word)
    if (group) group.push(key)
    else groups.set(word, [key])
  }
  return groups
}

function matcherFor(options: {phrases: readonly string[]; allow: readonly string[]}): Matcher {
  let matcher = matchers.get(options)
  if (matcher) return matcher
  const allowed = new Set(options.allow.map(normalizePhrase))
  const entries = [...builtInPhrases, ...options.phrases.map((phrase) => ({phrase, source: 'your config', edge: true}))]
  const whole = new Map<string, PhraseEntry>()
  const edgeEntries = new Map<string, PhraseEntry>()
  for (const entry of entries) {
    const key = normalizePhrase(entry.phrase)
    if (!key || allowed.has(key)) continue
    whole.set(key, entry)
    if (entry.edge) edgeEntries.set(key, entry)
  }
  const pattern = (key: string) => escapeRegExp(key).replace(/ /g, '\\s+')
  // Longest first, so an alternation prefers the longer of two phrases that share a start or an end.
  const edgeKeys = [...edgeEntries.keys()].sort((a, b) => b.length - a.length)
  const byFirstWord = groupedBy(edgeKeys, (key) => (/^[\p{L}\p{N}]/u.test(key) ? firstWordOf(key) : ''))
  const starts = new Map(
    [...byFirstWord].map(([word, keys]) => [word, new RegExp(`^\\s*(?:${keys.map(pattern).join('|')})(?=$|[\\s|•·»›:–—-])`, 'iu')] as const)
  )
  const byLastWord = groupedBy(edgeKeys, lastWordOf)
  // Keys lose their closing period when normalised: the line may keep it ("… rewritten or redistributed.").
  // A phrase's source may have more spacing than its key: the tail searched allows for it.
  const endings = new Map(
    [...byLastWord].map(([word, keys]) => {
      const group = keys.map(pattern).join('|')
      const end = new RegExp(`(?:^|[\\s|•·»›:–—-])(?:${group})[.…]?$`, 'iu')
      const endInside = new RegExp(`[\\s|•·»›:–—-](?:${group})[.…]?$`, 'iu')
      return [word, {end, endInside, tail: 4 * Math.max(...keys.map((key) => key.length)) + 16}] as const
    })
  )
  const nonSpace = (key: string) => key.replace(/\s/g, '').length
  const longestKey = Math.max(0, ...[...whole.keys()].map(nonSpace))
  const wholeLastWords = new Set([...whole.keys()].map((key) => lastWordOf(key)))
  matcher = {whole, longestKey, starts, endings, wholeLastWords, edgeEntries}
  matchers.set(options, matcher)
  return matcher
}

interface StructureData {
  metadata: Array<{what: string; pattern: string; source: string; matchCase?: boolean; anywhere?: boolean; titleLike?: boolean; maxLength?: number; cue?: string}>
  callsToAction: {verbs: string[]; openers: string[]; reader: string[]; channels: string[]; subscribing: string[]; strongChannels: string[]}
}

const structure = loadData('boilerplate-structure.yml') as StructureData
// The longest metadata line the patterns allow (a long copyright or disclosure notice).
const maxMetadataLength = 400
// A caption credit or copyright line inside the text is short; prose paragraphs are not tested for one.
const maxCaptionLength = 200
const metadataPatterns = structure.metadata.map((entry) => ({
  what: entry.what,
  pattern: new RegExp(`^(?:${entry.pattern})$`, entry.matchCase ? 'u' : 'iu'),
  anywhere: entry.anywhere ?? false,
  titleLike: entry.titleLike ?? true,
  maxLength: entry.maxLength ?? maxCaptionLength,
  // Without the u flag: a case-insensitive literal scan is several times faster (the cues are plain text).
  cue: entry.cue === undefined ? undefined : new RegExp(entry.cue, 'i')
}))
type MetadataPattern = (typeof metadataPatterns)[number]
/** Whether a trimmed line is this metadata and nothing else: the cheap cue first, then the whole pattern. */
const isMetadata = (entry: MetadataPattern, trimmed: string) => (entry.cue === undefined || entry.cue.test(trimmed)) && entry.pattern.test(trimmed)
// Lines longer than this are prose paragraphs: the anywhere checks skip them without running a pattern.
const maxAnywhereLength = Math.max(2 * maxCaptionLength, ...metadataPatterns.map((entry) => entry.maxLength))
const phrasesPattern = (phrases: readonly string[]) => phrases.map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+')).join('|')
const callOpener = new RegExp(`^(?:${phrasesPattern(structure.callsToAction.openers)})\\b`, 'iu')
const callVerb = new RegExp(`\\b(?:${phrasesPattern(structure.callsToAction.verbs)})\\b`, 'iu')
const callAddressee = new Set([...structure.callsToAction.reader, ...structure.callsToAction.channels])
const callReader = new Set(structure.callsToAction.reader)
const strongChannels = new Set(structure.callsToAction.strongChannels)
// One scan that rules out most prose before the word-by-word test: a strong call names a strong channel.
const strongChannelCue = new RegExp(`\\b(?:${phrasesPattern(structure.callsToAction.strongChannels)})\\b`, 'i')
// Every cue of the anywhere patterns and every strong channel, in one case-insensitive scan.
const anyCue = new RegExp(
  [...metadataPatterns.flatMap((entry) => (entry.anywhere && entry.cue ? [entry.cue.source] : [])), strongChannelCue.source].map((cue) => `(?:${cue})`).join('|'),
  'i'
)
// A subscription verb that opens the line as an imperative ("Sign up to get…", "Subscribe for…").
const subscribeOpener = new RegExp(`^(?:${phrasesPattern(structure.callsToAction.subscribing)})\\s+(?:to|for|now|today|and|here|free)\\b`, 'iu')
const maxCallWords = 40
const stopwords = new Set(eng)
const lineWord = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu
/** The words of a text in lower case, curly apostrophes straightened, as the call-to-action word lists write them. */
const callWordsOf = (text: string) => (text.toLowerCase().match(lineWord) ?? []).map((word) => word.replace(/’/g, "'"))
const sentenceEnd = /[.!?…]["”’')\]]*$/u
// jusText's thresholds (Pomikálek 2011): a block under 70 characters with a stopword density under 0.30 is "bad".
const shortLength = 70
const maxShortWords = 10
const maxStopwordDensity = 0.3
const numberedItem = /^\d{1,3}[.)]\s+\S/u

type EdgeKind = {kind: 'short'} | {kind: 'metadata'; what: string; anywhere: boolean} | {kind: 'filler'}

/**
 * Whether a line is a strong call to action, furniture wherever it stands: an appeal (see `isCallToAction`) that
 * either opens with a subscription imperative ("Sign up to get the best content of the week") or has a call verb,
 * speaks to the reader and names a subscription channel ("Never miss the latest news by signing up to our
 * newsletter today!", "…you're already a subscriber, you can log in…").
 */
function isStrongCall(text: string): boolean {
  if (subscribeOpener.test(text)) return appealSentences(text) && (text.match(lineWord) ?? []).length <= maxCallWords
  if (!strongChannelCue.test(text) || !isCallToAction(text)) return false
  const words = callWordsOf(text)
  return words.some((word) => strongChannels.has(word)) && words.some((word) => callReader.has(word))
}

/**
 * Whether a line is an appeal to the reader: it opens with a call
 * ("Subscribe", "Do you want") or has one ("download the"), speaks to the
 * reader or names a channel, and each of its sentences is part of the
 * appeal (so "The vote is on Monday. Follow us" is prose with a tail).
 */
function isCallToAction(text: string): boolean {
  if (!callOpener.test(text) && !callVerb.test(text)) return false
  const words = callWordsOf(text)
  if (words.length > maxCallWords || !words.some((word) => callAddressee.has(word))) return false
  return appealSentences(text)
}

/** Whether each sentence of a line is part of an appeal: it opens with a call, has one, or speaks to the reader or names a channel. */
function appealSentences(text: string): boolean {
  return text.split(/(?<=[.!?])\s+/u).every((sentence) => {
    return callOpener.test(sentence) || callVerb.test(sentence) || callWordsOf(sentence).some((word) => callAddressee.has(word))
  })
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
  // A line without a letter (a separator, a phone number, a score) counts in a run but is not reported.
  if (!/\p{L}/u.test(trimmed)) return {kind: 'filler'}
  // An item of a numbered list ("86. Corey Taylor") is the article's own list: navigation is not numbered.
  if (numberedItem.test(trimmed) || trimmed.length >= shortLength || sentenceEnd.test(trimmed)) return undefined
  const words = trimmed.match(lineWord) ?? []
  if (words.length > maxShortWords) return undefined
  const stopwordCount = words.filter((word) => stopwords.has(word.toLowerCase())).length
  return stopwordCount / words.length < maxStopwordDensity ? {kind: 'short'} : undefined
}

/** The metadata a line is (a dateline, a byline, a copyright notice…), if it is nothing but that. */
function metadataOf(line: TextLine): EdgeKind | undefined {
  if (line.text.length > maxMetadataLength) return undefined
  const trimmed = line.text.trim()
  if (isDateline(trimmed)) return {kind: 'metadata', what: 'a dateline', anywhere: false}
  for (const entry of metadataPatterns) {
    const {what, anywhere, titleLike} = entry
    if ((titleLike || !line.isTitle) && isMetadata(entry, trimmed)) return {kind: 'metadata', what, anywhere}
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
function edgeRun(doc: Document, lines: readonly TextLine[], edge: 'start' | 'end', reported: ReadonlySet<TextLine>): Member[] {
  const members: Member[] = []
  // Where the run has reached: a code block between there and the next line means the text goes on there.
  let reached = edge === 'start' ? 0 : doc.value.length
  for (const line of lines) {
    if (edge === 'start' ? doc.skipsContentBetween(reached, line.start) : doc.skipsContentBetween(line.end, reached)) break
    reached = edge === 'start' ? line.end : line.start
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

function reportStructure(doc: Document, lines: readonly TextLine[], reported: ReadonlySet<TextLine>, report: Report) {
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
    const run = edgeRun(doc, ordered, edge, reported)
    // A run is two lines or more; one line alone counts only when it is metadata.
    const counted = run.filter((member) => member.kind.kind !== 'filler' || reported.has(member.line))
    const note = `Structural signal: ${run.length} line${run.length === 1 ? '' : 's'} of page furniture at the ${edge} of the text, before its first line of prose`
    for (const {line, kind} of run) {
      if (kind.kind === 'filler' || done.has(line) || (counted.length < 2 && kind.kind !== 'metadata')) continue
      reportLine(line, kind.kind === 'metadata' ? kind.what : 'a short line with few stopwords and no sentence punctuation', `at the ${edge} of the text`, note)
    }
  }
  // Caption credits, copyright lines, disclosures and strong calls to action are furniture wherever they stand.
  for (const line of lines) {
    if (done.has(line) || reported.has(line) || line.text.length > maxAnywhereLength) continue
    const trimmed = line.text.trim()
    // One scan for all cues: most prose lines have none, and then only the anchored patterns without a cue run.
    const cued = anyCue.test(trimmed)
    const found = metadataPatterns.find(
      (entry) =>
        entry.anywhere &&
        line.text.length <= entry.maxLength &&
        (cued || entry.cue === undefined) &&
        (entry.titleLike || !line.isTitle) &&
        isMetadata(entry, trimmed)
    )
    if (found) reportLine(line, found.what, 'inside the text', `Structural signal: a line that is only ${found.what}`)
    else if (line.text.length <= maxCaptionLength * 2 && (cued || subscribeOpener.test(trimmed)) && isStrongCall(trimmed))
      reportLine(line, 'a call to action', 'inside the text', 'Structural signal: a line that is only an appeal to subscribe, sign up or log in')
  }
}

export default defineRule({
  id: 'no-boilerplate',
  kind: 'boilerplate',
  readsLinks: true,
  summary: 'Warn on scraping boilerplate: share bars, cookie banners, “Exit mobile version”, a lone site name',
  recommended: true,
  options: {
    phrases: option.strings({default: [], description: 'More boilerplate phrases to flag, as whole lines or at line edges'}),
    allow: option.strings({default: [], description: 'Built-in phrases to accept'}),
    siteNames: option.boolean({default: true, description: 'Flag a line that is only a domain name at the start or end of the text'}),
    structure: option.boolean({
      default: true,
      description:
        'Also flag, one severity lower and without a fix: runs of short lines with few stopwords and no sentence punctuation, bylines, datelines and calls to action at the start or end of the text; anywhere, a line that is only a caption credit, a copyright or reprint notice, a “Read more:” link, a date or category label, a Q&A signature, a letters-to-the-editor prompt, an advertising disclosure, or a newsletter or paywall prompt'
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
      name: 'edge-phrase-closing-a-long-paragraph',
      input:
        'WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee, ending a months-long fight over the post that had split both parties and drawn heavy lobbying from business groups and unions alike. Leaders of both parties said the next vote on the budget would come in March, after the recess. Copyright 2014 The Associated Press. This material may not be published, broadcast, rewritten or redistributed.\n',
      output: [
        '1:343-1:417 no-boilerplate Unexpected boilerplate `This material may not be published, broadcast, rewritten or redistributed.`, remove it'
      ],
      fixed: 'WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee, ending a months-long fight over the post that had split both parties and drawn heavy lobbying from business groups and unions alike. Leaders of both parties said the next vote on the budget would come in March, after the recess. Copyright 2014 The Associated Press.\n'
    },
    {
      name: 'ok-edge-words-inside-long-prose',
      input:
        'The mayor said the city would look at every option before the vote, and that residents who want a say should come to the hall on Monday night, because the views they share this week will shape the budget we all share this\n'
    },
    {
      name: 'structure-newsletter-prompt-inside',
      input: 'The club will play its next match at home.\n\nNever miss the latest news by signing up to our newsletter today!\n\nTickets go on sale on Friday.\n',
      output: [
        '3:1-3:66 no-boilerplate Probable boilerplate `Never miss the latest news by signing up to our newsletter today!`: a call to action inside the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-paywall-notice',
      input:
        'To view the full story, please subscribe to The Haitian Times. You can choose a $60 Annual Subscription or a $5 Weekly Pass.\n\nIf you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.\n\nThe family opened the shop in 1998.\n',
      output: [
        '1:1-1:125 no-boilerplate Probable boilerplate `To view the full story, please subscribe to The Haitian Times. You can choose a $60 Annual Subscription or a $5 Weekly Pass.`: a call to action inside the text, remove it if it is not part of the article',
        '3:1-3:114 no-boilerplate Probable boilerplate `If you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.`: a call to action inside the text, remove it if it is not part of the article'
      ]
    },
    {name: 'ok-subscription-in-prose', input: 'The paper lost subscribers last year.\n\nSubscribers who log in to their email accounts saw the notice on Monday.\n\nThe board meets again in May.\n'},
    {
      name: 'structure-caption-credit',
      input: 'Striking members of the UCU and other unions at University College last year. Photograph: Guy Smallman/Getty Images\n\nAcademics are balloting for more strikes.\n',
      output: [
        '1:1-1:116 no-boilerplate Probable boilerplate `Striking members of the UCU and other unions at University College last year. Photograph: Guy Smallman/Getty Images`: a caption credit at the start of the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-read-more-link',
      input: 'The museum returned the bronzes in July.\n\nRead more: Looted colonial art: Germany to set up new contact office\n\nMore returns are planned.\n',
      output: [
        '3:1-3:69 no-boilerplate Probable boilerplate `Read more: Looted colonial art: Germany to set up new contact office`: a link to another article inside the text, remove it if it is not part of the article'
      ]
    },
    {name: 'ok-related-in-prose', input: 'Related talks were held in Berlin.\n\nThe minister read more than a hundred letters: most asked for a delay.\n'},
    {
      name: 'ok-headings-before-code',
      syntax: 'markdown',
      input:
        '# Our data on heat deaths\n\nWe counted heat deaths in every county from 2010 to 2023.\n\n## Data download\n\n```sh\ncurl -O https://example.com/heat-deaths.csv\n```\n\n## Python loader\n\n```python\nimport pandas\n```\n'
    },
    {
      name: 'ok-table-at-the-end',
      syntax: 'markdown',
      input:
        'Putin and Kim met at the Vostochny Cosmodrome on Wednesday, the Kremlin said.\n\n| Leader | Country |\n| --- | --- |\n| Kim Jong Un | North Korea |\n| Vladimir Putin | Russia |\n'
    },
    {
      name: 'structure-metadata-labels',
      input: 'News date : 04/21/2022    Category : Press Releases\n\nThe resort reopened its marina on Thursday after repairs.\n\nasked Feb 6, 2014 at 20:37\n\nWhat does the word mean here?\n',
      output: [
        '1:1-1:52 no-boilerplate Probable boilerplate `News date : 04/21/2022    Category : Press Releases`: a date or category label at the start of the text, remove it if it is not part of the article',
        '5:1-5:27 no-boilerplate Probable boilerplate `asked Feb 6, 2014 at 20:37`: a question or answer signature inside the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-republication-and-wire-photo-credit',
      input:
        'Putin met Kim at the Vostochny Cosmodrome on Wednesday, the Kremlin said.\n\nKim Jong Un and Vladimir Putin shake hands at the Vostochny Cosmodrome on Wednesday. (AP Photo/Pool)\n\nThe talks lasted four hours, and the two leaders toured the launch site.\n\nThis article is republished from The Conversation under a Creative Commons license. Read the original article.\n\nThe two sides will meet again in Moscow next year, officials said.\n',
      output: [
        '3:1-3:101 no-boilerplate Probable boilerplate `Kim Jong Un and Vladimir Putin shake hands at the Vostochny Cosmodrome on Wednesday. (AP Photo/Pool)`: a photo credit inside the text, remove it if it is not part of the article',
        '7:1-7:111 no-boilerplate Probable boilerplate `This article is republished from The Conversation under a Creative Commons license. Read the original article.`: a republication notice inside the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'structure-embeds-and-image-labels',
      input:
        'Published 3 hours ago\n\nPutin met Kim at the Vostochny Cosmodrome on Wednesday, the Kremlin said.\n\nImage source, Getty Images\n\nThe talks lasted four hours, and the two leaders toured the launch site.\n\nThis content is imported from Twitter. You may be able to find the same content in another format, or you may be able to find more information, at their web site.\n\npic.twitter.com/hQd9AzA3Xr\n\nThe two sides will meet again in Moscow next year, officials said.\n',
      output: [
        '1:1-1:22 no-boilerplate Probable boilerplate `Published 3 hours ago`: a relative date at the start of the text, remove it if it is not part of the article',
        '5:1-5:27 no-boilerplate Probable boilerplate `Image source, Getty Images`: an image source or caption label inside the text, remove it if it is not part of the article',
        '9:1-9:163 no-boilerplate Probable boilerplate `This content is imported from Twitter. You may be able to find the same content in another format, or you may be able to find more information, at their web site.`: an embed placeholder inside the text, remove it if it is not part of the article',
        '11:1-11:27 no-boilerplate Probable boilerplate `pic.twitter.com/hQd9AzA3Xr`: an embedded tweet\'s picture link inside the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'ok-tweet-and-its-signature',
      input:
        'The city closed several streets after the storm on Sunday.\n\nRoad closures are in place downtown until 6pm. Please avoid the area.\n\n— City Police (@CityPoliceDept) January 4, 2015\n\nCrews worked through the night to clear fallen trees.\n'
    },
    {
      name: 'ok-first-published-as-prose',
      input: 'The novel returns to print this spring.\n\nFirst published in 1962, the novel follows a family through the war years and their return to the farm.\n\nIts new edition adds a foreword by the author’s daughter.\n'
    },
    {
      name: 'structure-letters-and-disclosure',
      input:
        'The fires are getting worse each year.\n\nWe want to hear what you think about this article. Submit a letter to the editor or write to letters@theatlantic.com.\n\nThe party was loud.\n\nAdvertising disclosure: We may receive compensation for some of the links in our stories. Thank you for supporting the Village Voice and our advertisers.\n\nThe band played late.\n',
      output: [
        '3:1-3:118 no-boilerplate Probable boilerplate `We want to hear what you think about this article. Submit a letter to the editor or write to letters@theatlantic.com.`: a letters-to-the-editor prompt inside the text, remove it if it is not part of the article',
        '7:1-7:154 no-boilerplate Probable boilerplate `Advertising disclosure: We may receive compensation for some of the links in our stories. Thank you for supporting the Village Voice and our advertisers.`: an advertising disclosure inside the text, remove it if it is not part of the article'
      ]
    },
    {name: 'ok-letter-to-the-editor-in-prose', input: 'In a letter to the editor, the mayor wrote that the plan had failed.\n\nShe said she would send a letter to the editor next week.\n'},
    {
      name: 'structure-long-copyright-notice',
      input:
        'The health agency warned of new surges.\n\n© 2022, BreakingBelizeNews.com. This article is the copyrighted property of Breaking Belize News. Written permission must be obtained before reprint in online or print media.\n',
      output: [
        '3:1-3:175 no-boilerplate Probable boilerplate `© 2022, BreakingBelizeNews.com. This article is the copyrighted property of Breaking Belize News. Written permission must be obtained before reprint in online or print media.`: a copyright notice at the end of the text, remove it if it is not part of the article'
      ]
    },
    {
      name: 'ok-metadata-words-in-prose',
      input:
        'The agency was asked on Feb 6 to review the case.\n\nThe image was published on Monday. Photographers were kept outside.\n\nShe printed the map without written permission, the copyright holder said.\n\nThe firm may receive compensation from the state, its lawyer said.\n'
    },
    {name: 'ok-numbered-list-and-phone-at-the-end', input: 'Our list of the best singers ends here.\n\n99. Kevin Dubrow\n\n100. Ray Gillen\n\nAddress\n\n+81 158-23-2012\n'},
    {
      name: 'structure-off',
      options: {structure: false},
      input: 'The segment aired on Monday night.\n\n[Photo via screengrab]\n\n>> Follow Matt Wilstein on Twitter\n'
    }
  ],
  prepare(options) {
    matcherFor(options)
  },
  check(doc, options, report) {
    const matcher = matcherFor(options)
    const textLines = doc.lines.filter((line) => /\S/.test(line.text))
    // Whole lines the phrase list or the site-name check took: the structural signal counts them in its runs.
    const wholeLines = new Set<TextLine>()
    for (const line of textLines) {
      const lastWordAt = lastWordSpan(line.text)
      const lastWord = line.text.slice(lastWordAt.start, lastWordAt.end).toLowerCase()
      if (!mayBeWholePhrase(line.text, matcher.longestKey)) {
        // Too long to be a whole phrase, but a paragraph can still open or close with one.
        const edge = edgeMatch(matcher, line.text.trimEnd(), lastWord, true)
        if (edge) reportEdge(line, edge)
        continue
      }
      // Normalising keeps the last word of a line that is ASCII from the character before that word on (NFKC leaves
      // ASCII alone): when no phrase ends in that word, the line is no whole phrase (and, having a word, normalises
      // to a non-empty key), so normalising it can be skipped. Most lines of news have a curly quote or a dash
      // somewhere, so the test looks at the tail only.
      const mayBeWhole = lastWord === '' || matcher.wholeLastWords.has(lastWord) || nonAscii.test(line.text.slice(Math.max(0, lastWordAt.start - 1)))
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
      const edge = edgeMatch(matcher, line.text.trimEnd(), lastWord, line.text.length > proseLength)
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
    if (options.structure) reportStructure(doc, textLines, wholeLines, report)

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
