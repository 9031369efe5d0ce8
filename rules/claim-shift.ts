import {defineRule} from '../src/define-rule.js'
import type {OptionDeclaration} from '../src/options.js'
import {againstOf, earlierDocument} from '../src/claims/against.js'
import {compareVersions, prepareClaims, shiftKinds, type ClaimShift, type ShiftKind} from '../src/claims/compare.js'
import type {Document} from '../src/document.js'
import type {RelatedLocation, ScrapelintMessage} from '../src/types.js'

const kindList = shiftKinds.map((kind) => `\`${kind}\``).join(', ')

const ignoreKinds: OptionDeclaration<readonly ShiftKind[]> = {
  type: 'string[]',
  default: [],
  description: `Kinds of shift not to report: ${kindList}`,
  validate: (value) => {
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return 'expected a list of strings'
    const unknown = value.find((item) => !(shiftKinds as readonly string[]).includes(item as string))
    return unknown === undefined ? undefined : `unknown kind \`${String(unknown)}\`; expected any of ${shiftKinds.join(', ')}`
  }
}

/** Where the earlier sentence is, as `path:line:column`, for the note. */
function placeOf(oldDoc: Document, path: string, offset: number): string {
  const point = oldDoc.toPoint(offset)
  return `${path}:${point.line}:${point.column}`
}

function noteOf(shift: ClaimShift, oldDoc: Document, path: string): string {
  const signals = `Signals: ${shift.signals.join('; ')}.`
  const first = shift.old[0]
  const last = shift.old[shift.old.length - 1]
  if (!first || !last) return `No sentence in the earlier version (${path}) restates this one. ${signals}`
  const text = oldDoc.value.slice(first.start, last.end).replace(/\s+/g, ' ').trim()
  return `Earlier version (${placeOf(oldDoc, path, first.start)}): “${text}” ${signals}`
}

/**
 * `defineRule` maps related places through the linted file's lines; these
 * are in the earlier version, so their points are set from its document.
 */
function relatedOf(shift: ClaimShift, oldDoc: Document, path: string): RelatedLocation[] {
  return shift.old.map((sentence) => ({
    path,
    start: oldDoc.toPoint(sentence.start),
    end: oldDoc.toPoint(sentence.end),
    message: 'The earlier version of this sentence'
  }))
}

export default defineRule({
  id: 'claim-shift',
  kind: 'claims',
  summary:
    'Warn where a new version of a text claims more, less or something else than its earlier version (`was signed` where it said `could sign`); needs an earlier version (`--against`, `--against-git` or the config’s `against`)',
  recommended: true,
  options: {ignore: ignoreKinds},
  examples: [
    {
      name: 'no-earlier-version',
      input: 'The strategic partnership treaty between Putin and Kim was signed after their summit.\n'
    },
    {
      name: 'markdown-no-earlier-version',
      syntax: 'markdown',
      input: '# Summit\n\nKim is clearly interested in Russia’s space and missile technologies.\n'
    }
  ],
  prepare() {
    prepareClaims()
  },
  check(doc, options, report) {
    const against = againstOf(doc.file)
    if (!against) return
    const oldDoc = earlierDocument(against, doc.syntax)
    for (const shift of compareVersions(oldDoc, doc, new Set(options.ignore))) {
      report({
        start: shift.start,
        end: shift.end,
        reason: shift.reason,
        expected: [],
        weaker: shift.weaker,
        note: noteOf(shift, oldDoc, against.path)
      })
      const related = relatedOf(shift, oldDoc, against.path)
      const message = doc.file.messages.at(-1) as ScrapelintMessage | undefined
      if (message && related.length > 0) message.related = related
    }
  }
})
