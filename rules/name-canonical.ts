import {defineRule, type Finding} from '../src/define-rule.js'
import {option, type OptionDeclaration} from '../src/options.js'
import {
  builtInPeople,
  builtInWatchList,
  isMarkedSic,
  nameKey,
  personEntryProblem,
  prepareNames,
  readNames,
  talksAboutSpelling,
  WatchList,
  type NameProblem,
  type PersonEntry
} from '../src/mentions.js'

const people: OptionDeclaration<readonly PersonEntry[]> = {
  type: 'object[]',
  default: [],
  description:
    'More people for the watch-list, each `{name, variants?, misspellings?, lookalikes?, short?}` as in `rules/data/people.yml`',
  validate: personEntryProblem
}

const lists = new WeakMap<readonly PersonEntry[], WatchList>()

/** The shipped watch-list, or the shipped one extended by the config's people (built once per config). */
function watchListFor(extra: readonly PersonEntry[]): WatchList {
  if (extra.length === 0) return builtInWatchList()
  let list = lists.get(extra)
  if (!list) lists.set(extra, (list = new WatchList([...extra, ...builtInPeople()])))
  return list
}

function roleOf(problem: NameProblem): string {
  return problem.person.role ? `${problem.person.name} (${problem.person.role})` : problem.person.name
}

/** The finding for one watch-list problem: the reason names both spellings, the related place shows the correct one. */
function findingFor(problem: NameProblem, actual: string): Finding {
  const related = problem.related
    ? [{start: problem.related.start, end: problem.related.end, message: `\`${problem.related.text}\` is written here`}]
    : []
  const base = {start: problem.start, end: problem.end, expected: [problem.expected], related}
  switch (problem.kind) {
    case 'misspelling':
      return {
        ...base,
        reason: `Misspelled name \`${problem.written}\`, expected \`${problem.correct}\``,
        note: `\`${problem.written}\` is a known misspelling of ${roleOf(problem)} in the watch-list`
      }
    case 'garbled':
      return {
        ...base,
        reason: `Garbled name \`${problem.written}\`, expected \`${problem.correct}\``,
        note: `The other pieces of \`${problem.written}\` fit only ${roleOf(problem)} in the watch-list, named correctly in this text; \`${actual}\` is no known name piece or English word`
      }
    case 'slip':
      return {
        ...base,
        reason: `Misspelled name \`${problem.written}\`, expected \`${problem.correct}\``,
        note: `One slip away from ${roleOf(problem)} in the watch-list, named correctly in this text`
      }
    case 'variant':
      return {
        ...base,
        weaker: true,
        reason: `Name spelled \`${problem.written}\` here and \`${problem.expected}\` elsewhere, use one spelling`,
        note: `Both are accepted spellings of ${roleOf(problem)}; \`${problem.expected}\` is used ${problem.counts?.expected ?? 0} times, this spelling ${problem.counts?.written ?? 0}`
      }
  }
}

export default defineRule({
  id: 'name-canonical',
  kind: 'names',
  summary:
    'Warn on misspelled or garbled names of people in the news (“Kim Jung Un”, “Kim Kimung Un”) from a watch-list of over 500 people, and on romanisations mixed in one text',
  recommended: true,
  options: {
    people,
    allow: option.strings({default: [], description: 'Spellings never to report (whole names or single pieces)'}),
    variants: option.boolean({
      default: true,
      description: 'Report accepted spellings mixed in one text (“Zelensky” and “Zelenskyy”), one severity step lower'
    })
  },
  examples: [
    {name: 'ok', input: 'Kim Jong Un met Putin. Kim Yo Jong and Foreign Minister Kim Yong Nam watched. Ushakov said so.\n'},
    {
      name: 'known-misspelling',
      input: 'Putin will meet Kim Jung Un in North Korea while their countries are at war\n\nThe Russian Far East was the site of a meeting between Kim Jong Un and Putin.\n',
      output: ['1:17-1:28 name-canonical Misspelled name `Kim Jung Un`, expected `Kim Jong Un`'],
      fixed: 'Putin will meet Kim Jong Un in North Korea while their countries are at war\n\nThe Russian Far East was the site of a meeting between Kim Jong Un and Putin.\n'
    },
    {
      name: 'garbled-piece',
      input: 'Kim Kimung Un is playing the host.\nThe situation is changing rapidly, said Kim Jong Un at the meeting.\n',
      output: ['1:5-1:11 name-canonical Garbled name `Kim Kimung Un`, expected `Kim Jong Un`'],
      fixed: 'Kim Jong Un is playing the host.\nThe situation is changing rapidly, said Kim Jong Un at the meeting.\n'
    },
    {
      name: 'slip-of-a-known-name',
      input: 'Chancellor Angela Merkel spoke first. Merkel said the talks had failed. Later Markel left Brussels.\n',
      output: ['1:79-1:85 name-canonical Misspelled name `Markel`, expected `Merkel`'],
      fixed: 'Chancellor Angela Merkel spoke first. Merkel said the talks had failed. Later Merkel left Brussels.\n'
    },
    {
      name: 'mixed-romanisations',
      input: 'President Volodymyr Zelenskyy arrived. Zelenskyy met the press, and Zelensky left at noon.\n',
      output: ['1:69-1:77 name-canonical Name spelled `Zelensky` here and `Zelenskyy` elsewhere, use one spelling'],
      fixed: 'President Volodymyr Zelenskyy arrived. Zelenskyy met the press, and Zelenskyy left at noon.\n'
    },
    {name: 'one-romanisation-throughout', input: 'Volodymyr Zelensky arrived. Zelensky met the press.\n'},
    {
      name: 'own-people',
      options: {people: [{name: 'Jenny Town', misspellings: ['Jenny Twon']}]},
      input: 'Jenny Twon directs the Korea Program at the Stimson Center.\n',
      output: ['1:1-1:11 name-canonical Misspelled name `Jenny Twon`, expected `Jenny Town`'],
      fixed: 'Jenny Town directs the Korea Program at the Stimson Center.\n'
    },
    {name: 'allowed', options: {allow: ['Kim Jung Un']}, input: 'Putin will meet Kim Jung Un.\n'},
    {name: 'factbook-capitals', input: 'Russian President PUTIN met Viktor YANUKOVYCH. Putin left.\n'}
  ],
  prepare(options) {
    prepareNames()
    watchListFor(options.people)
  },
  check(doc, options, report) {
    const allowed = new Set(options.allow.map(nameKey))
    for (const problem of readNames(doc, watchListFor(options.people)).problems) {
      if (problem.kind === 'variant' && !options.variants) continue
      const actual = doc.value.slice(problem.start, problem.end)
      if (allowed.has(nameKey(problem.written)) || allowed.has(nameKey(actual)) || isMarkedSic(doc.value, problem.end) || talksAboutSpelling(doc, problem.start)) continue
      report(findingFor(problem, actual))
    }
  }
})
