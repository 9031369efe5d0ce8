import fs from 'node:fs'
import path from 'node:path'
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {applyPatch} from 'diff'
import {afterAll, describe, expect, it} from 'vitest'
import {rules} from '../src/registry.js'
import {bin, offsetOf, parseJson, removeTempDirs, root, scrapelint, seed000, seed001, summary, tempDir, type Run} from './run-bin.js'

/*
 * These tests are about the command line, not about which rules exist: each
 * runs in a folder whose config keeps the first two rules only, so that a new
 * rule does not change what they assert.
 */
const coreRules = new Set(['no-boilerplate', 'repeated-words'])
const coreConfig = JSON.stringify({rules: Object.fromEntries(rules.filter((rule) => !coreRules.has(rule.id)).map((rule) => [rule.id, 'off']))})

function coreDir(files: Record<string, string | Buffer> = {}): string {
  return tempDir({'.scrapelintrc.json': coreConfig, ...files})
}

// Every test spawns the built bin in its own temp folder, so they run concurrently.
afterAll(removeTempDirs)

/** What seed 000 yields with the recommended preset. */
const seed000Findings = ['1:1-1:21 warn no-boilerplate', '5:90-5:109 warn repeated-words', '51:1-51:20 warn no-boilerplate']

/** Seed 000 after its three fixes: the site-name line, the second `Strategic`, the `Exit mobile version` line. */
function fixedSeed000(): string {
  const edits: Array<[string | RegExp, string]> = [
    [/^newsweekshowcase\.com\n\n/, ''],
    ['Strategic Strategic Partnership', 'Strategic Partnership'],
    [/\n\nExit mobile version$/, '']
  ]
  let text = seed000
  for (const [pattern, replacement] of edits) {
    const next = text.replace(pattern, replacement)
    expect(next, `edit ${String(pattern)} applies to the seed`).not.toBe(text)
    text = next
  }
  return text
}

/** Lines of a report that are not blank. */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

function expectNoStackTrace(run: Run): void {
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m)
}

describe('the bins as the build leaves them', () => {
  // npm links a package's own bins before `prepare` builds them, so it cannot make them executable on a fresh clone.
  it.skipIf(process.platform === 'win32')('are executable, so `npx scrapelint` runs in a fresh clone', async () => {
    for (const file of [bin, path.join(root, 'dist/src/server.js')]) expect(fs.statSync(file).mode & 0o111).toBe(0o111)
    const {stdout} = await promisify(execFile)(bin, ['--version'])
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe.concurrent('linting seed 000 (a content-farm copy of a news story)', () => {
  it('reports warnings only and exits 0, in the stylish format by default', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const run = await scrapelint(cwd, ['000.txt'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('000.txt')
    expect(run.stdout).toMatch(/^1:1-1:21\s+warning\s+Unexpected site name `newsweekshowcase.com`.*no-boilerplate/m)
    expect(run.stdout).toMatch(/^5:90-5:109\s+warning\s+Unexpected repeated `Strategic`.*repeated-words/m)
    expect(run.stdout).toMatch(/^51:1-51:20\s+warning\s+Unexpected boilerplate `Exit mobile version`.*no-boilerplate/m)
    expect(run.stdout).toContain('3 warnings')
    expect(run.stdout).not.toMatch(/\berror\b/)
  })

  it('--format json gives rule ids, places and fix ranges that address the original text', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const run = await scrapelint(cwd, ['--format', 'json', '000.txt'])
    expect(run.code).toBe(0)
    const report = parseJson(run)
    expect(report.map((file) => file.path)).toEqual(['000.txt'])
    expect(summary(report, '000.txt')).toEqual(seed000Findings)
    const messages = report[0]?.messages ?? []
    for (const message of messages) {
      expect(message.source).toBe('scrapelint')
      const start = offsetOf(seed000, message.line ?? 0, message.column ?? 0)
      const end = offsetOf(seed000, message.endLine ?? 0, message.endColumn ?? 0)
      expect(seed000.slice(start, end)).toBe(message.actual)
    }
    const fixes = messages.map((message) => {
      const [start, end] = message.fix?.range ?? [0, 0]
      return [seed000.slice(start, end), message.fix?.text]
    })
    expect(fixes).toEqual([
      ['newsweekshowcase.com\n\n', ''],
      ['Strategic Strategic', 'Strategic'],
      ['\n\nExit mobile version', '']
    ])
  })

  it('--format github writes one workflow command per finding', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const run = await scrapelint(cwd, ['--format', 'github', '000.txt'])
    expect(run.code).toBe(0)
    expect(lines(run.stdout)).toEqual([
      '::warning file=000.txt,line=1,col=1,endLine=1,endColumn=21,title=no-boilerplate::Unexpected site name `newsweekshowcase.com` on a line of its own, remove it',
      '::warning file=000.txt,line=5,col=90,endLine=5,endColumn=109,title=repeated-words::Unexpected repeated `Strategic` in a headline, remove one occurrence',
      '::warning file=000.txt,line=51,col=1,endLine=51,endColumn=20,title=no-boilerplate::Unexpected boilerplate `Exit mobile version`, remove it'
    ])
  })

  it('--quiet hides warnings', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const run = await scrapelint(cwd, ['--quiet', '000.txt'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/warning|no-boilerplate|repeated-words/)
  })

  it('--max-warnings exits 1 only when there are more warnings than allowed', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const [none, three] = await Promise.all([
      scrapelint(cwd, ['--max-warnings', '0', '000.txt']),
      scrapelint(cwd, ['--max-warnings', '3', '000.txt'])
    ])
    expect(none.code).toBe(1)
    expect(none.stdout).toContain('no-boilerplate')
    expect(three.code).toBe(0)
  })

  it('--rule repeated-words:error turns that rule into errors and exits 1', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const run = await scrapelint(cwd, ['--rule', 'repeated-words:error', '--format', 'json', '000.txt'])
    expect(run.code).toBe(1)
    expect(summary(parseJson(run), '000.txt')).toEqual([
      '1:1-1:21 warn no-boilerplate',
      '5:90-5:109 error repeated-words',
      '51:1-51:20 warn no-boilerplate'
    ])
  })

  it('--rule with an unknown rule exits 2 with one clear line, and suggests a near id', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const [unknown, typo, noSeverity] = await Promise.all([
      scrapelint(cwd, ['--rule', 'nope:warn', '000.txt']),
      scrapelint(cwd, ['--rule', 'repeated-word:error', '000.txt']),
      scrapelint(cwd, ['--rule', 'repeated-words', '000.txt'])
    ])
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(lines(unknown.stderr)).toEqual(['scrapelint: command line: `--rule nope`: unknown rule'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('unknown rule (did you mean `repeated-words`?)')
    expect(noSeverity.code).toBe(2)
    expect(noSeverity.stderr).toContain('--rule repeated-words: expected `rule-id:severity`')
  })

  it('finds the files in a folder argument and in a glob, by extension, never in node_modules', async () => {
    const cwd = coreDir({
      'news/a.txt': seed000,
      'news/deep/b.md': seed000,
      'news/deep/c.txt': seed001,
      'news/notes.rst': seed000,
      'node_modules/some-package/LICENSE.txt': seed000
    })
    const [folder, glob] = await Promise.all([
      scrapelint(cwd, ['--format', 'json', 'news']),
      scrapelint(cwd, ['--format', 'json', '**/*.txt'])
    ])
    expect(folder.code).toBe(0)
    expect(parseJson(folder).map((file) => file.path).sort()).toEqual(['news/a.txt', 'news/deep/b.md', 'news/deep/c.txt'])
    expect(summary(parseJson(folder), 'news/a.txt')).toEqual(seed000Findings)
    expect(glob.code).toBe(0)
    expect(parseJson(glob).map((file) => file.path).sort()).toEqual(['news/a.txt', 'news/deep/c.txt'])
  })

  it('reads .md as Markdown and .html and --syntax html as HTML, with places in the original file', async () => {
    const lines000 = seed000.split('\n')
    const headline = lines000[4] ?? ''
    const paragraph = lines000[6] ?? ''
    const html = [
      '<!doctype html>',
      '<html>',
      '<head><title>newsweekshowcase.com</title></head>',
      '<body>',
      `<h1>${headline}</h1>`,
      `<p>${paragraph}</p>`,
      '<script>var label = "Exit mobile version";</script>',
      '  <footer><a href="/amp">Exit mobile version</a></footer>',
      '</body>',
      '</html>',
      ''
    ].join('\n')
    const markdown = [`# ${headline}`, '', paragraph, '', '```', 'Exit mobile version', '```', '', `> ${lines000[8] ?? ''}`, '', '*Exit mobile version*', ''].join('\n')
    const cwd = coreDir({'page.html': html, 'page-as.txt': html, 'story.md': markdown})
    const [byExtension, forced] = await Promise.all([
      scrapelint(cwd, ['--format', 'json', 'page.html', 'page-as.txt', 'story.md']),
      scrapelint(cwd, ['--format', 'json', '--syntax', 'html', 'page-as.txt'])
    ])
    expect(byExtension.code).toBe(0)
    const report = parseJson(byExtension)
    // `<h1>` is 4 characters: the headline's `Strategic Strategic` moves 4 columns right; the script's text is not read.
    const expected = ['5:94-5:113 warn repeated-words', '8:26-8:45 warn no-boilerplate']
    expect(summary(report, 'page.html')).toEqual(expected)
    expect(summary(parseJson(forced), 'page-as.txt')).toEqual(expected)
    const footer = report.find((file) => file.path === 'page.html')?.messages[1]
    const start = offsetOf(html, footer?.line ?? 0, footer?.column ?? 0)
    expect(html.slice(start, start + 'Exit mobile version'.length)).toBe('Exit mobile version')
    // As plain text the markup stays on the lines, so the footer line is not a boilerplate line.
    expect(summary(report, 'page-as.txt')).not.toContain('8:26-8:45 warn no-boilerplate')
    // Markdown: the fenced code is skipped, the heading is a headline, the emphasis is looked through.
    expect(summary(report, 'story.md')).toEqual(['1:92-1:111 warn repeated-words', '11:2-11:21 warn no-boilerplate'])
  })
})

describe.concurrent('--fix', () => {
  it('removes exactly the three artifacts of seed 000, keeps the mode, and leaves a clean file untouched', async () => {
    const cwd = coreDir({'000.txt': seed000, '001.txt': seed001})
    const file = path.join(cwd, '000.txt')
    const clean = path.join(cwd, '001.txt')
    fs.chmodSync(file, 0o640)
    const past = new Date('2020-01-02T03:04:05Z')
    fs.utimesSync(clean, past, past)

    const run = await scrapelint(cwd, ['--fix', '000.txt', '001.txt'])
    expect(run.code).toBe(0)
    expect(fs.readFileSync(file, 'utf8')).toBe(fixedSeed000())
    expect(fs.statSync(file).mode & 0o777).toBe(0o640)
    // 001 has nothing to fix: not rewritten.
    expect(fs.readFileSync(clean, 'utf8')).toBe(seed001)
    expect(fs.statSync(clean).mtimeMs).toBe(past.getTime())

    // A second run finds nothing to fix and does not touch the file.
    fs.utimesSync(file, past, past)
    const again = await scrapelint(cwd, ['--fix', '000.txt'])
    expect(again.code).toBe(0)
    expect(fs.readFileSync(file, 'utf8')).toBe(fixedSeed000())
    expect(fs.statSync(file).mtimeMs).toBe(past.getTime())
  })

  it('--fix-dry-run prints a unified diff that yields the fixed text, and writes nothing', async () => {
    const cwd = coreDir({'000.txt': seed000})
    const file = path.join(cwd, '000.txt')
    const past = new Date('2020-01-02T03:04:05Z')
    fs.utimesSync(file, past, past)
    const run = await scrapelint(cwd, ['--fix-dry-run', '000.txt'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--- a/000.txt')
    expect(run.stdout).toContain('+++ b/000.txt')
    expect(run.stdout).toMatch(/^-newsweekshowcase\.com$/m)
    expect(run.stdout).toMatch(/^-Exit mobile version$/m)
    expect(run.stdout).toMatch(/^\+.*Korea Strategic Partnership on the Security/m)
    expect(applyPatch(seed000, run.stdout)).toBe(fixedSeed000())
    expect(fs.readFileSync(file, 'utf8')).toBe(seed000)
    expect(fs.statSync(file).mtimeMs).toBe(past.getTime())
  })

  it('removes a Markdown boilerplate line with its emphasis and list markers', async () => {
    const cwd = coreDir({'story.md': '# Talks\n\nThe leaders met.\n\n*Exit mobile version*\n\n- Skip to content\n'})
    const run = await scrapelint(cwd, ['--fix', 'story.md'])
    expect(run.code).toBe(0)
    expect(fs.readFileSync(path.join(cwd, 'story.md'), 'utf8')).toBe('# Talks\n\nThe leaders met.\n')
  })

  it('--stdin --fix prints the fixed text on stdout, and the report on stderr', async () => {
    const cwd = coreDir()
    const run = await scrapelint(cwd, ['--stdin', '--fix'], seed000)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(fixedSeed000())
    expect(run.stderr).not.toMatch(/warning/)
  })
})

describe.concurrent('--stdin', () => {
  const input = 'Text.\n\n```\nExit mobile version\n```\n\nExit mobile version\n'

  it('--stdin-filename x.md picks Markdown (the code block is skipped) and names the report', async () => {
    const cwd = coreDir()
    const [markdown, text] = await Promise.all([
      scrapelint(cwd, ['--stdin', '--stdin-filename', 'x.md', '--format', 'json'], input),
      scrapelint(cwd, ['--stdin', '--format', 'json'], input)
    ])
    expect(markdown.code).toBe(0)
    expect(summary(parseJson(markdown), 'x.md')).toEqual(['7:1-7:20 warn no-boilerplate'])
    expect(text.code).toBe(0)
    const [stdinFile] = parseJson(text)
    expect(summary(parseJson(text), stdinFile?.path ?? '')).toEqual(['4:1-4:20 warn no-boilerplate', '7:1-7:20 warn no-boilerplate'])
  })
})

describe.concurrent('input that cannot be linted', () => {
  const binary = Buffer.concat([Buffer.from(seed000.slice(0, 200)), Buffer.from([0, 0, 1, 2]), Buffer.from(seed000.slice(200, 400))])
  const invalidUtf8 = Buffer.from([0x66, 0xff, 0xfe, 0x0a])
  // The seed as Windows tools save "Unicode" text (UTF-16LE with a byte order mark), and as UTF-16BE without one.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed000, 'utf16le')])
  const utf16BigEndian = Buffer.from(seed000, 'utf16le').swap16()
  // 1.5 MB of real text: the seed, again and again.
  const big = seed000.repeat(Math.ceil((1.5 * 1024 * 1024) / seed000.length))

  it('fails a binary file, invalid UTF-8 and a missing path with one line each, and still lints the others', async () => {
    const cwd = coreDir({'good.txt': seed000, 'binary.txt': binary, 'invalid.txt': invalidUtf8})
    const [github, stylish] = await Promise.all([
      scrapelint(cwd, ['--format', 'github', 'good.txt', 'binary.txt', 'invalid.txt', 'missing.txt']),
      scrapelint(cwd, ['good.txt', 'binary.txt', 'invalid.txt', 'missing.txt'])
    ])
    expect(github.code).toBe(2)
    expect(lines(github.stdout)).toEqual([
      '::error file=binary.txt::Binary file (it contains NUL bytes), not text',
      '::warning file=good.txt,line=1,col=1,endLine=1,endColumn=21,title=no-boilerplate::Unexpected site name `newsweekshowcase.com` on a line of its own, remove it',
      '::warning file=good.txt,line=5,col=90,endLine=5,endColumn=109,title=repeated-words::Unexpected repeated `Strategic` in a headline, remove one occurrence',
      '::warning file=good.txt,line=51,col=1,endLine=51,endColumn=20,title=no-boilerplate::Unexpected boilerplate `Exit mobile version`, remove it',
      '::error file=invalid.txt::Invalid UTF-8 at 1:2; convert the file to UTF-8 first (for example with iconv)',
      '::error file=missing.txt::No such file or folder'
    ])
    expect(stylish.code).toBe(2)
    expectNoStackTrace(stylish)
    const failures: Array<[string, string]> = [['binary\\.txt', 'Binary file'], ['invalid\\.txt', 'Invalid UTF-8'], ['missing\\.txt', 'No such file']]
    for (const [name, problem] of failures) {
      expect(stylish.stdout).toMatch(new RegExp(`^${name}\\n\\s+error\\s+${problem}`, 'm'))
    }
  })

  it('fails a file over --max-file-size with its size and the limit, and still lints the others', async () => {
    const cwd = coreDir({'big.txt': big, 'good.txt': seed000})
    const run = await scrapelint(cwd, ['--max-file-size', '1', '--format', 'github', 'big.txt', 'good.txt'])
    expect(run.code).toBe(2)
    expect(lines(run.stdout)).toContain('::error file=big.txt::File is 1.5 MB, over the 1.0 MB limit; split it or raise --max-file-size')
    expect(lines(run.stdout).filter((line) => line.includes('file=good.txt'))).toHaveLength(3)
  })

  it('fails on a config file with a syntax error, naming the file and the problem', async () => {
    const cwd = coreDir({'000.txt': seed000, '.scrapelintrc.json': '{"rules": {"no-boilerplate": "error",}\n'})
    const run = await scrapelint(cwd, ['000.txt'])
    expect(run.code).toBe(2)
    expectNoStackTrace(run)
    expect(lines(run.stdout).slice(0, 2)).toEqual([
      '000.txt',
      expect.stringMatching(/^\s+error\s+Cannot parse file `\.scrapelintrc\.json`: Expected .* in JSON at position 37/)
    ])
  })

  it('fails on a YAML config with a syntax error in one whole line: where it is, without the excerpt that follows', async () => {
    const cwd = tempDir({'000.txt': seed000, '.scrapelintrc.yml': 'rules:\n  repeated-words: [warn\n'})
    const run = await scrapelint(cwd, ['000.txt'])
    expect(run.code).toBe(2)
    expectNoStackTrace(run)
    expect(lines(run.stdout).slice(0, 2)).toEqual(['000.txt', expect.stringMatching(/^\s+error\s+Cannot parse file `\.scrapelintrc\.yml`: \S.* at line 3, column 1$/)])
  })

  it('lints a folder of mixed files: every bad one fails on its own line, the good ones are linted', async () => {
    const cwd = coreDir({
      'mixed/good.txt': seed000,
      'mixed/clean.md': seed001,
      'mixed/binary.txt': binary,
      'mixed/invalid.txt': invalidUtf8,
      'mixed/utf16.txt': utf16,
      'mixed/utf16be.txt': utf16BigEndian,
      'mixed/big.txt': big,
      'mixed/empty.txt': ''
    })
    const run = await scrapelint(cwd, ['--max-file-size', '1', '--format', 'json', 'mixed'])
    expect(run.code).toBe(2)
    const report = parseJson(run)
    expect(report.map((file) => file.path).sort()).toEqual(
      ['mixed/big.txt', 'mixed/binary.txt', 'mixed/clean.md', 'mixed/empty.txt', 'mixed/good.txt', 'mixed/invalid.txt', 'mixed/utf16.txt', 'mixed/utf16be.txt']
    )
    const reasons = (name: string) => report.find((file) => file.path === name)?.messages.map((m) => `${m.severity} ${m.reason}`)
    expect(reasons('mixed/binary.txt')).toEqual(['error Binary file (it contains NUL bytes), not text'])
    expect(reasons('mixed/invalid.txt')).toEqual(['error Invalid UTF-8 at 1:2; convert the file to UTF-8 first (for example with iconv)'])
    expect(reasons('mixed/utf16.txt')).toEqual(['error UTF-16LE text, not UTF-8; convert the file to UTF-8 first (for example with iconv -f UTF-16 -t UTF-8)'])
    expect(reasons('mixed/utf16be.txt')).toEqual(['error UTF-16BE text, not UTF-8; convert the file to UTF-8 first (for example with iconv -f UTF-16BE -t UTF-8)'])
    expect(reasons('mixed/big.txt')).toEqual(['error File is 1.5 MB, over the 1.0 MB limit; split it or raise --max-file-size'])
    expect(reasons('mixed/empty.txt')).toEqual(['info Empty file, nothing to lint'])
    expect(reasons('mixed/clean.md')).toEqual([])
    expect(summary(report, 'mixed/good.txt')).toEqual(seed000Findings)
  })

  it('a glob or path that matches no file is a usage error, not a silent pass', async () => {
    const cwd = coreDir({'a.txt': 'Fine text.\n'})
    const run = await scrapelint(cwd, ['corpus/**/*.txt'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('scrapelint: no files matched `corpus/**/*.txt`\n')
  })

  it('an empty file is reported as info, not as an error', async () => {
    const cwd = coreDir({'empty.txt': '', 'blank.md': '\n  \n'})
    const run = await scrapelint(cwd, ['empty.txt', 'blank.md'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^empty\.txt\n\s+info\s+Empty file, nothing to lint/m)
    expect(run.stdout).toMatch(/^blank\.md\n\s+info\s+Empty file, nothing to lint/m)
  })
})

describe.concurrent('many files', () => {
  // Over 200 files the CLI runs the engine in batches, and with --jobs 2 in its own thread and a worker thread.
  const story = 'Exit mobile version\n\nThe talks in Moscow ended on Monday without a joint statement.\n'
  const clean = 'The talks in Moscow ended on Monday without a joint statement.\n'
  function corpus(): string {
    const files: Record<string, string> = {'.scrapelintignore': 'skip/\n'}
    for (let index = 0; index < 230; index++) files[`news/${String(index).padStart(3, '0')}.txt`] = index % 3 === 0 ? clean : story
    files['news/skip/ignored.txt'] = story
    files['news/notes.csv'] = story
    // Glob syntax in a file's name is taken literally.
    files['news/a[1].txt'] = story
    return coreDir(files)
  }

  it('reports every file once, in path order, the same in one thread and in two, and skips ignored and unlintable files', async () => {
    const cwd = corpus()
    const [one, two] = await Promise.all([scrapelint(cwd, ['--format', 'json', '--jobs', '1', 'news']), scrapelint(cwd, ['--format', 'json', '--jobs', '2', 'news'])])
    expect(one.code).toBe(0)
    const report = parseJson(one)
    expect(report.map((file) => file.path)).toEqual([...Array.from({length: 230}, (_, index) => `news/${String(index).padStart(3, '0')}.txt`), 'news/a[1].txt'])
    expect(report.filter((file) => file.messages.length > 0)).toHaveLength(154)
    expect(summary(report, 'news/a[1].txt')).toEqual(['1:1-1:20 warn no-boilerplate'])
    expect(summary(report, 'news/001.txt')).toEqual(['1:1-1:20 warn no-boilerplate'])
    expect(summary(report, 'news/000.txt')).toEqual([])
    expect(two.code).toBe(0)
    expect(parseJson(two)).toEqual(report)
  })

  it('--fix in worker threads rewrites each file with findings and no other', async () => {
    const cwd = corpus()
    const before = fs.statSync(path.join(cwd, 'news/000.txt')).mtimeMs
    const run = await scrapelint(cwd, ['--fix', '--jobs', '2', 'news'])
    expect(run.code).toBe(0)
    expect(fs.readFileSync(path.join(cwd, 'news/001.txt'), 'utf8')).toBe(clean)
    expect(fs.readFileSync(path.join(cwd, 'news/229.txt'), 'utf8')).toBe(clean)
    expect(fs.statSync(path.join(cwd, 'news/000.txt')).mtimeMs).toBe(before)
    expect(fs.readFileSync(path.join(cwd, 'news/skip/ignored.txt'), 'utf8')).toBe(story)
  })
})
