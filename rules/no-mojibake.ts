import iconv from 'iconv-lite'
import {defineRule} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {option} from '../src/options.js'
import type {Document, Span} from '../src/document.js'

/*
 * Mojibake: UTF-8 text that was decoded with a single-byte encoding
 * (`Ã©` for `é`, `â€™` for `’`), sometimes twice. The method is ftfy's
 * (rspeer/python-ftfy, Apache-2.0): a "badness" heuristic (its data is in
 * rules/data/mojibake.yml) decides whether a line looks like mojibake; if
 * it does, the line is encoded back with each suspected single-byte
 * encoding and decoded as UTF-8, and a repair is kept only when every
 * UTF-8-looking run decodes and the result is cleaner than the original.
 * There is no maintained port of ftfy on npm, so this file ports its
 * algorithm; the codec tables come from iconv-lite.
 */

interface CodecEntry {
  codec: string
  label: string
  sloppy?: boolean
  restoreNbsp?: boolean
  embedded?: boolean
}

interface MojibakeData {
  codecs: CodecEntry[]
  categories: Record<string, string>
  badness: Array<{pattern: string; why: string}>
  everyday: string
  selfStanding: string
}

interface Codec {
  name: string
  label: string
  /** The character each byte 0x00–0xFF stands for. */
  chars: string[]
  /** The byte of each character the codec can encode. */
  bytes: Map<string, number>
  sloppy: boolean
  restoreNbsp: boolean
  embedded: boolean
}

/** A replacement inside a string: `text` for `[start, end)`, and the encodings it undid. */
export interface Repair extends Span {
  text: string
  via: string[]
}

const data = loadData('mojibake.yml') as MojibakeData
const replacementCharacter = '\ufffd'
// The byte ftfy's sloppy codecs give U+FFFD, so that a lost byte can be carried through the trial.
const substituteByte = 0x1a

/** The 256-character table of a codec, from iconv-lite, with ftfy's "sloppy" and MacRoman adjustments. */
function codecFrom(entry: CodecEntry): Codec {
  const table = [...iconv.decode(Buffer.from(Array.from({length: 256}, (_, byte) => byte)), entry.codec)]
  const sloppy = entry.sloppy ?? false
  const chars = table.map((char, byte) => {
    if (char !== replacementCharacter) return char
    // iconv-lite leaves MacRoman's 0xF0 undefined; it is Apple's logo, a private-use character, as in Python's mac_roman.
    if (entry.codec === 'macintosh') return '\uf8ff'
    return sloppy ? String.fromCharCode(byte) : char
  })
  if (sloppy) chars[substituteByte] = replacementCharacter
  const bytes = new Map<string, number>()
  chars.forEach((char, byte) => {
    if (char !== replacementCharacter || byte === substituteByte) bytes.set(char, byte)
  })
  return {name: entry.codec, label: entry.label, chars, bytes, sloppy, restoreNbsp: entry.restoreNbsp ?? true, embedded: entry.embedded ?? true}
}

const codecs = data.codecs.map(codecFrom)
const windows1252 = codecs.find((codec) => codec.name === 'windows1252')
if (!windows1252) throw new Error('scrapelint: rules/data/mojibake.yml must list windows1252')

function badnessSource(): string {
  return data.badness
    .map(({pattern}) =>
      pattern.replace(/\{([a-z][a-z0-9_]*)\}/g, (_, name: string) => {
        const members = data.categories[name]
        if (members === undefined) throw new Error(`scrapelint: rules/data/mojibake.yml: unknown category \`${name}\``)
        return members
      })
    )
    .join('|')
}

const badnessPattern = new RegExp(badnessSource(), 'u')
const badnessPatternGlobal = new RegExp(badnessPattern.source, 'gu')
// A character that could take part in mojibake: neither ASCII nor everyday typography.
export const possiblyBad = new RegExp(`[^\\u0000-\\u007f${data.everyday}]`, 'u')
const c1Control = /[\u0080-\u009f]/g

/** Whether `text` contains a sequence that is much more likely mojibake than intended (ftfy's `is_bad`). */
export function isBad(text: string): boolean {
  return badnessPattern.test(text)
}

/** How many unlikely sequences `text` contains. */
export function badness(text: string): number {
  return text.match(badnessPatternGlobal)?.length ?? 0
}

const escapeInClass = (char: string) => (/[\\\]\[^-]/.test(char) ? `\\${char}` : char)

/** The characters the Latin-1-like codecs give a range of bytes, as the contents of a regex class. */
function charactersFor(first: number, last: number, extra = ''): string {
  const members = new Set<string>(extra)
  for (const codec of codecs) {
    if (!codec.embedded) continue
    for (let byte = first; byte <= last; byte++) {
      const char = codec.chars[byte]
      if (char !== undefined && char.charCodeAt(0) >= 0x80) members.add(char)
    }
  }
  return [...members].map(escapeInClass).join('')
}

/**
 * UTF-8-looking runs inside text that as a whole does not re-encode (ftfy's
 * UTF8_DETECTOR_RE, with its classes derived from the codec tables): a lead
 * character and its continuation characters, several runs coalesced, not
 * right after a character that would continue a garble. A space may stand
 * for a no-break space. Four-byte leads are 0xF0 and 0xF3 only, as in ftfy:
 * the other leads encode unassigned code points or rare tag characters.
 */
function embeddedDetector(): RegExp {
  const selfStanding = new Set(data.selfStanding)
  const continuation = charactersFor(0x80, 0xbf, ' ')
  const strict = [...continuation.replace(/\\(.)/g, '$1')].filter((char) => !selfStanding.has(char)).map(escapeInClass).join('')
  const lead2 = charactersFor(0xc2, 0xdf)
  const lead3 = charactersFor(0xe0, 0xef)
  const lead4 = charactersFor(0xf0, 0xf0) + charactersFor(0xf3, 0xf3)
  return new RegExp(`(?<![${strict}])(?:[${lead2}][${continuation}]|[${lead3}][${continuation}]{2}|[${lead4}][${continuation}]{3})+`, 'gu')
}

const embedded = embeddedDetector()

/*
 * Byte-level steps of the trial, from ftfy's chardata.py and fixes.py,
 * written over "binary strings" (one character per byte):
 * - a space that stands where UTF-8 needs byte 0xA0 (a no-break space or a
 *   continuation byte that some program turned into a space) is put back;
 *   `Ã ` before a word is `à` (ftfy's A_GRAVE_WORD_RE);
 * - in a sloppy codec, a sequence whose lost bytes show as U+FFFD decodes
 *   as one U+FFFD instead of failing.
 */
const alteredUtf8 =
  /[\xc2\xc3\xc5\xce\xd0\xd9] |[\xe2\xe3] [\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf] |\xf0 [\x80-\xbf][\x80-\xbf]|\xf0[\x80-\xbf] [\x80-\xbf]|\xf0[\x80-\xbf][\x80-\xbf] /g
const alteredUtf8Somewhere = new RegExp(alteredUtf8.source)
const aGraveWord = /\xc3 (?! |quele|quela|quilo|s )/g
const lossyUtf8 =
  /[\xc2-\xdf]\x1a|[\xc2-\xc3]\?|\xed[\xa0-\xaf][\x1a?]\xed[\xb0-\xbf][\x1a?\x80-\xbf]|\xed[\xa0-\xaf][\x1a?\x80-\xbf]\xed[\xb0-\xbf][\x1a?]|[\xe0-\xef][\x1a?][\x1a\x80-\xbf]|[\xe0-\xef][\x1a\x80-\xbf][\x1a?]|[\xf0-\xf4][\x1a?][\x1a\x80-\xbf][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a?][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a\x80-\xbf][\x1a?]|\x1a/g

/** Bytes with, for each, the range of the original text it came from. */
interface TrackedBytes {
  bytes: number[]
  from: number[]
  to: number[]
}

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

function binary(bytes: readonly number[]): string {
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return text
}

function encodeTracked(text: string, codec: Codec): TrackedBytes | undefined {
  const tracked: TrackedBytes = {bytes: [], from: [], to: []}
  for (let index = 0; index < text.length; index++) {
    const byte = codec.bytes.get(text[index] ?? '')
    if (byte === undefined) return undefined
    tracked.bytes.push(byte)
    tracked.from.push(index)
    tracked.to.push(index + 1)
  }
  return tracked
}

/**
 * Replaces each match of `pattern` in the bytes, keeping track of where the
 * new bytes came from: `replace` gives each new byte with the index, in the
 * match, of the byte it stands for, or `undefined` when it stands for the
 * whole match.
 */
function replaceTracked(tracked: TrackedBytes, pattern: RegExp, replace: (match: string) => Array<[number, number | undefined]>): TrackedBytes {
  const result: TrackedBytes = {bytes: [], from: [], to: []}
  let at = 0
  const copy = (until: number) => {
    for (; at < until; at++) {
      result.bytes.push(tracked.bytes[at] ?? 0)
      result.from.push(tracked.from[at] ?? 0)
      result.to.push(tracked.to[at] ?? 0)
    }
  }
  for (const match of binary(tracked.bytes).matchAll(pattern)) {
    copy(match.index)
    const last = match.index + match[0].length - 1
    for (const [byte, offset] of replace(match[0])) {
      result.bytes.push(byte)
      result.from.push(tracked.from[match.index + (offset ?? 0)] ?? 0)
      result.to.push(tracked.to[offset === undefined ? last : match.index + offset] ?? 0)
    }
    at = last + 1
  }
  copy(tracked.bytes.length)
  return result
}


/**
 * One re-encode trial: `text` encoded with `codec`, then every run of
 * non-ASCII bytes decoded as UTF-8. Returns the changed runs, or undefined
 * when the text cannot be encoded or a run is not UTF-8.
 */
function trial(text: string, codec: Codec): Repair[] | undefined {
  let tracked = encodeTracked(text, codec)
  if (!tracked) return undefined
  if (codec.restoreNbsp && alteredUtf8Somewhere.test(binary(tracked.bytes))) {
    tracked = replaceTracked(tracked, aGraveWord, () => [[0xc3, 0], [0xa0, 0], [0x20, 1]])
    tracked = replaceTracked(tracked, alteredUtf8, (match) => [...match].map((char, offset) => [char === ' ' ? 0xa0 : char.charCodeAt(0), offset]))
  }
  if (codec.sloppy) tracked = replaceTracked(tracked, lossyUtf8, () => [[0xef, undefined], [0xbf, undefined], [0xbd, undefined]])
  const repairs: Repair[] = []
  const {bytes, from, to} = tracked
  for (let index = 0; index < bytes.length; ) {
    if ((bytes[index] ?? 0) < 0x80) {
      index++
      continue
    }
    const first = index
    while (index < bytes.length && (bytes[index] ?? 0) >= 0x80) index++
    let decoded: string
    try {
      decoded = utf8.decode(Uint8Array.from(bytes.slice(first, index)))
    } catch {
      return undefined
    }
    const start = from[first] ?? 0
    const end = to[index - 1] ?? 0
    if (decoded !== text.slice(start, end)) repairs.push({start, end, text: decoded, via: [codec.label]})
  }
  return repairs
}

function applyRepairs(text: string, repairs: readonly Repair[]): string {
  let result = ''
  let at = 0
  for (const repair of repairs) {
    result += text.slice(at, repair.start) + repair.text
    at = repair.end
  }
  return result + text.slice(at)
}

const maximumDepth = 4

/**
 * The repairs one pass of ftfy's `fix_encoding` makes in `text`: the whole
 * text re-encoded with the first codec that works and leaves it cleaner;
 * else each UTF-8-looking run that is bad on its own; then C1 controls,
 * which are Windows-1252 bytes read as Latin-1. Each repaired piece is
 * repaired again until it is stable, which undoes double encoding.
 */
export function repairsIn(text: string, depth = 0): Repair[] {
  if (depth > maximumDepth || !possiblyBad.test(text) || !isBad(text)) return []
  const before = badness(text)
  for (const codec of codecs) {
    const found = trial(text, codec)
    if (!found || found.length === 0) continue
    const repairs = found.map((repair) => deepen(repair, depth))
    if (badness(applyRepairs(text, repairs)) < before) return repairs
  }
  const repairs: Repair[] = []
  for (const match of text.matchAll(embedded)) {
    if (match[0].length >= text.length || !isBad(match[0])) continue
    const inner = repairsIn(match[0], depth + 1)
    if (inner.length === 0) continue
    const fixed = repaired(applyRepairs(match[0], inner), depth + 1)
    repairs.push({start: match.index, end: match.index + match[0].length, text: fixed.text, via: [...new Set(inner.flatMap((repair) => repair.via)), ...fixed.via]})
  }
  return withControls(text, repairs)
}

/** A repaired piece, repaired again until nothing changes. */
function deepen(repair: Repair, depth: number): Repair {
  const again = repaired(repair.text, depth + 1)
  return {...repair, text: again.text, via: [...repair.via, ...again.via]}
}

function repaired(text: string, depth: number): {text: string; via: string[]} {
  const repairs = repairsIn(text, depth)
  if (repairs.length === 0) return {text, via: []}
  const next = applyRepairs(text, repairs)
  const again = repaired(next, depth + 1)
  return {text: again.text, via: [...new Set(repairs.flatMap((repair) => repair.via)), ...again.via]}
}

/** What a C1 control character stands for when it is a Windows-1252 byte read as Latin-1; undefined for the five bytes Windows-1252 leaves undefined. */
export function windows1252For(char: string): string | undefined {
  const code = char.charCodeAt(0)
  if (code < 0x80 || code > 0x9f) return undefined
  const meant = windows1252?.chars[code]
  return meant !== undefined && meant !== char ? meant : undefined
}

function withControls(text: string, repairs: Repair[]): Repair[] {
  const result = [...repairs]
  for (const match of text.matchAll(c1Control)) {
    const meant = windows1252For(match[0])
    if (meant === undefined || repairs.some((repair) => match.index >= repair.start && match.index < repair.end)) continue
    result.push({start: match.index, end: match.index + 1, text: meant, via: ['Windows-1252 read as Latin-1']})
  }
  return result.sort((a, b) => a.start - b.start)
}

/** `text` with its mojibake repaired, as ftfy's `fix_encoding` would. */
export function fixEncoding(text: string): string {
  return repaired(text, 0).text
}

/** Shows a string in a message: control and invisible characters as `U+XXXX`. */
function shown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (char) => `<U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
}

function explanation(via: readonly string[]): string {
  const readings = via.map((label) => (label.includes(' read as ') ? label : `UTF-8 read as ${label}`))
  const unique = [...new Set(readings)]
  return unique.length === 1 && readings.length > 1 ? `${unique[0]}, ${readings.length} times` : unique.join(', then ')
}

interface Found extends Span {
  text: string
  repair: Repair
}

const found = new WeakMap<Document, Found[]>()

/** The mojibake in a document, in file offsets, computed once per document (no-invisible-characters reads it too). */
export function mojibakeIn(doc: Document): Found[] {
  let result = found.get(doc)
  if (result) return result
  result = []
  // Most texts have no character that could be mojibake: one scan of the file settles it.
  const lines = possiblyBad.test(doc.value) ? doc.lines : []
  for (const line of lines) {
    if (!possiblyBad.test(line.text)) continue
    for (const repair of repairsIn(line.text)) {
      result.push({start: line.toSource(repair.start), end: line.toSource(repair.end, true), text: line.text.slice(repair.start, repair.end), repair})
    }
  }
  found.set(doc, result)
  return result
}

/** The shortest span that differs between a piece and its repair. */
function trimmed(original: string, repair: string): {before: number; after: number} {
  let before = 0
  while (before < original.length && before < repair.length && original[before] === repair[before]) before++
  let after = 0
  while (after < original.length - before && after < repair.length - before && original[original.length - 1 - after] === repair[repair.length - 1 - after]) after++
  return {before, after}
}

export default defineRule({
  id: 'no-mojibake',
  kind: 'encoding',
  readsLinks: true,
  summary: 'Warn on UTF-8 text that was decoded with the wrong encoding (`Ã©` for `é`, `â€™` for `’`)',
  recommended: true,
  options: {
    allow: option.strings({default: [], description: 'Sequences to accept as they are'})
  },
  examples: [
    {name: 'ok-accents-and-scripts', input: 'Café au lait in São Paulo, Ελληνικά, русский, 日本語, and “quotes” — fine.\n'},
    {
      name: 'real-tweet-attribution',
      input: 'This time around, the message from the Islamic State is very much aimed at @David_Cameron.\n\nâ€” Brown Moses (@Brown_Moses) September 13, 2014\n',
      output: ['3:1-3:4 no-mojibake Unexpected mojibake `â€”`, expected `—` (UTF-8 read as Windows-1252)'],
      fixed: 'This time around, the message from the Islamic State is very much aimed at @David_Cameron.\n\n— Brown Moses (@Brown_Moses) September 13, 2014\n'
    },
    {
      name: 'windows-1252',
      input: 'The minister, Ã‰lisabeth Borne, said: â€œWe will not back down.â€\x9d\n',
      output: [
        '1:15-1:17 no-mojibake Unexpected mojibake `Ã‰`, expected `É` (UTF-8 read as Windows-1252)',
        '1:39-1:42 no-mojibake Unexpected mojibake `â€œ`, expected `“` (UTF-8 read as Windows-1252)',
        '1:64-1:67 no-mojibake Unexpected mojibake `â€<U+009D>`, expected `”` (UTF-8 read as Windows-1252)'
      ],
      fixed: 'The minister, Élisabeth Borne, said: “We will not back down.”\n'
    },
    {
      name: 'embedded-in-good-text',
      input: 'Its “café culture” drew visitors to the cafÃ© on the corner.\n',
      output: ['1:44-1:46 no-mojibake Unexpected mojibake `Ã©`, expected `é` (UTF-8 read as Latin-1)'],
      fixed: 'Its “café culture” drew visitors to the café on the corner.\n'
    },
    {
      name: 'double-encoded',
      input: 'It wasnÃ¢â‚¬â„¢t over.\n',
      output: ['1:8-1:16 no-mojibake Unexpected mojibake `Ã¢â‚¬â„¢`, expected `’` (UTF-8 read as Windows-1252, 2 times)'],
      fixed: 'It wasn’t over.\n'
    },
    {
      name: 'windows-1251',
      input: 'РџСЂРµР·РёРґРµРЅС‚ вЂ” РџСѓС‚РёРЅ.\n',
      output: [
        '1:1-1:19 no-mojibake Unexpected mojibake `РџСЂРµР·РёРґРµРЅС‚`, expected `Президент` (UTF-8 read as Windows-1251)',
        '1:20-1:23 no-mojibake Unexpected mojibake `вЂ”`, expected `—` (UTF-8 read as Windows-1251)',
        '1:24-1:34 no-mojibake Unexpected mojibake `РџСѓС‚РёРЅ`, expected `Путин` (UTF-8 read as Windows-1251)'
      ],
      fixed: 'Президент — Путин.\n'
    },
    {
      name: 'macroman',
      input: 'It‚Äôs ‚Äúover‚Äù.\n',
      output: [
        '1:3-1:6 no-mojibake Unexpected mojibake `‚Äô`, expected `’` (UTF-8 read as MacRoman)',
        '1:8-1:11 no-mojibake Unexpected mojibake `‚Äú`, expected `“` (UTF-8 read as MacRoman)',
        '1:15-1:18 no-mojibake Unexpected mojibake `‚Äù`, expected `”` (UTF-8 read as MacRoman)'
      ],
      fixed: 'It’s “over”.\n'
    },
    {
      name: 'c1-control',
      input: 'Son parlé\x85 Tu sais.\n',
      output: ['1:10-1:11 no-mojibake Unexpected mojibake `<U+0085>`, expected `…` (Windows-1252 read as Latin-1)'],
      fixed: 'Son parlé… Tu sais.\n'
    },
    {name: 'ok-look-alikes', input: 'NESTLÉ® hires. Offering 5×£35 pin ups. A radius of 10 Å— ВІКІ is Ukrainian for WIKI.\n'}
  ],
  check(doc, options, report) {
    const allow = new Set(options.allow)
    for (const item of mojibakeIn(doc)) {
      if (allow.has(item.text)) continue
      const {before, after} = trimmed(item.text, item.repair.text)
      const original = item.text.slice(before, item.text.length - after)
      const meant = item.repair.text.slice(before, item.repair.text.length - after)
      const start = item.start + before
      const end = item.end - after
      // Offer the repair only where the file holds exactly the text that was read (not an entity or markup).
      const exact = doc.value.slice(item.start, item.end) === item.text
      report({
        start,
        end,
        reason: `Unexpected mojibake \`${shown(original)}\`, expected \`${shown(meant)}\` (${explanation(item.repair.via)})`,
        expected: exact ? [meant] : [],
        note: `Encoding this text with ${item.repair.via.join(', then ')} and decoding it as UTF-8 gives a cleaner text`
      })
    }
  }
})
