import {createRequire} from 'node:module'
import type {LinkifyIt} from 'linkify-it'
import type {Span} from './document.js'

const require = createRequire(import.meta.url)

/**
 * Links with a scheme (`https://…`, `mailto:`), e-mail addresses, and
 * `www.` or bare domains. Loaded on the first question: most runs with no
 * finding near an address never need it (loading and compiling its
 * patterns take about 25 ms).
 */
let linkify: LinkifyIt | undefined

function linkifier(): LinkifyIt {
  if (!linkify) {
    const {LinkifyIt: Linkify} = require('linkify-it') as typeof import('linkify-it')
    linkify = new Linkify({fuzzyLink: true, fuzzyEmail: true})
  }
  return linkify
}

const space = /\s/
/** What every web or e-mail address holds: a dot in its host, a scheme's colon or an e-mail's at sign. */
const addressMark = /[.:@]/

/**
 * Whether a range of `value` lies wholly inside a web or e-mail address.
 * A word inside one is part of an address, not prose:
 * `kim-jung-un-ukranian` in a URL's path is a slug, and "fixing" it would
 * break the link. An address holds no white space, so only the run of
 * non-space characters around the range is searched.
 */
export function insideLink(value: string, range: Span): boolean {
  if (range.end > value.length || space.test(value.slice(range.start, range.end))) return false
  let start = range.start
  while (start > 0 && !space.test(value.charAt(start - 1))) start--
  let end = range.end
  while (end < value.length && !space.test(value.charAt(end))) end++
  const chunk = value.slice(start, end)
  if (!addressMark.test(chunk)) return false
  return linksIn(chunk).some((link) => start + link.start <= range.start && range.end <= start + link.end)
}

/**
 * Where web and e-mail addresses stand in a text, as linkify-it finds them.
 *
 * linkify-it also reads two sentences glued by a missing space as a domain
 * with a country-code ending (`Ukranian.It`, `said.it`, `end.In`), which
 * scraped text is full of. So an address without a scheme counts only when
 * it starts with `www.`, has a path, or ends in a lower-case top-level
 * domain that is longer than two letters (`Amazon.com`) or follows a
 * second-level one (`bbc.co.uk`).
 */
export function linksIn(text: string): Span[] {
  const links: Span[] = []
  for (const match of linkifier().match(text) ?? []) {
    if (match.schema === '' && !isLikelyDomain(match.raw)) continue
    links.push({start: match.index, end: match.lastIndex})
  }
  return links
}

function isLikelyDomain(raw: string): boolean {
  if (/^www\./i.test(raw) || raw.includes('/')) return true
  const labels = raw.replace(/:\d+$/, '').split('.')
  const tld = labels.at(-1) ?? ''
  return /^[a-z]+$/.test(tld) && (tld.length > 2 || labels.length > 2)
}
