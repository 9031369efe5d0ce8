import {DecodingMode, HtmlEntityDecoder, decodeHTML, decodeHTMLStrict} from 'entities/decode'
import {escapeText} from 'entities/escape'
import {htmlTagNames} from 'html-tag-names'
import {htmlElementAttributes} from 'html-element-attributes'
import {defineRule, type Report} from '../src/define-rule.js'
import {option} from '../src/options.js'
import type {Document, TextLine} from '../src/document.js'

/*
 * HTML left in text: entities that were never decoded (`&amp;`, `&#8217;`,
 * `&nbsp;`), tags and attribute fragments that were never stripped, and
 * HTML comments. The text a reader sees is checked (doc.lines), so in
 * Markdown and HTML files only markup that survived parsing as text counts
 * (a double-escaped `&amp;amp;`, an escaped `&lt;p&gt;`).
 */

const tagNames = new Set<string>(htmlTagNames)
const attributeNames = new Set<string>(Object.values(htmlElementAttributes).flat())

// An entity with its semicolon: named, decimal or hexadecimal.
const entityPattern = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g
// A legacy entity without its semicolon (`&nbsp `, `&copy 2024`): HTML decodes these too, so scrapers leave them.
const bareEntityPattern = /&([A-Za-z]{2,8}[0-9]{0,2})(?![\p{L}\p{N};=])/gu
// A start or end tag: a name, then attributes (quoted values may hold `>`), then `>` or `/>`.
const tagPattern = /<(\/?)([A-Za-z][A-Za-z0-9]*(?:[:-][A-Za-z0-9]+)*)((?:\s+[^\s"'<>\/=]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'<>]+))?)*)\s*(\/?)>/g
const commentPattern = /<!--[^]*?-->/g
// Attribute fragments of a tag cut in two: `name="value"` pairs ending in `>` or `/>`, or two pairs in a row.
const attributeRunPattern = /(?<![\p{L}\p{N}_-])(?:[A-Za-z][\w:-]*=(?:"[^"\n<>]*"|'[^'\n<>]*')\s*)+(?:\/?>)?/gu
const attributeNamePattern = /([A-Za-z][\w:-]*)=/g
const controlComment = /^<!--\s*scrapelint-/

// Elements whose tags fill scraped text; another element's bare start tag counts only with its end tag on the line.
const commonTags = new Set([
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'center', 'cite', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'li', 'ol', 'p', 'pre', 'q', 's', 'script', 'small',
  'span', 'strike', 'strong', 'style', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul', 'wbr'
])

// Tags that break a line or a block: removing one between two words must leave a space.
const breaking = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'
])

interface Candidate {
  start: number
  end: number
  /** The stretch of markup this candidate belongs to, and whether a tag in it breaks a line. */
  runStart: number
  runEnd: number
  runBreaks: boolean
  kind: 'entity' | 'tag' | 'comment' | 'attributes'
  text: string
  decoded?: string
  name?: string
}

function at(match: RegExpMatchArray) {
  const start = match.index ?? 0
  const end = start + match[0].length
  return {start, end, runStart: start, runEnd: end, runBreaks: false}
}

/** The legacy (semicolon-less) decoding of `&name`, or undefined when `name` as a whole is no legacy entity. */
function legacyEntity(name: string): string | undefined {
  let decoded = ''
  let consumed = 0
  const decoder = new HtmlEntityDecoder((codePoint, used) => {
    decoded += String.fromCodePoint(codePoint)
    consumed = used
  })
  decoder.startEntity(DecodingMode.Legacy)
  if (decoder.write(`${name} `, 0) < 0) decoder.end()
  // `consumed` counts the `&`: `&notit` decodes only `&not`, which is not what was written.
  return consumed === name.length + 1 ? decoded : undefined
}

function isKnownAttribute(name: string): boolean {
  const lower = name.toLowerCase()
  return attributeNames.has(lower) || lower.startsWith('data-') || lower.startsWith('aria-')
}

function candidatesIn(text: string, entities: boolean, tags: boolean): Candidate[] {
  const found: Candidate[] = []
  if (entities) {
    for (const match of text.matchAll(entityPattern)) {
      const decoded = decodeHTMLStrict(match[0])
      if (decoded !== match[0]) found.push({...at(match), kind: 'entity', text: match[0], decoded})
    }
    for (const match of text.matchAll(bareEntityPattern)) {
      const decoded = legacyEntity(match[1] ?? '')
      if (decoded !== undefined) found.push({...at(match), kind: 'entity', text: match[0], decoded})
    }
  }
  if (tags) {
    for (const match of text.matchAll(commentPattern)) {
      if (!controlComment.test(match[0])) found.push({...at(match), kind: 'comment', text: match[0]})
    }
    for (const match of text.matchAll(tagPattern)) {
      const name = (match[2] ?? '').toLowerCase()
      // Known HTML names, and Office's `o:p` or custom elements (`amp-img`) whose attributes all have values;
      // `<stdin>`, `<your name>` or `<pip-installed packages>` are placeholders.
      const foreign = /^[a-z]+:[a-z]+$/.test(name) || /^[a-z]+-[a-z-]+$/.test(name)
      const attributes = match[3] ?? ''
      // A bare `<name>` is a tag only for the elements scraped text is full of; `<command>` or `<input>` are placeholders.
      const bare = attributes.trim() === '' && match[1] === '' && match[4] === ''
      const html = tagNames.has(name) && (!bare || commonTags.has(name) || text.includes(`</${match[2] ?? ''}>`))
      if (html || (foreign && !/(?:^|\s)[^\s=]+(?=\s|$)/.test(attributes.replace(/=\s*("[^"]*"|'[^']*'|\S+)/g, '=')))) {
        found.push({...at(match), kind: 'tag', text: match[0], name})
      }
    }
    for (const match of text.matchAll(attributeRunPattern)) {
      const names = [...match[0].matchAll(attributeNamePattern)].map((name) => name[1] ?? '')
      const closes = /\/?>$/.test(match[0])
      if (names.every(isKnownAttribute) && (closes || names.length >= 2)) {
        found.push({...at(match), kind: 'attributes', text: match[0]})
      }
    }
  }
  // Inner findings (attributes inside a tag, an entity inside a comment) give way to the outer one.
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Candidate[] = []
  for (const candidate of found) {
    const last = kept.at(-1)
    if (!last || candidate.start >= last.end) kept.push(candidate)
  }
  // Markup right next to other markup (`</p><p>`) is one stretch.
  const isMarkup = (candidate: Candidate | undefined) => candidate !== undefined && candidate.kind !== 'entity'
  for (let first = 0; first < kept.length; ) {
    let last = first
    while (isMarkup(kept[first]) && isMarkup(kept[last + 1]) && kept[last + 1]?.start === kept[last]?.end) last++
    const run = kept.slice(first, last + 1)
    const runBreaks = run.some((item) => item.kind === 'tag' && breaking.has(item.name ?? ''))
    for (const member of run) Object.assign(member, {runStart: run[0]?.start ?? member.start, runEnd: run.at(-1)?.end ?? member.end, runBreaks})
    first = last + 1
  }
  return kept
}

const isWhitespace = (char: string | undefined) => char === undefined || /\s/.test(char)
const invisible = /^[\p{Cf}\p{Cc}]$/u

function describe(char: string): string {
  if (char === '\u00a0') return 'a no-break space'
  return `\`${char}\``
}

function reportCandidate(doc: Document, line: TextLine, candidate: Candidate, report: Report) {
  const start = line.toSource(candidate.start)
  const end = line.toSource(candidate.end, true)
  // Markup inside code is what the code shows (`<pre>` in a Markdown code span).
  if (doc.overlapsCode({start, end})) return
  // A fix only where the file holds the text that was read: as it is, or in an HTML file escaped (`&amp;amp;` read as
  // `&amp;`), where the replacement is escaped in turn.
  const source = doc.value.slice(start, end)
  const escaped = doc.syntax === 'html' && source !== candidate.text && decodeHTML(source) === candidate.text
  const exact = source === candidate.text || escaped
  const written = (text: string) => (escaped ? escapeText(text) : text)
  if (candidate.kind === 'entity') {
    const decoded = candidate.decoded ?? ''
    const hidden = invisible.test(decoded)
    report({
      start,
      end,
      reason: hidden
        ? `Unexpected HTML entity \`${candidate.text}\` for an invisible character, remove it`
        : `Unexpected HTML entity \`${candidate.text}\`, expected ${describe(decoded)}`,
      expected: exact ? [hidden ? '' : written(decoded)] : [],
      note: `\`${candidate.text}\` is HTML markup that was never decoded`
    })
    return
  }
  // Markup right next to other markup (`</p><p>`) is one stretch: its first piece keeps a space where one is needed,
  // its last takes a space with it where it stood between two.
  const before = line.text[candidate.runStart - 1]
  const after = line.text[candidate.runEnd]
  let replacement = ''
  let removalEnd = candidate.end
  if (candidate.start === candidate.runStart && candidate.runBreaks && !isWhitespace(before) && !isWhitespace(after)) replacement = ' '
  else if (candidate.end === candidate.runEnd && isWhitespace(before) && after === ' ' && candidate.runStart > 0) removalEnd = candidate.end + 1
  const what = candidate.kind === 'tag' ? 'HTML tag' : candidate.kind === 'comment' ? 'HTML comment' : 'HTML attributes'
  report({
    start,
    end,
    reason: `Unexpected ${what} \`${candidate.text.length > 80 ? `${candidate.text.slice(0, 77)}…` : candidate.text}\`, remove ${candidate.kind === 'attributes' ? 'them' : 'it'}`,
    expected: exact ? [written(replacement)] : [],
    fixRange: {start, end: line.toSource(removalEnd, true)},
    note: candidate.kind === 'attributes' ? 'Attributes of a tag that was cut in two' : 'Markup that a scraper left in the text'
  })
}

export default defineRule({
  id: 'no-html-residue',
  kind: 'encoding',
  readsLinks: true,
  summary: 'Warn on HTML left in the text: undecoded entities (`&amp;`, `&#8217;`), stray tags, attributes and comments',
  recommended: true,
  options: {
    entities: option.boolean({default: true, description: 'Flag undecoded HTML entities'}),
    tags: option.boolean({default: true, description: 'Flag stray tags, attribute fragments and HTML comments'})
  },
  examples: [
    {name: 'ok', input: 'AT&T and R&D rose; Q&A at 5 < 6 > 4. Pass <your name> to <stdin>.\n'},
    {
      name: 'real-numeric-entity',
      input: 'The senator has been criticized for seeming too ambitious — but that&#039;s kind of the point.\n',
      output: ["1:69-1:75 no-html-residue Unexpected HTML entity `&#039;`, expected `'`"],
      fixed: "The senator has been criticized for seeming too ambitious — but that's kind of the point.\n"
    },
    {
      name: 'named-entities',
      input: 'Puzzles &amp; Spells, 5&nbsp;km away&nbsp\n',
      output: [
        '1:9-1:14 no-html-residue Unexpected HTML entity `&amp;`, expected `&`',
        '1:24-1:30 no-html-residue Unexpected HTML entity `&nbsp;`, expected a no-break space',
        '1:37-1:42 no-html-residue Unexpected HTML entity `&nbsp`, expected a no-break space'
      ],
      fixed: 'Puzzles & Spells, 5\u00a0km away\u00a0\n'
    },
    {
      name: 'real-tags',
      input: 'Check out the trailer.\n\n<span data-mce-type="bookmark" class="mce_SELRES_start"></span>\n\nIt is <em>mostly</em> standard stuff.<br>A new car.\n',
      output: [
        '3:1-3:57 no-html-residue Unexpected HTML tag `<span data-mce-type="bookmark" class="mce_SELRES_start">`, remove it',
        '3:57-3:64 no-html-residue Unexpected HTML tag `</span>`, remove it',
        '5:7-5:11 no-html-residue Unexpected HTML tag `<em>`, remove it',
        '5:17-5:22 no-html-residue Unexpected HTML tag `</em>`, remove it',
        '5:38-5:42 no-html-residue Unexpected HTML tag `<br>`, remove it'
      ],
      fixed: 'Check out the trailer.\n\n\n\nIt is mostly standard stuff. A new car.\n'
    },
    {
      name: 'cut-tag',
      input: 'width="300" height="200" />Photo by Jane Doe.\n',
      output: ['1:1-1:28 no-html-residue Unexpected HTML attributes `width="300" height="200" />`, remove them'],
      fixed: 'Photo by Jane Doe.\n'
    },
    {name: 'html-markup-is-parsed', syntax: 'html', input: '<p>Tom &amp; Jerry<br>met.</p>\n'},
    {name: 'markup-in-code', syntax: 'markdown', input: 'Patterns such as `<pre>/**/../<p>/<rest>` are rewritten.\n'},
    {name: 'markup-in-html-code', syntax: 'html', input: '<p>Write <code>&lt;br&gt;</code> for a line break.</p>\n'}
  ],
  check(doc, options, report) {
    if (!options.entities && !options.tags) return
    const mayHold = (text: string) => text.includes('&') || text.includes('<') || text.includes('="') || text.includes("='")
    // One scan of the file settles most texts, which hold no markup at all.
    if (!mayHold(doc.value)) return
    for (const line of doc.lines) {
      if (!mayHold(line.text)) continue
      for (const candidate of candidatesIn(line.text, options.entities, options.tags)) reportCandidate(doc, line, candidate, report)
    }
  }
})
