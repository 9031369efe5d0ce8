import {defineRule} from '../src/define-rule.js'
import type {Document, Span} from '../src/document.js'
import {option} from '../src/options.js'
import {
  builtInWatchList,
  editDistance,
  inCaseOf,
  isAllCaps,
  isMarkedSic,
  isPlaceName,
  isSmallSlip,
  namedMentionsOf,
  namePartOf,
  prepareNames,
  nameKey,
  readNames,
  SlipIndex,
  talksAboutSpelling,
  type NameWord
} from '../src/mentions.js'

/** One use of a name word, with the other words of the name it stands in. */
interface Use {
  word: NameWord
  /** The name's words (titles and a sentence-opening ordinary word dropped). */
  name: readonly NameWord[]
  /** A title or honorific stands before the name ("Mr. Radchenko", "Minister Shin"). */
  titled: boolean
  /** Where the word stands in the name: first of several (a given name), last or alone (a family name), or between. */
  role: 'given' | 'family' | 'middle'
}

function roleIn(name: readonly NameWord[], index: number): Use['role'] {
  if (name.length === 1 || index === name.length - 1) return 'family'
  return index === 0 ? 'given' : 'middle'
}

/** A slip keeps a name's role: "Lyndon" in "Lyndon Edwards" is no slip of "London" used alone. */
function sameRole(minority: Use[], majority: Use[]): boolean {
  const roles = new Set(majority.map((use) => use.role))
  return roles.has('middle') || minority.some((use) => use.role === 'middle' || roles.has(use.role))
}

/** Uses of each spelling (by key) in one document. */
function usesOf(doc: Document): Map<string, Use[]> {
  const uses = new Map<string, Use[]>()
  for (const {words} of namedMentionsOf(doc)) {
    const name = namePartOf(words)
    const titled = name.length > 0 && name.length < words.length && words.some((word) => word.title)
    for (const [index, word] of name.entries()) {
      if (/\p{N}/u.test(word.text) || word.key.length < 3) continue
      const list = uses.get(word.key)
      const use = {word, name, titled, role: roleIn(name, index)}
      if (list) list.push(use)
      else uses.set(word.key, [use])
    }
  }
  return uses
}

/**
 * A quick first look: whether any two spellings of name words in the text
 * are a slip apart, one used at least twice. Most texts have none, and
 * then nothing else needs building.
 */
function hasSlipPair(doc: Document, known: ReadonlySet<string>): boolean {
  const counts = new Map<string, number>()
  const common = new Set<string>()
  for (const {words} of namedMentionsOf(doc)) {
    for (const word of words) {
      if (word.title || word.key.length < 3 || known.has(word.key)) continue
      counts.set(word.key, (counts.get(word.key) ?? 0) + 1)
      if (word.common) common.add(word.key)
    }
  }
  // Few spellings are used twice or more: compare those with the rest directly, a cheap length test first.
  const majorities = [...counts].filter(([, count]) => count >= 2)
  for (const [key, count] of counts) {
    if (common.has(key)) continue
    for (const [other, otherCount] of majorities) {
      if (otherCount >= 2 * count && Math.abs(other.length - key.length) <= 1 && isSmallSlip(key, other)) return true
    }
  }
  return false
}

/** The same full name with this one word spelled two ways: "Jenny Twon" beside "Jenny Town". */
function sharesFullName(minority: Use[], majority: Use[]): boolean {
  return minority.some((odd) =>
    majority.some((model) => {
      if (odd.name.length < 2 || odd.name.length !== model.name.length) return false
      const at = odd.name.indexOf(odd.word)
      return at === model.name.indexOf(model.word) && odd.name.every((word, index) => index === at || word.key === model.name[index]?.key)
    })
  )
}

/** Where a use's word stands in its name, and the name's other words: what tells two people apart. */
function shapeOf(use: Use): {at: number; length: number} {
  return {at: use.name.indexOf(use.word), length: use.name.length}
}

/**
 * Whether two uses in full names of the same shape name different people:
 * another word, a name and no ordinary word in both, starts with another
 * letter ("Jayson Tatum", "Nic Batum"; "Brandon Lewis", "John Lewis"). Not
 * "Garlic Focaccia" and "Herb Focaccia", which are one name, nor "Muath
 * al-Kasasbeh" and "Moaz al-Kassasbeh", two romanisations of one person.
 * Undefined when the names cannot be compared (a name alone, or names of
 * different lengths).
 */
function differentPeople(a: Use, b: Use): boolean | undefined {
  const shapeA = shapeOf(a)
  const shapeB = shapeOf(b)
  if (shapeA.length < 2 || shapeA.length !== shapeB.length || shapeA.at !== shapeB.at) return undefined
  return a.name.some((word, index) => {
    const other = b.name[index]
    if (index === shapeA.at || !other || word.common || other.common) return false
    return word.key.charAt(0) !== other.key.charAt(0) && !isSmallSlip(word.key, other.key)
  })
}

/**
 * Whether the two spellings belong to different people rather than one
 * name spelled two ways: the majority spelling is shared by several people
 * (a list of ministers with many an "Andrew"), or a full name with the
 * minority spelling matches none of the majority's full names ("Jayson
 * Tatum" beside "Nic Batum").
 */
function namesOtherPeople(minority: Use[], majority: Use[]): boolean {
  const shared = majority.some((use, index) => majority.slice(index + 1).some((other) => differentPeople(use, other) === true))
  if (shared) return true
  return minority.some((odd) => {
    const verdicts = majority.map((model) => differentPeople(odd, model)).filter((verdict) => verdict !== undefined)
    return verdicts.length > 0 && verdicts.every(Boolean)
  })
}

/**
 * Whether a spelling is used as a person's name: after a title ("President
 * Radchenko"), or both as the last word of a full name and alone ("Sergey
 * Radchenko … Radchenko said"), the way news copy names people.
 */
function namesAPerson(uses: Use[]): boolean {
  if (uses.some((use) => use.titled)) return true
  const surname = uses.some((use) => use.name.length >= 2 && use.name[use.name.length - 1] === use.word && !use.name[0]?.common)
  const alone = uses.some((use) => use.name.length === 1)
  return surname && alone
}

function overlaps(span: Span, spans: readonly Span[]): boolean {
  return spans.some((other) => span.start < other.end && other.start < span.end)
}

/** The spelling used most often among uses, as written. */
function commonestText(uses: Use[]): string {
  const counts = new Map<string, number>()
  for (const {word} of uses) if (!isAllCaps(word.text)) counts.set(word.text, (counts.get(word.text) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? uses[0]?.word.text ?? ''
}

export default defineRule({
  id: 'name-consistency',
  kind: 'names',
  summary:
    'Warn on a name spelled two ways in one text (“Radchenko”, “Radchenco”): the minority spelling, one slip from the majority, with the majority as fix',
  recommended: true,
  options: {
    allow: option.strings({default: [], description: 'Spellings never to report'})
  },
  examples: [
    {
      name: 'ok-different-people',
      input: 'Kim Jong Un succeeded Kim Jong Il. Kim Yo Jong, his sister, and Kim Yong Nam stood by. Kim spoke.\n'
    },
    {
      name: 'slip-of-a-surname',
      input:
        'Malek Zeidan\'s detention would have been unexceptional had it not given rise to one of the legal challenges that threatens to end the secret proceedings.\n\nMr. Zeidan, 42, is a Syrian citizen who overstayed his visa 14 years ago and has lived in Paterson, N.J., for more than a decade.\n\nIn March, the government dropped the "special interest" designation, Mr. Zeiden was released after posting a bond, and the case he filed was dismissed.\n\nMr. Zeidan\'s lawyers believe that their legal strategy, which focused on openness, forced the government\'s hand.\n',
      output: ['5:74-5:80 name-consistency Name `Zeiden` differs from `Zeidan`, used 3 times in this text'],
      fixed:
        'Malek Zeidan\'s detention would have been unexceptional had it not given rise to one of the legal challenges that threatens to end the secret proceedings.\n\nMr. Zeidan, 42, is a Syrian citizen who overstayed his visa 14 years ago and has lived in Paterson, N.J., for more than a decade.\n\nIn March, the government dropped the "special interest" designation, Mr. Zeidan was released after posting a bond, and the case he filed was dismissed.\n\nMr. Zeidan\'s lawyers believe that their legal strategy, which focused on openness, forced the government\'s hand.\n'
    },
    {
      name: 'slip-in-a-full-name',
      input: 'Jenny Town directs the Korea Program. Jenny Twon says Russia is trying to upend the system, adds Town.\n',
      output: ['1:45-1:49 name-consistency Name `Twon` differs from `Town`, used 2 times in this text'],
      fixed: 'Jenny Town directs the Korea Program. Jenny Town says Russia is trying to upend the system, adds Town.\n'
    },
    {
      name: 'ok-namesakes',
      input: 'Nic Batum guarded the wing. Batum switched onto Jayson Tatum late in the game. Batum blocked a shot, and Batum hit a three.\n'
    },
    {
      name: 'ok-region',
      input:
        'African Americans were hit hardest. Americans over 65 came next, and Americans under 30 last. Few Americans expected it. The virus reached the Americas in January.\n'
    },
    {
      name: 'ok-many-people-share-a-name',
      input:
        'Gareth Davies, Mims Davies and James Davies voted with the government. David Davis voted against. Davies said the vote was close.\n'
    },
    {name: 'ok-hyphenation-and-possessive', input: 'Shin Won-sik said so. Shin Wonsik’s aide agreed, and Shin’s office confirmed it.\n'},
    {name: 'ok-surname-after-full-name', input: 'Jenny Town is the director. Town says talks will be harder.\n'},
    {name: 'ok-tie', input: 'Jenny Town said so. Jenni Town repeated it.\n'},
    {
      name: 'allowed',
      options: {allow: ['Radchenco']},
      input: 'Sergey Radchenko writes. Radchenko says so. Radchenco agrees.\n'
    }
  ],
  prepare() {
    prepareNames()
  },
  check(doc, options, report) {
    const allowed = new Set(options.allow.map(nameKey))
    const watchList = builtInWatchList()
    if (!hasSlipPair(doc, watchList.knownKeys)) return
    const uses = usesOf(doc)
    const majorities = new SlipIndex<string>()
    for (const [key, list] of uses) if (list.length >= 2 && !watchList.knownKeys.has(key)) majorities.add(key, key)
    const covered = readNames(doc, watchList).covered

    for (const [key, minority] of uses) {
      const sample = minority[0]?.word
      if (!sample || allowed.has(key) || sample.common || isAllCaps(sample.text) || watchList.knownKeys.has(key)) continue
      const near = majorities.near(key)
      if (near.length === 0 || isPlaceName(key)) continue
      if (minority.some(({word}) => overlaps(word, covered) || talksAboutSpelling(doc, word.start))) continue
      const candidates = near
        .map(({key: other}) => ({key: other, uses: uses.get(other) ?? []}))
        .filter((other) => other.uses.length >= 2 * minority.length && sameRole(minority, other.uses) && !isPlaceName(other.key))
        .filter((other) => !namesOtherPeople(minority, other.uses))
        .filter((other) => {
          // The same full name spelled two ways is evidence enough; a surname alone needs three uses of the majority.
          const fullName = sharesFullName(minority, other.uses)
          const person = key.length >= 5 && other.uses.length >= 3 && !other.uses[0]?.word.common && namesAPerson(other.uses)
          return fullName || person
        })
        .sort((a, b) => b.uses.length - a.uses.length)
      const [best, second] = candidates
      if (!best || (second && second.uses.length === best.uses.length)) continue
      const model = best.uses.find((use) => !isAllCaps(use.word.text)) ?? best.uses[0]
      if (!model) continue
      const majorityText = commonestText(best.uses)
      for (const {word} of minority) {
        if (isMarkedSic(doc.value, word.end)) continue
        report({
          start: word.start,
          end: word.end,
          reason: `Name \`${word.text}\` differs from \`${majorityText}\`, used ${best.uses.length} times in this text`,
          expected: [inCaseOf(word.text, majorityText)],
          note: `\`${word.text}\` (${minority.length}×) is ${editDistance(key, best.key)} edit(s) from \`${majorityText}\` (${best.uses.length}×); the majority spelling is suggested`,
          related: [{start: model.word.start, end: model.word.end, message: `\`${model.word.text}\` is written here`}]
        })
      }
    }
  }
})
