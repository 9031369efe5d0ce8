import retextRepeatedWords from 'retext-repeated-words'
import type {Root, RootContent, Sentence as NlcstSentence} from 'nlcst'
import {VFile} from 'vfile'
import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {option} from '../src/options.js'
import escapeRegExp from 'escape-string-regexp'
import type {Document, TextLine, Word} from '../src/document.js'
import type {Report} from '../src/define-rule.js'

interface Reduplications {
  words: string[]
  names: string[]
}

const data = loadData('reduplications.yml') as Reduplications
const legitimateWords = new Set(data.words.map((word) => word.toLowerCase()))
const legitimateNames = new Set(data.names.map((name) => name.toLowerCase().replace(/[\s-]+/g, ' ')))
const runRepeatedWords = (retextRepeatedWords as () => (tree: Root, file: VFile) => void)()
const minimumTitleRepeat = 5
const titleWord = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu

/** Whether `a a` is ordinary English or a name made of a doubled word. */
function isLegitimate(word: string, allow: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase()
  return legitimateWords.has(lower) || legitimateNames.has(`${lower} ${lower}`) || allow.has(lower)
}

// The one letter whose lower case is longer: `İ` (U+0130) lowers to `i` and a combining dot.
const lengtheningCapital = '\u0130'

/**
 * `a.toLowerCase() === b.toLowerCase()` for two words of one length, without
 * lowering either: code units are compared in turn, ASCII ones that differ
 * must be a case pair, and at the first other difference both words are
 * lowered after all. Every unit before it was equal or an ASCII case pair,
 * so the lower cases line up there even with an `İ` before it. Most
 * neighbouring words differ at once.
 */
function sameInLowerCase(a: string, b: string): boolean {
  for (let index = 0; index < a.length; index++) {
    const x = a.charCodeAt(index)
    const y = b.charCodeAt(index)
    if (x === y) continue
    if (x >= 128 || y >= 128) return a.toLowerCase() === b.toLowerCase()
    const lower = x | 32
    if (lower !== (y | 32) || lower < 97 || lower > 122) return false
  }
  return true
}

/**
 * A cheap first look: the start offsets of the sentences in which two
 * neighbouring words read alike in lower case. Every repeat
 * retext-repeated-words reports is such a pair (its words stand next to each
 * other, with only white space between), so it need only read those.
 */
function sentencesWithAdjacentRepeat(doc: Document): Set<number> {
  const starts = new Set<number>()
  for (const sentence of doc.sentences) {
    const words = sentence.words
    for (let index = 1; index < words.length; index++) {
      const a = (words[index - 1] as Word).text
      const b = (words[index] as Word).text
      // Lower-casing keeps a word's length (but for `İ`): only words of one length can read alike.
      const alike =
        a.length === b.length ? sameInLowerCase(a, b) : (a.includes(lengtheningCapital) || b.includes(lengtheningCapital)) && a.toLowerCase() === b.toLowerCase()
      if (alike) {
        starts.add(sentence.start)
        break
      }
    }
  }
  return starts
}

/** The tree's sentence nodes that start at one of `starts`, in order. */
function sentenceNodesAt(tree: Root, starts: ReadonlySet<number>): NlcstSentence[] {
  const found: NlcstSentence[] = []
  const visit = (node: Root | RootContent) => {
    if (node.type === 'SentenceNode') {
      if (starts.has(node.position?.start.offset ?? 0)) found.push(node)
    } else if ('children' in node) {
      for (const child of node.children) visit(child)
    }
  }
  visit(tree)
  return found
}

/** retext-repeated-words on the whole text, its findings re-stamped with our id and filtered by our list. */
function reportBodyRepeats(doc: Document, allow: ReadonlySet<string>, report: Report): Set<number> {
  const reported = new Set<number>()
  // Most texts repeat no word twice in a row, and a long one only in a few sentences: the plugin reads those alone.
  const starts = sentencesWithAdjacentRepeat(doc)
  if (starts.size === 0) return reported
  const scratch = new VFile({path: doc.file.path, value: doc.value})
  runRepeatedWords({type: 'RootNode', children: [{type: 'ParagraphNode', children: sentenceNodesAt(doc.tree, starts)}]}, scratch)
  for (const message of scratch.messages) {
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined
    const word = message.expected?.[0]
    if (start === undefined || end === undefined || !word || isLegitimate(word, allow)) continue
    // Only plain `word word`: across markup (`PubMed</a> <a>PubMed`) it is two links, not a typo.
    const written = doc.value.slice(start, end)
    if (!new RegExp(`^${escapeRegExp(word)}\\s+${escapeRegExp(word)}$`, 'iu').test(written)) continue
    if (isWordThenAcronym(written)) continue
    reported.add(start)
    // The first word is kept as written: `The the man` becomes `The man`, not `the man`.
    const kept = written.slice(0, written.search(/\s/))
    report({start, end, reason: `Unexpected repeated \`${kept}\`, remove one occurrence`, expected: [kept]})
  }
  return reported
}

/**
 * Whether a repeat is a word beside the acronym it reads as: `12:10 pm PM
 * concerned` (a live blog's time, then the prime minister), `for us US
 * troops`. One of the two is in lower case, the other in capitals (two
 * letters or more, so that a doubled `A a` still counts).
 */
function isWordThenAcronym(written: string): boolean {
  const [first = '', second = ''] = written.split(/\s+/)
  const lower = (text: string) => text === text.toLowerCase() && text !== text.toUpperCase()
  const capitals = (text: string) => text.length >= 2 && text === text.toUpperCase() && text !== text.toLowerCase()
  return (lower(first) && capitals(second)) || (capitals(first) && lower(second))
}

/** Capitalised repeats in a headline ("Strategic Strategic"), which retext-repeated-words leaves alone as possible names. */
function reportTitleRepeats(line: TextLine, allow: ReadonlySet<string>, skip: Set<number>, report: Report) {
  let previous: RegExpExecArray | undefined
  for (const match of line.text.matchAll(titleWord)) {
    const between = previous ? line.text.slice(previous.index + previous[0].length, match.index) : ''
    if (previous && /^[ \t]+$/.test(between) && previous[0].toLowerCase() === match[0].toLowerCase()) {
      const start = line.toSource(previous.index)
      // Short capitalised doubles are mostly names (Dee Dee, Mya Mya, Aye Aye): only longer words count.
      if (!skip.has(start) && match[0].length >= minimumTitleRepeat && !isLegitimate(match[0], allow)) {
        report({
          start,
          end: line.toSource(match.index + match[0].length, true),
          reason: `Unexpected repeated \`${match[0]}\` in a headline, remove one occurrence`,
          expected: [previous[0]]
        })
      }
    }
    previous = match
  }
}

export default defineRule({
  id: 'repeated-words',
  kind: 'repetition',
  summary: 'Warn on a word written twice in a row (“the the”, “Strategic Strategic” in a headline)',
  recommended: true,
  options: {
    allow: option.strings({default: [], description: 'Words whose doubling is fine in your texts'})
  },
  examples: [
    {name: 'ok-reduplications', input: 'The band Duran Duran played. They had had enough, bye bye.\n'},
    {
      name: 'lower-case',
      input: 'The talks were held in the the capital.\n',
      output: ['1:24-1:31 repeated-words Unexpected repeated `the`, remove one occurrence'],
      fixed: 'The talks were held in the capital.\n'
    },
    {
      name: 'headline',
      input:
        'Implications of the Russian-South Korea Strategic Strategic Partnership for Security\n\nThe two leaders met on Tuesday.\n',
      output: ['1:41-1:60 repeated-words Unexpected repeated `Strategic` in a headline, remove one occurrence'],
      fixed: 'Implications of the Russian-South Korea Strategic Partnership for Security\n\nThe two leaders met on Tuesday.\n'
    },
    {name: 'ok-name-in-headline', input: 'Talks With Phyu Phyu Thin Resume in Yangon\n\nThe talks resumed.\n'},
    {name: 'ok-word-beside-its-acronym', input: 'Live updates. 12:10 pm   PM says he is concerned about the name. They told us US troops would stay.\n'},
    {
      name: 'capital-then-lower-case',
      input: 'The site was cordoned off. A a user picks the setting.\n',
      output: ['1:28-1:31 repeated-words Unexpected repeated `A`, remove one occurrence'],
      fixed: 'The site was cordoned off. A user picks the setting.\n'
    }
  ],
  check(doc, options, report) {
    const allow = new Set(options.allow.map((word) => word.toLowerCase()))
    const reported = reportBodyRepeats(doc, allow, report)
    for (const line of doc.titles) reportTitleRepeats(line, allow, reported, report)
  }
})
