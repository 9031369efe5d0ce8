import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {garbleSignals, isGarbled, type SignalKind} from '../rules/headline-garbled.js'
import {defaultThreshold} from '../rules/headline-unrelated.js'
import {Document, readsAsTitle} from '../src/document.js'
import {bodyOf, formOf, headlinePart, headTitlesOf, isNameLike, relatedness, termMatches, titlesOf} from '../src/headlines.js'
import {loadLexicon} from '../src/lexicon.js'
import {parseDocument} from '../src/parse.js'
import type {Syntax} from '../src/types.js'

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures')
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8')
const seed0 = read('seeds/000.txt')
const seed1 = read('seeds/001.txt')
const lineOf = (text: string, number: number) => text.split('\n')[number - 1] ?? ''

/** A document built as the linter builds it (the parser hands its title ranges on in `file.data`). */
function documentOf(value: string, syntax: Syntax = 'text'): Document {
  const file = new VFile({value})
  const {tree, titles} = parseDocument(value, file, syntax)
  Object.assign(file.data, {scrapelintSyntax: syntax, scrapelintTitles: titles})
  return new Document(tree, file, syntax, titles)
}

const kindsOf = (doc: Document, lineNumber: number): SignalKind[] => {
  const title = titlesOf(doc).find((candidate) => doc.toPoint(candidate.start).line === lineNumber)
  if (!title) throw new Error(`no title on line ${lineNumber}`)
  const isHead = headTitlesOf(doc).includes(title)
  return garbleSignals(title, isHead ? bodyOf(doc) : undefined).map((signal) => signal.kind)
}

describe('title detection', () => {
  it('finds the headline and the title-like lines inside a spun article, and no prose line', () => {
    const doc = documentOf(seed1)
    expect(doc.titles.map((line) => doc.toPoint(line.start).line)).toEqual([1, 16, 29])
  })

  it('reads a sentence-case line inside the body as a title only between two paragraphs of prose', () => {
    const line = lineOf(seed1, 29)
    expect(readsAsTitle(line, {first: false, betweenProse: true})).toBe(true)
    expect(readsAsTitle(line, {first: false, betweenProse: false})).toBe(false)
    // The same line after a line without closing punctuation (a heading or a caption) is not a title.
    const doc = documentOf([lineOf(seed1, 28), lineOf(seed1, 16), line, lineOf(seed1, 30)].join('\n'))
    expect(doc.titles.map((title) => title.text)).toEqual([lineOf(seed1, 16)])
  })

  it('does not read a quotation, two sentences or a very long line inside the body as a title', () => {
    const quotation = '“Russia is willing to be bold, is trying to upend the system,” she says'
    expect(readsAsTitle(quotation, {first: false, betweenProse: true})).toBe(false)
    const twoSentences = 'The Chinese succeeded in pushing the United Nations and U.S. troops back to the 38th parallel. Although the countries are technically still at war'
    expect(readsAsTitle(twoSentences, {first: false, betweenProse: true})).toBe(false)
    const long = `${lineOf(seed0, 35)} ${lineOf(seed1, 16)}`
    expect(readsAsTitle(long, {first: true})).toBe(true)
    expect(readsAsTitle(long, {first: false, betweenProse: true})).toBe(false)
  })

  it('reads the first line of plain text as a title unless it closes like a sentence', () => {
    expect(documentOf(seed0).titles[0]?.text).toBe(lineOf(seed0, 3))
    expect(documentOf(`${lineOf(seed1, 2)}\n${lineOf(seed1, 3)}\n`).titles).toEqual([])
  })

  it('reads an HTML page title, without its site name, and its headings', () => {
    const value = read('headline-garbled/page-title.html')
    const doc = documentOf(value, 'html')
    const titles = titlesOf(doc)
    expect(titles.map((title) => title.text)).toEqual([lineOf(seed1, 1), lineOf(seed1, 1)])
    expect(value.slice(titles[0]?.start, titles[0]?.end)).toBe(lineOf(seed1, 1))
    expect(value.slice(0, titles[0]?.start)).toMatch(/<title>$/)
    // The page's headline is its <title>; the <h1> repeats it.
    expect(headTitlesOf(doc)).toEqual([titles[0]])
  })

  it('reads Markdown headings as titles and the first `#` heading as the headline', () => {
    const doc = documentOf(`# ${lineOf(seed0, 3)}\n\n${lineOf(seed0, 7)}\n\n## ${lineOf(seed0, 35)}\n\n${lineOf(seed0, 37)}\n`, 'markdown')
    expect(titlesOf(doc).map((title) => title.text)).toEqual([lineOf(seed0, 3), lineOf(seed0, 35)])
    expect(headTitlesOf(doc).map((title) => title.text)).toEqual([lineOf(seed0, 3)])
  })
})

describe('headline parts', () => {
  const part = (text: string) => {
    const span = headlinePart(text)
    return text.slice(span.start, span.end)
  }

  it('splits the site, section and path off page titles', () => {
    expect(part(`${lineOf(seed0, 3)} | newsweekshowcase.com`)).toBe(lineOf(seed0, 3))
    expect(part(`Blog » Archive » ${lineOf(seed0, 3)}`)).toBe(lineOf(seed0, 3))
    expect(part(`${lineOf(seed0, 3)} - Example News`)).toBe(lineOf(seed0, 3))
  })

  it('keeps a headline’s own colons and dashes', () => {
    expect(part(lineOf(seed1, 16))).toBe(lineOf(seed1, 16))
    const dashed = 'Putin will meet Kim in North Korea - and the talks will cover arms and trade'
    expect(part(dashed)).toBe(dashed)
  })
})

describe('words and names', () => {
  it('compares words without possessives, case or the dots of initials', () => {
    expect(formOf('Russia’s')).toBe('russia')
    expect(formOf('U.S.')).toBe('us')
    expect(formOf('Won-sik')).toBe('won-sik')
  })

  it('tells names from words capitalised by headline style or for emphasis', () => {
    expect(isNameLike('SPS-S')).toBe(true)
    expect(isNameLike('Pyongyang')).toBe(true)
    expect(isNameLike('Central')).toBe(true)
    expect(isNameLike('Beheads')).toBe(false)
    expect(isNameLike('GIVES')).toBe(false)
    expect(isNameLike('strategic')).toBe(false)
  })

  it('leaves the head titles out of the body', () => {
    const body = bodyOf(documentOf(seed1))
    expect(body.forms.has('sps-s')).toBe(false)
    expect(body.forms.has('radchenko')).toBe(true)
  })
})

describe('relatedness', () => {
  const headline = lineOf(seed0, 3)
  const scoreOver = (body: string) => {
    const doc = documentOf(`${headline}\n\n${body}`)
    const [title] = headTitlesOf(doc)
    if (!title) throw new Error('no head title')
    return relatedness(termMatches(title.words, bodyOf(doc)))
  }

  it('is high for a headline over its own story and low over another story', () => {
    const own = seed0.split('\n').slice(4).join('\n')
    const other = read('clean/factbook-european-union.txt').split('\n').slice(2).join('\n')
    expect(scoreOver(own)).toBeGreaterThan(0.6)
    expect(scoreOver(other)).toBeLessThan(defaultThreshold)
  })
})

describe('garble signs on the seed titles', () => {
  it('finds the doubled word and the stacked stock phrases of seed 000’s headline', () => {
    expect(kindsOf(documentOf(seed0), 5)).toEqual(expect.arrayContaining(['doubled', 'template']))
  })

  it('finds the repeated `Cold War` and the stock phrase of the title inside seed 000', () => {
    expect(kindsOf(documentOf(seed0), 35)).toEqual(expect.arrayContaining(['template', 'repeated']))
  })

  it('finds the names seed 001’s article never mentions', () => {
    const doc = documentOf(seed1)
    const [title] = headTitlesOf(doc)
    if (!title) throw new Error('no head title')
    const names = garbleSignals(title, bodyOf(doc)).find((signal) => signal.kind === 'unmentioned')
    expect(names?.places.map((place) => seed1.slice(place.start, place.end))).toEqual(['Central Powers', 'SPS-S'])
  })

  it('finds the stacked colons and the malformed word of the titles inside seed 001', () => {
    const doc = documentOf(seed1)
    expect(kindsOf(doc, 16)).toContain('colons')
    expect(kindsOf(doc, 29)).toEqual(expect.arrayContaining(['template', 'malformed']))
  })

  it('never flags a headline on one weak sign', () => {
    const doc = documentOf(seed0)
    const [title] = headTitlesOf(doc)
    if (!title) throw new Error('no head title')
    expect(garbleSignals(title, bodyOf(doc))).toEqual([])
    const onlyLength = garbleSignals(title, bodyOf(doc), {maxWords: 5, phrases: []})
    expect(onlyLength.map((signal) => signal.kind)).toEqual(['length'])
    expect(isGarbled(onlyLength)).toBe(false)
  })
})

describe('the lexicon', () => {
  it('tells names from common words', () => {
    const lexicon = loadLexicon()
    expect(lexicon.stemCounts.size).toBeGreaterThan(40_000)
    expect(lexicon.capitalised.get('korea')).toBe(true)
    expect(lexicon.capitalised.get('says')).toBe(false)
    expect(lexicon.commonStems.has('behead')).toBe(true)
  })
})
