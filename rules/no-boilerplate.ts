import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {option} from '../src/options.js'
import escapeRegExp from 'escape-string-regexp'
import type {TextLine} from '../src/document.js'

interface PhraseEntry {
  phrase: string
  source: string
  edge?: boolean
}

interface Matcher {
  whole: Map<string, PhraseEntry>
  edge: RegExp | undefined
  edgeEntries: Map<string, PhraseEntry>
}

// Separators that share bars and menus put around their items.
const edgePunctuation = /^[\s|•·»›:–—\-_*]+|[\s|•·»›:–—\-_*.…]+$/gu
// What to strip from a line's ends before showing it: separators, not the phrase's own colon.
const separators = /^[\s|•·»›–—\-_*]+|[\s|•·»›–—\-_*]+$/gu
const domainLine = /^(?:https?:\/\/)?(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}\/?$/u

/** Case-, width- and whitespace-insensitive form of a phrase or line. */
export function normalizePhrase(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(edgePunctuation, '')
}

const matchers = new WeakMap<object, Matcher>()

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
  const edge = alternatives.length > 0 ? new RegExp(`^\\s*(?:${alternatives.join('|')})(?=$|[\\s|•·»›:–—-])|(?:^|[\\s|•·»›:–—-])(?:${alternatives.join('|')})$`, 'iu') : undefined
  matcher = {whole, edge, edgeEntries}
  matchers.set(options, matcher)
  return matcher
}

export default defineRule({
  id: 'no-boilerplate',
  kind: 'boilerplate',
  summary: 'Warn on scraping boilerplate: share bars, cookie banners, “Exit mobile version”, a lone site name',
  recommended: true,
  options: {
    phrases: option.strings({default: [], description: 'More boilerplate phrases to flag, as whole lines or at line edges'}),
    allow: option.strings({default: [], description: 'Built-in phrases to accept'}),
    siteNames: option.boolean({default: true, description: 'Flag a line that is only a domain name at the start or end of the text'})
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
    {name: 'markdown-code-is-skipped', syntax: 'markdown', input: 'Text.\n\n```\nExit mobile version\n```\n'}
  ],
  check(doc, options, report) {
    const matcher = matcherFor(options)
    const textLines = doc.lines.filter((line) => /\S/.test(line.text))
    for (const line of textLines) {
      const key = normalizePhrase(line.text)
      if (!key) continue
      const entry = matcher.whole.get(key)
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
        continue
      }
      const edge = matcher.edge?.exec(line.text.trimEnd())
      if (edge) reportEdge(line, edge)
    }
    if (options.siteNames) {
      for (const line of new Set([textLines[0], textLines.at(-1)])) {
        if (line && domainLine.test(line.text.trim())) {
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
        }
      }
    }

    function reportEdge(line: TextLine, match: RegExpExecArray) {
      const raw = match[0]
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
