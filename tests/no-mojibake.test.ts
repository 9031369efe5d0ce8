import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {badness, fixEncoding, possiblyBad, repairsIn} from '../rules/no-mojibake.js'

const clean = path.resolve(import.meta.dirname, '..', 'fixtures', 'clean')
const cleanLines = fs
  .readdirSync(clean)
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => fs.readFileSync(path.join(clean, name), 'utf8').split('\n'))
  .filter((line) => /[^\u0000-\u007f]/.test(line))

/**
 * `text` as a program that took its UTF-8 bytes for `codec` shows it: a
 * browser's Windows-1252 (WHATWG, which keeps the five undefined bytes as C1
 * controls) or iconv-lite's Latin-1.
 */
const garble = (text: string, codec: 'windows-1252' | 'latin1') =>
  codec === 'latin1' ? iconv.decode(Buffer.from(text, 'utf8'), 'latin1') : new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'))

// Cases from ftfy's test suite (rspeer/python-ftfy, tests/test-cases, Apache-2.0), `original` → `fixed-encoding`.
const ftfyPositives: Array<[string, string]> = [
  ['voilÃ  le travail', 'voilà le travail'],
  ['voilÃ le travail', 'voilà le travail'],
  ['×‘×”×•×“×˘×”', 'בהודעה'],
  ['◊ë◊î◊ï◊ì◊¢◊î', 'בהודעה'],
  ['×\x90×\x91×\x91×\x90', 'אבבא'],
  ['â€œlossy decodingâ€�', '“lossy decoding�'],
  ['OÃ™ ET QUAND?', 'OÙ ET QUAND?'],
  ['Ð ÑƒÑ�Ñ�ÐºÐ¸Ð¹', 'Ру��кий'],
  ['ç®€ä½“ä¸\xadæ–‡', '简体中文'],
  ['─îe┼ítina', 'Čeština'],
  ["C'est vrai que nous n'en avons pas encore beaucoup parlé\x85 Tu sais", "C'est vrai que nous n'en avons pas encore beaucoup parlé… Tu sais"]
]

const ftfyNegatives = [
  'AHÅ™, the new sofa from IKEA',
  'NICIODATĂ™',
  'TRANSFORMATORIŲ™',
  'HÅØYA ER BLÅØYD',
  'There are a lot of Ã’s in mojibake text',
  'Bremer/Mccoy – DrÃ¥ber',
  'C O N C L U S Ã O',
  'These control characters \x1a are apparently intentional \x81',
  '2012—∞',
  '├┤a┼┐a┼┐a┼┐a┼┐a'
]

describe('no-mojibake: ftfy’s method', () => {
  it.each(ftfyPositives)('repairs %j', (original, fixed) => {
    expect(fixEncoding(original)).toBe(fixed)
  })

  it.each(ftfyNegatives)('leaves %j alone', (text) => {
    expect(repairsIn(text)).toEqual([])
  })

  it('finds nothing bad in clean real prose with curly quotes, dashes and accents', () => {
    expect(cleanLines.length).toBeGreaterThan(3)
    for (const line of cleanLines) expect(badness(line), line).toBe(0)
  })

  it.each(['windows-1252', 'latin1'] as const)('repairs every clean line garbled as %s, and garbled twice', (codec) => {
    for (const line of cleanLines) {
      const once = garble(line, codec)
      expect(fixEncoding(once), once).toBe(line)
      expect(fixEncoding(garble(once, 'windows-1252')), once).toBe(line)
    }
  })

  it('skips only text that no badness pattern can match: ASCII and everyday typography, in every string of up to three characters', () => {
    // Every non-ASCII character the prefilter lets pass, and ASCII stand-ins for the classes the patterns use.
    const everyday = Array.from({length: 0xffff - 0x7f}, (_, index) => String.fromCharCode(index + 0x80)).filter((char) => !/[\ud800-\udfff]/.test(char) && !possiblyBad.test(char))
    expect(everyday.length).toBeGreaterThan(10)
    const alphabet = [...'aZ0 .?\n', ...everyday]
    for (const a of alphabet) for (const b of alphabet) for (const c of alphabet) expect(badness(a + b + c), a + b + c).toBe(0)
  })

  it('gives each repair the span of the garbled text only', () => {
    const text = 'Its “café culture” drew visitors to the cafÃ© on the corner, and to NicolÃ¡s.'
    const repairs = repairsIn(text).map(({start, end, text: meant}) => [text.slice(start, end), meant])
    expect(repairs).toEqual([
      ['Ã©', 'é'],
      ['Ã¡', 'á']
    ])
  })

  it('stays linear on a long line of mojibake', () => {
    const line = 'Ã©tÃ© '.repeat(40_000)
    const started = performance.now()
    expect(fixEncoding(line)).toBe('été '.repeat(40_000))
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
