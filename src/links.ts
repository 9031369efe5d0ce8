import {LinkifyIt} from 'linkify-it'
import type {Span} from './document.js'

/** Links with a scheme (`https://…`, `mailto:`), e-mail addresses, and `www.` or bare domains. */
const linkify = new LinkifyIt({fuzzyLink: true, fuzzyEmail: true})

/**
 * Where web and e-mail addresses stand in a line of text (offsets into
 * `line`), as linkify-it finds them. A word inside one is part of an
 * address, not prose: `kim-jung-un-ukranian` in a URL's path is a slug, and
 * "fixing" it would break the link.
 *
 * linkify-it also reads two sentences glued by a missing space as a domain
 * with a country-code ending (`Ukranian.It`, `said.it`, `end.In`), which
 * scraped text is full of. So an address without a scheme counts only when
 * it starts with `www.`, has a path, or ends in a lower-case top-level
 * domain that is longer than two letters (`Amazon.com`) or follows a
 * second-level one (`bbc.co.uk`).
 */
export function linksIn(line: string): Span[] {
  const links: Span[] = []
  for (const match of linkify.match(line) ?? []) {
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
