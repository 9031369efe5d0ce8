import {defineRule, type Report} from '../src/define-rule.js'
import {loadData} from '../src/data.js'
import {option} from '../src/options.js'
import type {Document, TextLine} from '../src/document.js'
import {mojibakeIn} from './no-mojibake.js'

interface EntryData {
  code: string
  name: string
  fix: 'remove' | 'space'
  allowedIn?: string[]
  emoji?: boolean
  rightToLeft?: boolean
}

interface InvisibleData {
  characters: EntryData[]
  lostHighByte: Record<string, string>
}

interface Entry extends EntryData {
  first: number
  last: number
  /** Two characters of these scripts around it: the character does a job there. */
  scripts: RegExp | undefined
}

const data = loadData('invisible.yml') as InvisibleData

const entries: Entry[] = data.characters.map((entry) => {
  const [first = '', last = first] = entry.code.split('-')
  const scripts = entry.allowedIn?.length ? new RegExp(`^[${entry.allowedIn.map((script) => `\\p{Script=${script}}`).join('')}]$`, 'u') : undefined
  return {...entry, first: Number.parseInt(first, 16), last: Number.parseInt(last, 16), scripts}
})

const codePointClass = (code: number) => `\\u{${code.toString(16)}}`
const invisibleRun = new RegExp(`[${entries.map((entry) => (entry.first === entry.last ? codePointClass(entry.first) : `${codePointClass(entry.first)}-${codePointClass(entry.last)}`)).join('')}]+`, 'gu')
const invisibleAnywhere = new RegExp(invisibleRun.source, 'u')
const rightToLeftText = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Samaritan}\p{Script=Mandaic}]/u
// Emoji ZWJ sequences (UTS #51): an emoji, its skin-tone modifier or presentation selector, ZWJ, then the next emoji.
const emojiBefore = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{fe0f}\u{20e3}]$/u
const emojiAfter = /^\p{Extended_Pictographic}$/u
const blackFlag = 0x1f3f4
const lostHighByte = new Map(Object.entries(data.lostHighByte).map(([code, meant]) => [Number.parseInt(code, 16), meant]))

function entryFor(codePoint: number): Entry | undefined {
  return entries.find((entry) => codePoint >= entry.first && codePoint <= entry.last)
}

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

/** The code point that ends just before `index`, and the one that starts at `index`. */
function codePointBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined
  const low = text.charCodeAt(index - 1)
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1
  return String.fromCodePoint(text.codePointAt(start) ?? 0)
}

function codePointAt(text: string, index: number): string | undefined {
  const codePoint = text.codePointAt(index)
  return codePoint === undefined ? undefined : String.fromCodePoint(codePoint)
}

/** The length, in code units, of the tag characters right before `index`. */
function tagRunBefore(text: string, index: number): number {
  let at = index
  for (let char = codePointBefore(text, at); char !== undefined && isTagCharacter(char.codePointAt(0) ?? 0); char = codePointBefore(text, at)) at -= char.length
  return index - at
}

const isTagCharacter = (codePoint: number) => codePoint >= 0xe0020 && codePoint <= 0xe007f

/** Whether the character does a job where it stands: in a script that needs it, an emoji sequence, right-to-left text, or a file's leading byte order mark. */
function isNeeded(entry: Entry, line: TextLine, start: number, end: number, atFileStart: boolean): boolean {
  if (entry.first === 0xfeff && atFileStart) return true
  const before = codePointBefore(line.text, start)
  const after = codePointAt(line.text, end)
  if (entry.scripts && before && after && entry.scripts.test(before) && entry.scripts.test(after)) return true
  if (entry.emoji && entry.first === 0x200d && before && after && emojiBefore.test(before) && emojiAfter.test(after)) return true
  // Tag characters spell a subdivision flag after U+1F3F4 WAVING BLACK FLAG (🏴 + tags + cancel tag).
  if (entry.emoji && entry.first >= 0xe0000) return codePointBefore(line.text, start - tagRunBefore(line.text, start))?.codePointAt(0) === blackFlag
  return entry.rightToLeft === true && rightToLeftText.test(line.text)
}

/** Where the character is, for the message: the word it follows or precedes. */
function place(text: string, start: number, end: number): string {
  const clean = (value: string) => value.replace(invisibleRun, '')
  const before = /(\S{1,24})\s*$/u.exec(clean(text.slice(0, start)))?.[1]
  const after = /^\s*(\S{1,24})/u.exec(clean(text.slice(end)))?.[1]
  if (before && after) return `between \`${before}\` and \`${after}\``
  if (before) return `after \`${before}\``
  if (after) return `before \`${after}\``
  return 'on a line of its own'
}

interface Group {
  entry: Entry
  codePoint: number
  start: number
  end: number
  count: number
}

/** Runs of the same invisible character in a stretch of invisible ones. */
function groupsIn(run: string, offset: number): Group[] {
  const groups: Group[] = []
  let index = 0
  for (const char of run) {
    const codePoint = char.codePointAt(0) ?? 0
    const entry = entryFor(codePoint)
    const last = groups.at(-1)
    if (entry && last && last.codePoint === codePoint) {
      last.end += char.length
      last.count++
    } else if (entry) {
      groups.push({entry, codePoint, start: offset + index, end: offset + index + char.length, count: 1})
    }
    index += char.length
  }
  return groups
}

function reportGroup(doc: Document, line: TextLine, group: Group, report: Report) {
  const {entry, codePoint, count} = group
  const start = line.toSource(group.start)
  const end = line.toSource(group.end, true)
  const exact = doc.value.slice(start, end) === line.text.slice(group.start, group.end)
  const what = `${entry.name} \`${hex(codePoint)}\`${count > 1 ? ` (${count} in a row)` : ''} ${place(line.text, group.start, group.end)}`
  const meant = lostHighByte.get(codePoint)
  if (meant !== undefined) {
    report({
      start,
      end,
      reason: `Unexpected ${what}, probably \`${meant}\` that lost its high byte`,
      expected: exact ? [meant.repeat(count), ''] : [],
      note: `${hex(codePoint)} is the low byte of ${hex(meant.codePointAt(0) ?? 0)}; remove it or restore the punctuation mark`
    })
    return
  }
  const spaced = /\s/.test(line.text[group.start - 1] ?? ' ') || /\s/.test(line.text[group.end] ?? ' ')
  const replacement = entry.fix === 'space' && !spaced ? ' ' : ''
  report({
    start,
    end,
    reason: `Unexpected ${what}, ${replacement ? 'replace it with a space' : 'remove it'}`,
    expected: exact ? [replacement] : [],
    note: 'An invisible character that no script here needs: a leftover of copying or scraping'
  })
}

export default defineRule({
  id: 'no-invisible-characters',
  kind: 'encoding',
  readsLinks: true,
  summary: 'Warn on invisible characters the text does not need: zero width spaces and joiners, soft hyphens, bidirectional and other controls, a byte order mark inside the text',
  recommended: true,
  options: {
    allow: option.strings({default: [], description: 'Code points to accept, as `U+200B`'})
  },
  examples: [
    {
      name: 'ok-scripts-that-need-them',
      input: '\ufeffतस्\u200dवीरें, می\u200cخواهم, 🏃🏽\u200d♀️, 👩\u200d💻 and שלום \u200fעולם.\n'
    },
    {
      name: 'real-zero-width-spaces',
      input: 'Manhattan District Attorney Cyrus Vance\u200b \u200bsaid\u200b Monday\u200b he supported the change.\n',
      output: [
        '1:40-1:41 no-invisible-characters Unexpected zero width space `U+200B` between `Vance` and `said`, remove it',
        '1:42-1:43 no-invisible-characters Unexpected zero width space `U+200B` between `Vance` and `said`, remove it',
        '1:47-1:48 no-invisible-characters Unexpected zero width space `U+200B` between `said` and `Monday`, remove it',
        '1:55-1:56 no-invisible-characters Unexpected zero width space `U+200B` between `Monday` and `he`, remove it'
      ],
      fixed: 'Manhattan District Attorney Cyrus Vance said Monday he supported the change.\n'
    },
    {
      name: 'real-soft-hyphen-and-bidi',
      input: 'Wintour has \u00adissued an edict. She was captured in \u202a#\u200eKobani.\n',
      output: [
        '1:13-1:14 no-invisible-characters Unexpected soft hyphen `U+00AD` between `has` and `issued`, remove it',
        '1:51-1:52 no-invisible-characters Unexpected bidirectional control `U+202A` between `in` and `#Kobani.`, remove it',
        '1:53-1:54 no-invisible-characters Unexpected left-to-right mark `U+200E` between `#` and `Kobani.`, remove it'
      ],
      fixed: 'Wintour has issued an edict. She was captured in #Kobani.\n'
    },
    {
      name: 'byte-order-mark-inside',
      input: 'It has been linked to ISIS since at least September 26.\ufeff\n',
      output: ['1:56-1:57 no-invisible-characters Unexpected byte order mark `U+FEFF` after `26.`, remove it'],
      fixed: 'It has been linked to ISIS since at least September 26.\n'
    },
    {
      name: 'lost-high-byte',
      input: 'Why the title, \u001cThe Adobo Chronicles,\u001d you might ask?\n',
      output: [
        '1:16-1:17 no-invisible-characters Unexpected control character `U+001C` between `title,` and `The`, probably `“` that lost its high byte',
        '1:38-1:39 no-invisible-characters Unexpected control character `U+001D` between `Chronicles,` and `you`, probably `”` that lost its high byte'
      ]
    },
    {
      name: 'line-separator',
      input: 'The talks ended.\u2028The leaders met.\n',
      output: ['1:17-1:18 no-invisible-characters Unexpected line separator `U+2028` between `ended.` and `The`, replace it with a space'],
      fixed: 'The talks ended. The leaders met.\n'
    },
    {name: 'allowed-by-option', options: {allow: ['U+200B']}, input: 'A\u200bB.\n'}
  ],
  check(doc, options, report) {
    // Most texts have no invisible character: one scan of the file settles it.
    if (!invisibleAnywhere.test(doc.value)) return
    const allowed = new Set(options.allow.map((code) => code.toUpperCase()))
    const mojibake = mojibakeIn(doc)
    for (const line of doc.lines) {
      for (const match of line.text.matchAll(invisibleRun)) {
        for (const group of groupsIn(match[0], match.index)) {
          const source = line.toSource(group.start)
          if (allowed.has(hex(group.codePoint))) continue
          if (isNeeded(group.entry, line, group.start, group.end, source === 0)) continue
          // Inside mojibake the byte is part of a wrongly decoded character: no-mojibake repairs it.
          if (mojibake.some((item) => source >= item.start && source < item.end)) continue
          reportGroup(doc, line, group, report)
        }
      }
    }
  }
})
