import {defineRule} from '../src/define-rule.js'
import {headBodyOf, headTitlesOf, prepareHeadlines, leadTerms, relatedness, termMatches, titlePartsOf, type Body, type TermMatch, type Title} from '../src/headlines.js'
import {option} from '../src/options.js'

/**
 * The threshold, calibrated on FNC-1 train (`npm run eval -- headlines`):
 * the value that gives the best F1 for the unrelated class there. A dev
 * figure; ARC, a different corpus, is reported beside it.
 */
export const defaultThreshold = 0.3
/** A headline needs this many content terms, and its body this many words, to be judged at all. */
export const minimumTerms = 2
export const minimumBodyWords = 10
/**
 * A headline carrying less information than this (the sum of its terms'
 * weights, in nats; about three uncommon words) is flagged only when the
 * article shares none of its words: one shared word is too much agreement
 * to call a short title (`State of the Union Address`, 29) unrelated. 99%
 * of FNC-1 headlines carry more than 38.
 */
export const minimumInformation = 30

const quoted = (text: string) => `\`${text}\``
const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`

/** The headline words behind the given matches, each once, in headline order. */
function wordsOf(matches: readonly TermMatch[], limit: number): string[] {
  const words = [...new Map(matches.map((match) => [match.word.start, match.word])).values()]
  return words
    .slice(0, limit)
    .sort((a, b) => a.start - b.start)
    .map((word) => quoted(word.text))
}

/**
 * The head titles that are not part of another one: a page's `<h1>` that
 * repeats its `<title>`, or a blog's name that the `<title>` also carries,
 * is judged once, as part of the fuller title.
 */
function withoutRepeats(titles: readonly Title[]): Title[] {
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ')
  return titles.filter((title, index) =>
    titles.every((other, otherIndex) => {
      if (other === title) return true
      const inOther = key(other.line.text).includes(key(title.text))
      return !inOther || (key(other.line.text) === key(title.line.text) && index < otherIndex)
    })
  )
}

/** Whether there is enough of a headline and of its body to judge them. */
export function isJudged(matches: readonly TermMatch[], body: Body): boolean {
  return matches.length >= minimumTerms && body.size >= minimumBodyWords
}

/** Whether a judged headline may be flagged at all: it carries enough information, or the article shares none of its words. */
export function mayBeFlagged(matches: readonly TermMatch[]): boolean {
  return matches.reduce((sum, match) => sum + match.weight, 0) >= minimumInformation || matches.every((match) => match.match === 0)
}

export default defineRule({
  id: 'headline-unrelated',
  kind: 'headline',
  summary: 'Warn on a headline that shares too little with its article, as when a scraper pairs a story with another one’s headline',
  recommended: true,
  options: {
    threshold: option.number({
      default: defaultThreshold,
      min: 0,
      max: 1,
      description: 'Flag a headline when the weighted share of its content words found in the article is below this'
    })
  },
  examples: [
    {
      name: 'ok-wire-lede-is-no-headline',
      input:
        'VLADIVOSTOK, Russia (AP) — North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny Cosmodrome on Wednesday, and Putin said Russia would help North Korea build satellites, Putin said\n\nThe two leaders toured the launch site before their talks, which lasted about four hours.\n'
    },
    {
      name: 'ok-page-furniture-is-no-headline',
      input:
        'Send this page to someone via email\n\nTheir upcoming meeting, the second in nine months, is a sign of the two countries’ deepening political and military partnership built over Russia’s war in Ukraine.\n\nThe United States and South Korea suspect North Korea has also been providing Russia with large quantities of artillery shells and other munitions for use against Ukraine, a claim that North Korea has denied.\n'
    },
    {
      name: 'ok-dateline-is-no-headline',
      input: 'Monday 08 September 2014\n\nPutin met Kim at the Vostochny Cosmodrome on Wednesday, the Kremlin said.\n\nThe talks lasted four hours.\n'
    },
    {
      name: 'ok-related',
      input:
        'Putin will meet Kim Jung Un in North Korea while their countries are at war\n\nTheir upcoming meeting, the second in nine months, is a sign of the two countries’ deepening political and military partnership built over Russia’s war in Ukraine.\n\nThe United States and South Korea suspect North Korea has also been providing Russia with large quantities of artillery shells and other munitions for use against Ukraine, a claim that North Korea has denied.\n'
    },
    {
      name: 'other-story',
      input:
        'Putin will meet Kim Jung Un in North Korea while their countries are at war\n\nFollowing the two devastating World Wars in the first half of the 20th century, a number of far-sighted European leaders in the late 1940s sought a response to the overwhelming desire for peace and reconciliation on the continent. In 1950, the French Foreign Minister Robert SCHUMAN proposed pooling the production of coal and steel in Western Europe and setting up an organization for that purpose that would bring France and the Federal Republic of Germany together and would be open to other countries as well.\n',
      output: ['1:1-1:76 headline-unrelated Headline shares almost nothing with its article: `Putin`, `Jung`, `Un` and `Korea` never appear in it; only `countries` and `war` do']
    }
  ],
  prepare() {
    prepareHeadlines()
  },
  check(doc, options, report) {
    const titles = withoutRepeats(headTitlesOf(doc))
    if (titles.length === 0) return
    const body = headBodyOf(doc)
    for (const title of titles) {
      const matches = termMatches(title.words, body)
      if (!isJudged(matches, body) || !mayBeFlagged(matches)) continue
      const score = relatedness(matches)
      if (score >= options.threshold) continue
      // A page title carries its site's name (`Site | Headline`): the title is related when any of its parts is.
      if (titlePartsOf(doc, title).some((part) => relatedness(termMatches(part.words, body)) >= options.threshold)) continue
      const missing = wordsOf(
        matches.filter((match) => match.match === 0),
        4
      )
      const found = wordsOf(
        matches.filter((match) => match.match > 0),
        3
      )
      const only = found.length > 0 ? `; only ${listed(found)} ${found.length > 1 ? 'do' : 'does'}` : ''
      report({
        start: title.start,
        end: title.end,
        reason: `Headline shares almost nothing with its article: ${listed(missing)} never ${missing.length > 1 ? 'appear' : 'appears'} in it${only}`,
        note: `Weighted share of the headline’s content words found in the article: ${score.toFixed(2)}, below ${options.threshold} (words weighted by rarity in general English; a match in the first ${leadTerms} content words counts fully, a later one half)`
      })
    }
  }
})
