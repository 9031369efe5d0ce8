import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {rules} from '../src/registry.js'
import {parseJson, removeTempDirs, root, scrapelint, seed000, seed001, summary, tempDir, type JsonFile} from './run-bin.js'

// Every test spawns the built bin in its own temp folder, so they run concurrently.
afterAll(removeTempDirs)

const seedLines = seed000.split('\n')
/** Line 3 of seed 000, a headline with a misspelt name (`Kim Jung Un`). */
const headline = seedLines[2] ?? ''
/** Line 7 of seed 000, a plain paragraph. */
const paragraph = seedLines[6] ?? ''

/** The `severity rule-id` pairs of one file's messages in a JSON report. */
/**
 * These tests are about config, so they read the messages of the first two rules and of plugins;
 * the other built-in rules' messages on the seeds are checked by their own tests.
 */
const otherRules = new Set(rules.map((rule) => rule.id).filter((id) => id !== 'no-boilerplate' && id !== 'repeated-words'))

function reportOf(run: Parameters<typeof parseJson>[0]): JsonFile[] {
  return parseJson(run).map((file) => ({...file, messages: file.messages.filter((message) => !otherRules.has(message.ruleId ?? ''))}))
}

function severities(report: JsonFile[], name: string): string[] {
  return summary(report, name).map((line) => line.split(' ').slice(1).join(' '))
}

function reasonsOf(report: JsonFile[], name: string): string[] {
  return report.find((file) => file.path === name)?.messages.map((message) => message.reason) ?? []
}

describe.concurrent('config files', () => {
  it('reads .scrapelintrc (JSON), .scrapelintrc.yaml, .scrapelintrc.js and the `scrapelint` field of package.json', async () => {
    const cwd = tempDir({
      'json/.scrapelintrc': JSON.stringify({rules: {'repeated-words': 'error'}}),
      'json/000.txt': seed000,
      'yaml/.scrapelintrc.yaml': 'rules:\n  no-boilerplate: off\n',
      'yaml/000.txt': seed000,
      'js/.scrapelintrc.js': "export default {rules: {'no-boilerplate': ['warn', {allow: ['Exit mobile version']}]}}\n",
      'js/000.txt': seed000,
      'package/package.json': JSON.stringify({name: 'news', private: true, scrapelint: {rules: {'no-boilerplate': 'error'}}}),
      'package/000.txt': seed000,
      'none/000.txt': seed000
    })
    const run = await scrapelint(cwd, ['--format', 'json', 'json', 'yaml', 'js', 'package', 'none'])
    expect(run.code).toBe(1)
    const report = reportOf(run)
    expect(summary(report, 'none/000.txt')).toEqual(['1:1-1:21 warn no-boilerplate', '5:90-5:109 warn repeated-words', '51:1-51:20 warn no-boilerplate'])
    expect(severities(report, 'json/000.txt')).toEqual(['warn no-boilerplate', 'error repeated-words', 'warn no-boilerplate'])
    expect(severities(report, 'yaml/000.txt')).toEqual(['warn repeated-words'])
    // The JS config's option accepts `Exit mobile version`; the site name is still flagged.
    expect(summary(report, 'js/000.txt')).toEqual(['1:1-1:21 warn no-boilerplate', '5:90-5:109 warn repeated-words'])
    expect(severities(report, 'package/000.txt')).toEqual(['error no-boilerplate', 'warn repeated-words', 'error no-boilerplate'])
  })

  it('skips what .scrapelintignore lists, when walking a folder and when expanding a glob', async () => {
    const cwd = tempDir({
      '.scrapelintignore': 'vendor/\nskip.txt\n',
      'story.txt': seed000,
      'skip.txt': seed000,
      'vendor/copy.txt': seed000
    })
    const [folder, glob, named] = await Promise.all([
      scrapelint(cwd, ['--format', 'json', '.']),
      scrapelint(cwd, ['--format', 'json', '**/*.txt']),
      scrapelint(cwd, ['--format', 'json', 'skip.txt'])
    ])
    expect(folder.code).toBe(0)
    expect(reportOf(folder).map((file) => file.path)).toEqual(['story.txt'])
    expect(glob.code).toBe(0)
    expect(reportOf(glob).map((file) => file.path)).toEqual(['story.txt'])
    // A file named outright says why nothing was linted.
    expect(named.code).toBe(2)
    expect(reasonsOf(reportOf(named), 'skip.txt')).toEqual(['Cannot process specified file: it’s ignored'])
  })

  it('cascades: a parent config sets a severity, a child config an option, and both apply; `root: true` stops the cascade', async () => {
    const cwd = tempDir({
      'desk/.scrapelintrc.json': JSON.stringify({rules: {'repeated-words': 'error'}}),
      'desk/top.txt': seed000,
      'desk/wire/.scrapelintrc.yaml': `rules:\n  no-boilerplate:\n    - warn\n    - phrases:\n        - "${headline}"\n`,
      'desk/wire/story.txt': seed000,
      'desk/own/.scrapelintrc.json': JSON.stringify({root: true, rules: {'no-boilerplate': 'off'}}),
      'desk/own/story.txt': seed000
    })
    const run = await scrapelint(cwd, ['--format', 'json', 'desk'])
    expect(run.code).toBe(1)
    const report = reportOf(run)
    expect(severities(report, 'desk/top.txt')).toEqual(['warn no-boilerplate', 'error repeated-words', 'warn no-boilerplate'])
    expect(summary(report, 'desk/wire/story.txt')).toEqual([
      '1:1-1:21 warn no-boilerplate',
      `3:1-3:${headline.length + 1} warn no-boilerplate`,
      '5:90-5:109 error repeated-words',
      '51:1-51:20 warn no-boilerplate'
    ])
    expect(severities(report, 'desk/own/story.txt')).toEqual(['warn repeated-words'])
  })

  it('`extends: all` turns on every rule; a rule can still be turned off', async () => {
    const files: Record<string, string> = {}
    const extension = {text: 'txt', markdown: 'md', html: 'html'} as const
    // Each rule's own examples that need no options and find something.
    const triggered = new Map<string, string>()
    for (const rule of rules) {
      const example = rule.examples.find((candidate) => (candidate.output ?? []).length > 0 && !candidate.options)
      if (!example) continue
      const name = `${rule.id}-${example.name}.${extension[example.syntax ?? 'text']}`
      triggered.set(rule.id, name)
      files[`all/${name}`] = example.input
      files[`recommended/${name}`] = example.input
      files[`some/${name}`] = example.input
    }
    expect(triggered.size).toBeGreaterThan(0)
    files['all/.scrapelintrc.json'] = JSON.stringify({extends: 'all'})
    files['recommended/.scrapelintrc.json'] = JSON.stringify({extends: 'recommended'})
    files['some/.scrapelintrc.json'] = JSON.stringify({extends: 'all', rules: {'repeated-words': 'off'}})
    const run = await scrapelint(tempDir(files), ['--format', 'json', 'all', 'recommended', 'some'])
    const report = parseJson(run)
    const ruleIds = (folder: string, file: string) => report.find((entry) => entry.path === `${folder}/${file}`)?.messages.map((m) => m.ruleId) ?? []
    for (const [id, file] of triggered) {
      expect(ruleIds('all', file), `${id} under extends: all`).toContain(id)
      expect(ruleIds('recommended', file).includes(id), `${id} under extends: recommended`).toBe(rules.find((rule) => rule.id === id)?.recommended)
      if (id === 'repeated-words') expect(ruleIds('some', file)).not.toContain(id)
    }
  })
})

describe.concurrent('strict validation', () => {
  it('rejects unknown rule ids, options, keys and presets and bad severities, naming the file and the key', async () => {
    const configs: Record<string, unknown> = {
      'rule-id': {rules: {'no-boilerplat': 'warn'}},
      option: {rules: {'no-boilerplate': ['warn', {phrase: ['Read more']}]}},
      'option-type': {rules: {'no-boilerplate': ['warn', {phrases: 'Read more'}]}},
      severity: {rules: {'no-boilerplate': 'warning'}},
      key: {rule: {'no-boilerplate': 'warn'}},
      preset: {extends: 'al'}
    }
    const files: Record<string, string> = {}
    for (const [folder, config] of Object.entries(configs)) {
      files[`${folder}/.scrapelintrc.json`] = JSON.stringify(config)
      files[`${folder}/000.txt`] = seed000
    }
    const cwd = tempDir(files)
    const run = await scrapelint(cwd, ['--format', 'json', ...Object.keys(configs)])
    expect(run.code).toBe(2)
    const report = reportOf(run)
    // The engine works from the real path of the folder it runs in.
    const configFile = (folder: string) => path.join(fs.realpathSync(cwd), folder, '.scrapelintrc.json')
    const reason = (folder: string) => {
      const messages = report.find((file) => file.path === `${folder}/000.txt`)?.messages ?? []
      expect(messages, `${folder}: one failure, nothing linted`).toHaveLength(1)
      expect(messages[0]?.severity).toBe('error')
      expect(messages[0]?.ruleId).toBeNull()
      return messages[0]?.reason
    }
    expect(reason('rule-id')).toBe(`${configFile('rule-id')}: \`rules.no-boilerplat\`: unknown rule (did you mean \`no-boilerplate\`?)`)
    expect(reason('option')).toBe(`${configFile('option')}: \`rules.no-boilerplate\`: unknown option \`phrase\` (did you mean \`phrases\`?)`)
    expect(reason('option-type')).toBe(`${configFile('option-type')}: \`rules.no-boilerplate\`: option \`phrases\`: expected a list of strings`)
    expect(reason('severity')).toBe(
      `${configFile('severity')}: \`rules.no-boilerplate\`: expected a severity (off, info, warn, error) or [severity, options], not "warning"`
    )
    expect(reason('key')).toBe(`${configFile('key')}: \`rule\`: unknown key (did you mean \`rules\`?)`)
    expect(reason('preset')).toBe(`${configFile('preset')}: \`extends\`: unknown preset \`al\` (did you mean \`all\`?); expected one of recommended, all`)
  })
})

describe.concurrent('plugins', () => {
  it('runs a retext plugin from npm under its package name, its severity set through `rules`', async () => {
    const config = (severity?: string) =>
      JSON.stringify({root: true, plugins: ['retext-passive'], ...(severity ? {rules: {'retext-passive': severity}} : {})})
    const cwd = tempDir({
      'default/.scrapelintrc.json': config(),
      'default/001.txt': seed001,
      'error/.scrapelintrc.json': config('error'),
      'error/001.txt': seed001,
      'off/.scrapelintrc.json': config('off'),
      'off/001.txt': seed001
    })
    // The project has the plugin installed, as a user's project would.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(cwd, 'node_modules'), 'dir')
    const run = await scrapelint(cwd, ['--format', 'json', 'default', 'error', 'off'])
    expect(run.code).toBe(1)
    const report = reportOf(run)
    // Seed 001: `being fought`, `was put`, `are set`.
    const passive = ['28:111-28:117', '31:44-31:47', '32:150-32:153']
    expect(summary(report, 'default/001.txt')).toEqual(passive.map((place) => `${place} warn retext-passive`))
    expect(summary(report, 'error/001.txt')).toEqual(passive.map((place) => `${place} error retext-passive`))
    expect(summary(report, 'off/001.txt')).toEqual([])
    const message = report.find((file) => file.path === 'default/001.txt')?.messages[0]
    expect(message?.reason).toBe('Unexpected use of the passive voice')
    expect(message?.actual).toBe('fought')
  })

  it('drops what a retext plugin reports inside a web address, as for our own rules', async () => {
    // A plain retext plugin, as a team might write one: it reports every `Ukranian`.
    const plugin = `export default function () {
  return (tree, file) => {
    const visit = (node) => {
      if (node.type === 'WordNode' && node.children.map((child) => child.value).join('').toLowerCase() === 'ukranian') file.message('Ukranian', node)
      for (const child of node.children ?? []) visit(child)
    }
    visit(tree)
  }
}
`
    const cwd = tempDir({
      'ukranian.js': plugin,
      '.scrapelintrc.json': JSON.stringify({root: true, plugins: ['./ukranian.js'], rules: {'common-misspellings': 'off'}}),
      '000.txt': `${seed000}\nSource: https://example.com/news/ukranian/2023/\n`
    })
    const run = await scrapelint(cwd, ['--format', 'json', '000.txt'])
    const found = summary(reportOf(run), '000.txt').filter((entry) => entry.endsWith('ukranian'))
    expect(found).toEqual(['9:128-9:136 warn ukranian'])
  })

  it('an unknown plugin is a failure that names it', async () => {
    const cwd = tempDir({'.scrapelintrc.json': JSON.stringify({plugins: ['retext-pasive']}), '001.txt': seed001})
    const run = await scrapelint(cwd, ['--format', 'json', '001.txt'])
    expect(run.code).toBe(2)
    expect(reasonsOf(reportOf(run), '001.txt')).toEqual([`Cannot find plugin \`retext-pasive\` from ${fs.realpathSync(cwd)}`])
  })

  it('runs a local rule file written with defineRule, with configurable severity and options', async () => {
    const api = path.join(root, 'dist/src/index.js')
    const ruleFile = `import {defineRule, option} from ${JSON.stringify(api)}

export default defineRule({
  id: 'name-typos',
  kind: 'names',
  summary: 'Warn on misspelt names',
  recommended: true,
  options: {typos: option.strings({default: ['Kim Jung Un>Kim Jong Un'], description: 'Pairs of wrong>right'})},
  examples: [],
  check(doc, options, report) {
    for (const pair of options.typos) {
      const [wrong, right] = pair.split('>')
      for (let at = doc.value.indexOf(wrong); at !== -1; at = doc.value.indexOf(wrong, at + 1)) {
        report({start: at, end: at + wrong.length, reason: 'Unexpected \`' + wrong + '\`, expected \`' + right + '\`', expected: [right]})
      }
    }
  }
})
`
    const config = (extra?: Record<string, unknown>) =>
      JSON.stringify({root: true, plugins: ['../name-typos.js'], rules: {'no-boilerplate': 'off', 'repeated-words': 'off', ...extra}})
    const cwd = tempDir({
      'name-typos.js': ruleFile,
      'default/.scrapelintrc.json': config(),
      'default/000.txt': seed000,
      'error/.scrapelintrc.json': config({'name-typos': 'error'}),
      'error/000.txt': seed000,
      'options/.scrapelintrc.json': config({'name-typos': ['info', {typos: ['Ushakov>Yuri Ushakov']}]}),
      'options/000.txt': seed000,
      'off/.scrapelintrc.json': config({'name-typos': 'off'}),
      'off/000.txt': seed000
    })
    const run = await scrapelint(cwd, ['--format', 'json', 'default', 'error', 'options', 'off'])
    expect(run.code).toBe(1)
    const report = reportOf(run)
    expect(summary(report, 'default/000.txt')).toEqual(['3:17-3:28 warn name-typos'])
    expect(reasonsOf(report, 'default/000.txt')).toEqual(['Unexpected `Kim Jung Un`, expected `Kim Jong Un`'])
    expect(report.find((file) => file.path === 'default/000.txt')?.messages[0]?.fix?.text).toBe('Kim Jong Un')
    expect(summary(report, 'error/000.txt')).toEqual(['3:17-3:28 error name-typos'])
    const ushakov = seedLines.findIndex((line) => line.includes('Ushakov')) + 1
    const column = (seedLines[ushakov - 1] ?? '').indexOf('Ushakov') + 1
    expect(summary(report, 'options/000.txt')).toEqual([`${ushakov}:${column}-${ushakov}:${column + 7} info name-typos`])
    expect(summary(report, 'off/000.txt')).toEqual([])
  })
})

describe.concurrent('control comments', () => {
  // Real text, with one doubled `the` put in.
  const doubled = paragraph.replace('a sign of the two', 'a sign of the the two')
  const body = [
    paragraph,
    '',
    '<!-- scrapelint-disable-next-line no-boilerplate -->',
    'Exit mobile version',
    '',
    '<!-- scrapelint-disable-next-line no-boilerplate -->',
    doubled,
    '',
    '<!-- scrapelint-disable -->',
    'Exit mobile version',
    '',
    doubled,
    '<!-- scrapelint-enable -->',
    '',
    'Exit mobile version',
    ''
  ]
  const html = body.map((line) => (line === '' || line.startsWith('<!--') ? line : `<p>${line}</p>`))
  const doubledColumn = doubled.indexOf('the the') + 1

  it('disable-next-line silences the named rule on the next line only; disable and enable silence every rule between them', async () => {
    expect(doubled).not.toBe(paragraph)
    const cwd = tempDir({'story.txt': body.join('\n'), 'story.md': body.join('\n'), 'story.html': `<html><body>\n${html.join('\n')}</body></html>\n`})
    const run = await scrapelint(cwd, ['--format', 'json', 'story.txt', 'story.md', 'story.html'])
    expect(run.code).toBe(0)
    const report = reportOf(run)
    const expected = (shift: number, line: number) => [
      `${7 + line}:${doubledColumn + shift}-${7 + line}:${doubledColumn + shift + 7} warn repeated-words`,
      `${15 + line}:${1 + shift}-${15 + line}:${20 + shift} warn no-boilerplate`
    ]
    expect(summary(report, 'story.txt')).toEqual(expected(0, 0))
    expect(summary(report, 'story.md')).toEqual(expected(0, 0))
    // In HTML every line sits in a `<p>` (3 columns) and the file starts with one more line.
    expect(summary(report, 'story.html')).toEqual(expected(3, 1))
  })
})
