import type {Root} from 'nlcst'
import type {Node} from 'unist'
import {DecodingMode, HtmlEntityDecoder} from 'entities/decode'
import {location} from 'vfile-location'

/**
 * mdast-util-to-nlcst and hast-util-to-nlcst place the words of a text node
 * by counting its decoded value from the node's start in the file. Where
 * the value is not the source (`&#39;` read as `'`, `\*` as `*`, a CRLF as
 * LF, a blockquote's `> ` dropped at a line start), every word after that
 * point is placed too early: a finding would point at the wrong text and
 * its fix would overwrite markup. This lines each such value up with its
 * source and moves the positions of the nlcst nodes built from it.
 *
 * Written by hand: no library maps a decoded text back to its source; the
 * decoding itself is the `entities` package's.
 */

/** A text node of the source tree whose value is not its source. */
interface Drifted {
  /** Where the node starts in the file, and where the converter placed the end of its value. */
  start: number
  placedEnd: number
  /** File offsets where each code unit of the value starts, and where it ends. */
  starts: Int32Array
  ends: Int32Array
}

interface TextNode extends Node {
  value: string
}

/**
 * Moves the positions of `tree` (nlcst built from `source`, the mdast or
 * hast tree) to where their text stands in `value`, the file. A no-op when
 * every text node's value is its source, as in most Markdown.
 */
export function realignPositions(tree: Root, source: Node, value: string, syntax: 'markdown' | 'html'): void {
  const drifted: Drifted[] = []
  const visit = (node: Node) => {
    if (node.type === 'text') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      const text = (node as TextNode).value
      if (start !== undefined && end !== undefined && value.slice(start, end) !== text) {
        const aligned = align(text, value, start, end, syntax === 'html' ? DecodingMode.Legacy : DecodingMode.Strict)
        if (aligned) drifted.push({start, placedEnd: start + text.length, ...aligned})
      }
    }
    for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
  }
  visit(source)
  if (drifted.length === 0) return
  drifted.sort((a, b) => a.start - b.start)
  const place = location(value)
  const walk = (node: Node) => {
    const position = node.position
    // hast-util-to-nlcst gives a paragraph no end when its last leaves have no position (a `</br>` parse5 made up).
    const start = (position?.start as {offset?: number} | undefined)?.offset
    const end = (position?.end as {offset?: number} | undefined)?.offset
    if (position && start !== undefined && end !== undefined) {
      const newStart = moveOffset(drifted, start, 'start')
      const newEnd = moveOffset(drifted, end, 'end')
      if (newStart !== start || newEnd !== end) {
        const from = place.toPoint(newStart)
        const to = place.toPoint(Math.max(newStart, newEnd))
        if (from && to) node.position = {start: from, end: to}
      }
    }
    for (const child of (node as {children?: Node[]}).children ?? []) walk(child)
  }
  walk(tree)
}

/**
 * Where each code unit of `text` (a node's value) stands in
 * `file.slice(start, end)`: source characters that match are taken in
 * order; a character reference that decodes to the next code units is
 * taken whole; anything else in the source (a backslash escape, a CR, a
 * line prefix) is skipped. Undefined if the text cannot be found in order.
 */
function align(text: string, file: string, start: number, end: number, mode: DecodingMode): {starts: Int32Array; ends: Int32Array} | undefined {
  const starts = new Int32Array(text.length)
  const ends = new Int32Array(text.length)
  let at = start
  let index = 0
  while (index < text.length) {
    if (at >= end) return undefined
    if (file.charCodeAt(at) === 38) {
      const reference = referenceAt(file, at, end, mode)
      if (reference && text.startsWith(reference.text, index)) {
        for (let unit = 0; unit < reference.text.length; unit++) {
          starts[index + unit] = at
          ends[index + unit] = at + reference.length
        }
        index += reference.text.length
        at += reference.length
        continue
      }
    }
    const code = text.charCodeAt(index)
    // A lone CR is read as LF; any other character must be the same.
    if (file.charCodeAt(at) === code || (code === 10 && file.charCodeAt(at) === 13 && file.charCodeAt(at + 1) !== 10)) {
      starts[index] = at
      ends[index] = at + 1
      index++
    }
    at++
  }
  return {starts, ends}
}

/** The character reference at `at` (an `&`) and how many code units of source it takes, if it is one. */
function referenceAt(file: string, at: number, end: number, mode: DecodingMode): {text: string; length: number} | undefined {
  let text = ''
  let length = 0
  const decoder = new HtmlEntityDecoder((codePoint, consumed) => {
    text += String.fromCodePoint(codePoint)
    length = consumed
  })
  decoder.startEntity(mode)
  if (decoder.write(file.slice(at + 1, end), 0) < 0) decoder.end()
  return length > 0 ? {text, length} : undefined
}

/** Where an offset the converter computed really stands: as the start of a span, or as its end. */
function moveOffset(drifted: readonly Drifted[], offset: number, role: 'start' | 'end'): number {
  let low = 0
  let high = drifted.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((drifted[middle]?.start ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  const node = drifted[low]
  if (!node || offset < node.start || offset > node.placedEnd) return offset
  const index = offset - node.start
  if (role === 'start') return index < node.starts.length ? (node.starts[index] ?? offset) : (node.ends[index - 1] ?? offset)
  return index > 0 ? (node.ends[index - 1] ?? offset) : (node.starts[0] ?? offset)
}
