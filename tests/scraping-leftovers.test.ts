import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint, rulesById, type Rule} from '../src/index.js'
import {describeMessage, fixWith, lintWith} from './helpers.js'

function rule(id: string): Rule {
  const found = rulesById.get(id)
  if (!found) throw new Error(`no rule ${id}`)
  return found
}

describe('no-html-residue', () => {
  const residue = rule('no-html-residue')

  it('leaves markup that the HTML and Markdown parsers read alone, and reports what survives as text', async () => {
    expect(await lintWith(residue, '<p>Tom &amp; Jerry<br>met &nbsp;here.</p>\n', undefined, 'html')).toEqual([])
    expect(await lintWith(residue, 'Tom &amp; Jerry <br> met.\n', undefined, 'markdown')).toEqual([])
    // A double-escaped entity is text after parsing: reported, and fixed in the markup.
    const [message] = await lintWith(residue, '<p>Puzzles &amp;amp; Spells</p>\n', undefined, 'html')
    expect(message?.reason).toBe('Unexpected HTML entity `&amp;`, expected `&`')
    expect(await fixWith(residue, '<p>Puzzles &amp;amp; Spells</p>\n', undefined, 'html')).toBe('<p>Puzzles &amp; Spells</p>\n')
  })

  it('decodes entities with the entities package, including Windows-1252 numeric references', async () => {
    expect(await fixWith(residue, 'It&#8217;s 5&#150;6 &eacute;t&eacute; &copy 2024\n')).toBe('It’s 5–6 été © 2024\n')
  })

  it('keeps a space where a block tag stood between two words, and joins inline tags', async () => {
    expect(await fixWith(residue, 'The end.</p><p>Next, <b>bold</b> text.\n')).toBe('The end. Next, bold text.\n')
  })

  it('does not take placeholders, comparisons or control comments for tags', async () => {
    expect(await lintWith(residue, '<!-- scrapelint-disable-next-line no-boilerplate -->\nIf x < 3 and y > 2, run <command> on <your file>.\n')).toEqual([])
  })
})

describe('no-invisible-characters', () => {
  const invisible = rule('no-invisible-characters')

  it('leaves the soft hyphen of a mojibake sequence to no-mojibake', async () => {
    const rules = Object.fromEntries([...rulesById.keys()].map((id) => [id, ['no-invisible-characters', 'no-mojibake'].includes(id) ? 'warn' : 'off'] as const))
    const messages = await lint('Simplified Chinese: ç®€ä½“ä¸\u00adæ–‡\n', {config: {rules}})
    expect(messages.map((message) => message.ruleId)).toEqual(['no-mojibake'])
  })

  it('reports a C1 control that Windows-1252 leaves undefined, and not one it defines', async () => {
    const messages = await lintWith(invisible, 'Intentional \u0081 and \u0085 here.\n')
    expect(messages.map(describeMessage)).toEqual(['1:13-1:14 no-invisible-characters Unexpected control character `U+0081` between `Intentional` and `and`, remove it'])
  })

  it('accepts bidirectional marks on a line with right-to-left text only', async () => {
    expect(await lintWith(invisible, 'He wrote \u200fשלום\u200f to them.\n')).toEqual([])
    expect((await lintWith(invisible, 'He wrote \u200fhello to them.\n')).length).toBe(1)
  })

  it('accepts a subdivision flag’s tag characters and reports hidden tag text', async () => {
    const scotland = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'
    expect(await lintWith(invisible, `Go ${scotland} now.\n`)).toEqual([])
    expect((await lintWith(invisible, 'Go \u{e0068}\u{e0069} now.\n')).map((message) => message.reason)).toEqual([
      'Unexpected tag character `U+E0068` between `Go` and `now.`, remove it',
      'Unexpected tag character `U+E0069` between `Go` and `now.`, remove it'
    ])
  })
})

describe('no-duplicate-text', () => {
  const duplicate = rule('no-duplicate-text')

  it('points at the first copy from the later one', async () => {
    const text = 'Police said the two men were arrested on Sunday night.\n\nThey were released.\n\nPolice said the two men were arrested on Sunday night.\n'
    const [message] = await lintWith(duplicate, text)
    expect(message?.place && 'start' in message.place ? message.place.start.line : 0).toBe(5)
    expect(message?.related?.[0]?.start.line).toBe(1)
    expect(message?.related?.[0]?.message).toBe('First copy of the paragraph')
  })

  it('finds copies that differ only in case, quotes and spacing', async () => {
    const text = 'He said “it is over” and left the room.\n\nHE SAID "IT IS   OVER" AND LEFT THE ROOM.\n'
    expect((await lintWith(duplicate, text)).length).toBe(1)
  })

  it('among many paragraphs of one length, points each copy at its own first', async () => {
    const text = [
      'The council met on Monday to vote on the budget.',
      'The council met on Friday to vote on the budget.',
      'The council met on Sunday to vote on the budget.',
      'The council met on Sunday to vote on the budget.',
      'The council met on Friday to vote on the budget.'
    ].join('\n\n')
    const messages = await lintWith(duplicate, text + '\n')
    expect(messages.map((message) => [message.line, message.related?.[0]?.start.line])).toEqual([
      [7, 5],
      [9, 3]
    ])
  })

  it('ignores short repeats below the word limit', async () => {
    expect(await lintWith(duplicate, 'Photo: AFP\n\nText here.\n\nPhoto: AFP\n')).toEqual([])
  })
})

describe('repeated-words', () => {
  const repeated = rule('repeated-words')

  it('finds each repeat of a long Markdown text, in whichever sentence it stands', async () => {
    // The clean fixtures (public-domain addresses and factbook entries, 33 KB) as one text, a word doubled in two places far apart.
    const folder = path.resolve(import.meta.dirname, '..', 'fixtures', 'clean')
    const clean = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => fs.readFileSync(path.join(folder, name), 'utf8').trim())
      .join('\n\n')
    const text = clean.replace(' the negotiation ', ' the the negotiation ').replace(' reach an agreement ', ' reach an an agreement ') + '\n'
    // Where the doubled word stands: found with the word after it, as `the the` also occurs inside other words.
    const at = (doubled: string, next: string) => {
      const start = text.indexOf(`${doubled} ${next}`)
      const line = text.slice(0, start).split('\n').length
      const column = start - text.lastIndexOf('\n', start - 1)
      return `${line}:${column}-${line}:${column + doubled.length}`
    }
    const messages = await lintWith(repeated, text, undefined, 'markdown')
    expect(messages.map(describeMessage)).toEqual([
      `${at('the the', 'negotiation')} repeated-words Unexpected repeated \`the\`, remove one occurrence`,
      `${at('an an', 'agreement')} repeated-words Unexpected repeated \`an\`, remove one occurrence`
    ])
  })
})

describe('no-truncation', () => {
  const truncation = rule('no-truncation')
  const opening = 'The minister spoke on Monday.\n\n'

  it('tells a word cut in the middle from a last sentence that only lacks its full stop', async () => {
    const cut = await lintWith(truncation, `${opening}The two leaders are expected to sign the agreement during the visit, officials annou\n`)
    expect(cut.map((message) => message.reason)).toEqual(['Unexpected end of text at `annou`: the last sentence stops mid-word'])
    expect(await lintWith(truncation, `${opening}The two leaders are expected to sign the agreement during the visit, officials said\n`)).toEqual([])
    // An address or a handle at the end is not a cut word.
    expect(await lintWith(truncation, `${opening}To reach the editor of this story, write to letters at editors@example.org\n`)).toEqual([])
  })

  it('tells a cut from a writer trailing off', async () => {
    expect(await lintWith(truncation, `${opening}It won't be a pretty life for the people who stay behind in the town, I wonder...\n`)).toEqual([])
    expect((await lintWith(truncation, `${opening}Officials say the revenue generated by a project like this could eventually allow for the...\n`)).length).toBe(1)
  })

  it('reports "Read more" after a cut, not after a finished sentence', async () => {
    expect((await lintWith(truncation, `${opening}Officials say the revenue could allow for a new police station and Read more\n`)).length).toBe(1)
    expect(await lintWith(truncation, `${opening}UPDATE: This story seems to be false and was removed. (read more)\n`)).toEqual([])
  })
})

describe('no-boilerplate: phrases at the start of a line', () => {
  const boilerplate = rule('no-boilerplate')

  it('finds a phrase that opens with a word or with a symbol, and not prose that opens with the same word', async () => {
    const text = [
      'The talks ended on Monday, officials said.',
      'Click to share on Facebook (Opens in new window) Click to share on X (Opens in new window)',
      'Click fraud costs advertisers billions, the report said.',
      '(Opens in a new tab) Share on Facebook',
      '(Reuters) The talks resumed on Tuesday.'
    ].join('\n\n')
    const messages = await lintWith(boilerplate, text)
    expect(messages.map((message) => [message.line, message.column, message.actual])).toEqual([
      [3, 1, 'Click to share on Facebook (Opens in new window)'],
      [7, 1, '(Opens in a new tab)']
    ])
  })
})

describe('no-boilerplate: structural signal', () => {
  const boilerplate = rule('no-boilerplate')

  it('reports one severity lower than a phrase-list match', async () => {
    const text = 'Share this:\n\nThe talks ended on Monday, officials said.\n\nTOPICS\nWorld News\n'
    const rules = Object.fromEntries([...rulesById.keys()].map((id) => [id, id === 'no-boilerplate' ? 'warn' : 'off'] as const))
    const messages = await lint(text, {config: {rules}})
    const severities = messages.map((message) => [message.actual, message.fatal === false ? 'warn' : message.fatal === undefined ? 'info' : 'error'])
    expect(severities).toEqual([
      ['Share this:', 'warn'],
      ['TOPICS', 'info'],
      ['World News', 'info']
    ])
  })

  it('offers no fix for a heuristic finding', async () => {
    const text = 'The talks ended on Monday, officials said.\n\nTOPICS\nWorld News\n'
    expect(await fixWith(boilerplate, text)).toBe(text)
  })

  it('does not take a prose sentence with a call to read on for a call to action', async () => {
    expect(await lintWith(boilerplate, 'The talks ended on Monday.\n\nThe vote is on Monday, and many people will follow it on Twitter.\n')).toEqual([])
  })
})
