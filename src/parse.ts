import path from 'node:path'
import type {Root, Paragraph, RootContent, WhiteSpace} from 'nlcst'
import type {Node, Point} from 'unist'
import {ParseEnglish} from 'parse-english'
import {unified, type Processor} from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {toNlcst} from 'mdast-util-to-nlcst'
import rehypeParse from 'rehype-parse'
import rehypeRetext from 'rehype-retext'
import type {VFile} from 'vfile'
import {PlacedParser} from './tokenizer.js'
import {realignPositions} from './realign.js'
import type {Syntax} from './types.js'
import type {Span} from './document.js'

const english = new ParseEnglish()
/** Plain text's parser: puts each paragraph's tokens where the paragraph stands in the file. */
const placed = new PlacedParser()

const syntaxByExtension: Record<string, Syntax> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.mkd': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html'
}

export const extensions = ['txt', 'text', 'md', 'markdown', 'mdown', 'mkd', 'html', 'htm', 'xhtml']

/** The syntax of a file: the override if given, else by extension, else plain text. */
export function syntaxOf(file: VFile, override?: Syntax): Syntax {
  if (override) return override
  return syntaxByExtension[path.extname(file.path ?? '').toLowerCase()] ?? 'text'
}

/**
 * remark-gfm without its bare-link extension: tables, strikethrough and
 * footnotes, registered the way remark-gfm does it. Bare links made
 * remark's parse of a 1 MB Markdown file 1.8 times as slow (0.50 → 0.88 s;
 * without GFM, 0.40 s) and change nothing here: words inside addresses are
 * found in the text itself (src/links.ts).
 */
function remarkGfmWithoutBareLinks(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough(), gfmFootnote())
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmFootnoteFromMarkdown())
}

/*
 * Markdown goes through remark with GitHub's tables, strikethrough and
 * footnotes (converters that write scraped pages as Markdown emit GFM
 * tables) and mdast-util-to-nlcst (remark-retext's converter), one block at
 * a time (see `markdownToNlcst`); HTML through rehype-retext, which parses
 * paragraph by paragraph. Positions are kept in the original file (see
 * src/realign.ts). Code, front matter, tables, script, style and template
 * content produce no text.
 */
const markdownParser = unified().use(remarkParse).use(remarkGfmWithoutBareLinks).use(remarkFrontmatter, ['yaml', 'toml']).freeze()
const ignoredMarkdown = ['code', 'yaml', 'toml', 'html']

const htmlToNlcst = unified()
  .use(rehypeParse, {fragment: false})
  .use(rehypeRetext, english as never)
  .freeze()

/** Where a title stands; `primary` for the page's own headline (HTML `<title>` and `<h1>`, a Markdown `#` heading). */
export interface TitleRange extends Span {
  primary: boolean
}

/**
 * A node of a Markdown or HTML file's markup (an element, an emphasis, a
 * link, a list item): where it stands and where its content does. A fix
 * must take such a node whole or stay inside its content.
 */
export interface MarkupSpan extends Span {
  contentStart: number
  contentEnd: number
  /**
   * For a node that may go with its text (a link, an emphasis, a paragraph):
   * its content without white space at the edges. A deletion of exactly
   * this takes the node with it.
   */
  removableContent: Span | undefined
}

/** Nodes that may go with their text: phrasing and simple text blocks, never a table cell or a document's shell. */
const removableMarkup = new Set([
  // mdast
  'emphasis', 'strong', 'delete', 'link', 'linkReference', 'paragraph', 'heading',
  // hast
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'button', 'cite', 'del', 'em', 'font', 'i', 'ins', 'label', 'mark', 'q', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'u', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'figcaption', 'blockquote'
])

/** What parsing gives the document model besides the tree. */
export interface Parsed {
  tree: Root
  titles: TitleRange[]
  markup: MarkupSpan[]
  /** Markdown's code blocks: content of the file that the text leaves out, in file order. */
  skipped: Span[]
}

/** The text tree of a file, the ranges of its titles (Markdown headings, HTML `<title>` and `<h1>`–`<h3>`) and its markup. */
export function parseDocument(value: string, file: VFile, syntax: Syntax): Parsed {
  // rehype-retext needs positions, which an empty HTML tree lacks: blank input is an empty tree in any syntax.
  if (value.trim() === '') return {tree: parsePlainText(value), titles: [], markup: [], skipped: []}
  if (syntax === 'markdown') {
    const mdast = markdownParser.parse(file)
    const depth = (node: Node) => (node.type === 'heading' ? ((node as {depth?: number}).depth ?? 9) : 9)
    const titles = rangesOf(mdast, (node) => depth(node) <= 3, (node) => depth(node) === 1)
    const tree = markdownToNlcst(mdast, value)
    realignPositions(tree, mdast, value, 'markdown')
    return {tree, titles, markup: markupSpans(mdast), skipped: rangesOf(mdast, (node) => skippedContent.has(node.type), () => false)}
  }
  if (syntax === 'html') {
    const hast = htmlToNlcst.parse(file)
    const tagName = (node: Node) => (node.type === 'element' ? ((node as {tagName?: string}).tagName ?? '') : '')
    const titles = rangesOf(hast, (node) => titleElements.has(tagName(node)), (node) => primaryTitleElements.has(tagName(node)))
    readTitleElementAsText(hast)
    const tree = htmlToNlcst.runSync(hast, file) as unknown as Root
    realignPositions(tree, hast, value, 'html')
    return {tree, titles, markup: markupSpans(hast), skipped: []}
  }
  return {tree: parsePlainText(value), titles: [], markup: [], skipped: []}
}

/** Markdown blocks whose children are text: each is converted on its own. */
const textBlocks = new Set(['paragraph', 'heading'])
/** What mdast-util-to-nlcst leaves out by default (tables), and what we leave out. */
const skippedBlocks = new Set(['table', ...ignoredMarkdown])
/** Of those, what is part of the article (unlike front matter or raw HTML): a line next to a code block or a table is not at the text's edge. */
const skippedContent = new Set(['code', 'table'])

/**
 * The text tree of a Markdown tree, converted one paragraph or heading at a
 * time. Given a whole tree, mdast-util-to-nlcst reads it as one sentence
 * before splitting it into paragraphs, and parse-latin's plugins splice that
 * sentence's children, which is quadratic in its length: on a 1 MB file one
 * plugin took 3.1 s of a 7.9 s run. Each block goes in as its own small
 * document (its source and a copy of its subtree placed at offset 0),
 * since the converter also indexes its file's lines from the start on every
 * call; its nodes are then moved back to where the block stands. The blocks
 * are joined with the blank-line white space the converter puts between
 * them. Written by hand: remark-retext converts only a whole tree.
 */
function markdownToNlcst(mdast: Node, value: string): Root {
  const children: RootContent[] = []
  let previousEnd: Point | undefined
  const visit = (node: Node) => {
    if (skippedBlocks.has(node.type)) return
    if (!textBlocks.has(node.type)) {
      for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
      return
    }
    const converted = blockToNlcst(node, value)
    const start = node.position?.start
    if (converted.length === 0 || !start) return
    if (previousEnd) children.push({type: 'WhiteSpaceNode', value: '\n\n', position: {start: {...previousEnd}, end: {...start}}})
    children.push(...converted)
    previousEnd = node.position?.end
  }
  visit(mdast)
  const start = mdast.position?.start
  const end = mdast.position?.end
  return {type: 'RootNode', children, ...(start && end ? {position: {start, end}} : {})}
}

/** One block through mdast-util-to-nlcst as a document of its own, its nodes then placed in the file. */
function blockToNlcst(block: Node, value: string): RootContent[] {
  const base = block.position?.start
  const end = block.position?.end.offset
  if (base?.offset === undefined || end === undefined) return []
  const baseOffset = base.offset
  const local = (point: Point): Point => ({line: point.line - base.line + 1, column: point.line === base.line ? point.column - base.column + 1 : point.column, offset: (point.offset ?? 0) - baseOffset})
  const copy = (node: Node): Node => {
    const children = (node as {children?: Node[]}).children
    return {
      ...node,
      ...(node.position ? {position: {start: local(node.position.start), end: local(node.position.end)}} : {}),
      ...(children ? {children: children.map(copy)} : {})
    } as Node
  }
  const source = value.slice(baseOffset, end)
  const file = {messages: [], toString: () => source}
  const converted = toNlcst(copy(block) as never, file as never, english, {ignore: ignoredMarkdown})
  const placed = new Set<Point>()
  const place = (point: Point | undefined) => {
    if (!point || placed.has(point)) return
    placed.add(point)
    if (point.line === 1) point.column += base.column - 1
    point.line += base.line - 1
    point.offset = (point.offset ?? 0) + baseOffset
  }
  const visit = (node: Node) => {
    place(node.position?.start)
    place(node.position?.end)
    for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
  }
  for (const child of converted.children) visit(child)
  return converted.children
}

/** The markup nodes of a Markdown or HTML tree, in file order: every node but text, the root and the document's shell. */
function markupSpans(tree: Node): MarkupSpan[] {
  const spans: MarkupSpan[] = []
  const visit = (node: Node, depth: number) => {
    const children = (node as {children?: Node[]}).children ?? []
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (depth > 0 && node.type !== 'text' && start !== undefined && end !== undefined) {
      const first = children[0]?.position?.start.offset
      const last = children.at(-1)?.position?.end.offset
      // A node without children (an image, a line break, inline code) is taken whole or not at all.
      if (first === undefined || last === undefined) spans.push({start, end, contentStart: end, contentEnd: start, removableContent: undefined})
      else spans.push({start, end, contentStart: first, contentEnd: last, removableContent: removableContentOf(node, children)})
    }
    for (const child of children) visit(child, depth + 1)
  }
  visit(tree, 0)
  return spans.sort((a, b) => a.start - b.start)
}

/** A removable node's content without white-space text at its edges (see `MarkupSpan`). */
function removableContentOf(node: Node, children: Node[]): Span | undefined {
  if (!removableMarkup.has((node as {tagName?: string}).tagName ?? node.type)) return undefined
  const filled = children.filter((child) => child.type !== 'text' || (child as {value?: string}).value?.trim())
  let start = filled[0]?.position?.start.offset
  let end = filled.at(-1)?.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  // White space inside the first and last text children does not count either.
  const firstText = filled[0]?.type === 'text' ? ((filled[0] as {value?: string}).value ?? '') : ''
  const lastText = filled.at(-1)?.type === 'text' ? ((filled.at(-1) as {value?: string}).value ?? '') : ''
  start += firstText.length - firstText.trimStart().length
  end -= lastText.length - lastText.trimEnd().length
  return {start, end}
}

const titleElements = new Set(['title', 'h1', 'h2', 'h3'])
const primaryTitleElements = new Set(['title', 'h1'])

/**
 * hast-util-to-nlcst reads no text in `<head>`, so the page's `<title>`, often
 * the only full headline of a scraped page, would be missing from the text.
 * Renamed to a paragraph element on this private tree, it is read as an
 * explicit paragraph, with its positions in the file kept.
 */
function readTitleElementAsText(tree: Node): void {
  const visit = (node: Node) => {
    if (node.type === 'element' && (node as {tagName?: string}).tagName === 'title') (node as unknown as {tagName: string}).tagName = 'p'
    for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
  }
  visit(tree)
}

function rangesOf(tree: Node, test: (node: Node) => boolean, primary: (node: Node) => boolean): TitleRange[] {
  const ranges: TitleRange[] = []
  const visit = (node: Node) => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (test(node) && start !== undefined && end !== undefined) ranges.push({start, end, primary: primary(node)})
    else for (const child of (node as {children?: Node[]}).children ?? []) visit(child)
  }
  visit(tree)
  return ranges
}

/**
 * Plain text is parsed one paragraph at a time: parse-english is several
 * times slower per byte on one long string than on paragraph-sized ones, and
 * scraped text puts one paragraph on each line. No library splits plain text
 * into paragraphs this way, hence the hand-written splitter.
 */
export function parsePlainText(value: string): Root {
  const children: RootContent[] = []
  let cursor = 0
  let line = 1
  for (const [start, end] of paragraphRanges(value)) {
    if (start > cursor) children.push(whiteSpace(value, cursor, start, line))
    line += countNewlines(value, cursor, start)
    // Paragraphs start at a line start.
    placed.origin = {line, column: 1, offset: start}
    children.push(placed.tokenizeParagraph(value.slice(start, end)) as Paragraph)
    line += countNewlines(value, start, end)
    cursor = end
  }
  if (cursor < value.length) children.push(whiteSpace(value, cursor, value.length, line))
  const endPoint = pointAfter(value, line, cursor)
  return {
    type: 'RootNode',
    children,
    position: {start: {line: 1, column: 1, offset: 0}, end: endPoint}
  }
}

const terminal = /[.!?…:;"”’')\]]\s*$/
const startsLower = /^\s*[\p{Ll}\d]/u

/**
 * Ranges of paragraphs: blank lines always separate; inside a block, a
 * hard-wrapped block (lines of similar width, at most 100 characters) is one
 * paragraph, otherwise each line is one, except a line that starts in lower
 * case after a line without closing punctuation, which continues it.
 */
export function paragraphRanges(value: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let block: Array<[number, number]> = []
  const flush = () => {
    if (block.length > 0) ranges.push(...splitBlock(value, block))
    block = []
  }
  let start = 0
  while (start <= value.length) {
    let end = value.indexOf('\n', start)
    if (end === -1) end = value.length
    const lineEnd = end > start && value.charCodeAt(end - 1) === 13 ? end - 1 : end
    if (/\S/.test(value.slice(start, lineEnd))) block.push([start, lineEnd])
    else flush()
    start = end + 1
  }
  flush()
  return ranges
}

function splitBlock(value: string, lines: Array<[number, number]>): Array<[number, number]> {
  const first = lines[0]
  const last = lines.at(-1)
  if (!first || !last) return []
  if (isHardWrapped(lines)) return [[first[0], last[1]]]
  const result: Array<[number, number]> = []
  let current: [number, number] = first
  for (const next of lines.slice(1)) {
    const previousText = value.slice(current[0], current[1])
    if (!terminal.test(previousText) && startsLower.test(value.slice(next[0], next[1]))) {
      current = [current[0], next[1]]
    } else {
      result.push(current)
      current = next
    }
  }
  result.push(current)
  return result
}

function isHardWrapped(lines: Array<[number, number]>): boolean {
  if (lines.length < 2) return false
  const widths = lines.slice(0, -1).map(([s, e]) => e - s)
  const widest = Math.max(...widths)
  if (widest > 100) return false
  const similar = widths.filter((w) => w >= widest * 0.6).length
  return similar >= widths.length * 0.8
}

function countNewlines(value: string, start: number, end: number): number {
  let count = 0
  for (let index = value.indexOf('\n', start); index !== -1 && index < end; index = value.indexOf('\n', index + 1)) count++
  return count
}

function pointAfter(value: string, line: number, offset: number) {
  const lastBreak = value.lastIndexOf('\n', value.length - 1)
  return {line: line + countNewlines(value, offset, value.length), column: value.length - lastBreak, offset: value.length}
}

function whiteSpace(value: string, start: number, end: number, line: number): WhiteSpace {
  const lineStart = value.lastIndexOf('\n', start - 1) + 1
  const endLine = line + countNewlines(value, start, end)
  const endLineStart = value.lastIndexOf('\n', end - 1) + 1
  return {
    type: 'WhiteSpaceNode',
    value: value.slice(start, end),
    position: {
      start: {line, column: start - lineStart + 1, offset: start},
      end: {line: endLine, column: end - endLineStart + 1, offset: end}
    }
  }
}
