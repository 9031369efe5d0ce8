import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'
import type * as Sarif from 'sarif'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {format, formatNames, type FormatOptions, type RuleInfo} from '../src/formats.js'
import type {RelatedLocation, ScrapelintMessage} from '../src/types.js'

const require = createRequire(import.meta.url)
const manifest = require('../package.json') as {version: string}

const cwd = path.resolve('/project')
const docs = 'https://github.com/scrapelint/scrapelint/blob/main/README.md'
const rules: RuleInfo[] = [
  {id: 'no-boilerplate', summary: 'Warn on site chrome left in the text (`Exit mobile version`)', url: `${docs}#no-boilerplate`},
  {id: 'no-mojibake', summary: 'Warn on UTF-8 text that was decoded with the wrong encoding (`Ã©` for `é`)', url: `${docs}#no-mojibake`},
  {id: 'claim-shift', summary: 'Warn when a republished claim differs from the earlier version', url: `${docs}#claim-shift`},
  {id: 'headline-garbled', summary: 'Warn on a headline that lost its words', url: `${docs}#headline-garbled`}
]
const options: FormatOptions = {cwd, rules, color: false}

const boilerplateText = 'newsweekshowcase.com\n\nExit mobile version'

interface Report {
  ruleId: string
  actual: string
  reason: string
  expected?: string[]
  severity?: 'error' | 'warn' | 'info'
  /** Which occurrence of `actual` to flag, when it appears more than once. */
  nth?: number
  related?: RelatedLocation[]
}

/** Report `actual` where it occurs in the file, as a rule would: place, actual, expected, url, source. */
function report(file: VFile, spec: Report): VFileMessage {
  const value = String(file)
  let start = -1
  for (let index = 0; index <= (spec.nth ?? 0); index++) start = value.indexOf(spec.actual, start + 1)
  if (start < 0) throw new Error(`\`${spec.actual}\` is not in the file`)
  const points = location(file)
  const startPoint = points.toPoint(start)
  const endPoint = points.toPoint(start + spec.actual.length)
  if (!startPoint || !endPoint) throw new Error('Place out of range')
  const message: ScrapelintMessage = file.message(spec.reason, {
    place: {start: startPoint, end: endPoint},
    ruleId: spec.ruleId,
    source: 'scrapelint'
  })
  message.fatal = spec.severity === 'error' ? true : spec.severity === 'info' ? undefined : false
  message.actual = spec.actual
  message.expected = spec.expected ?? []
  message.url = `${docs}#${spec.ruleId}`
  if (spec.related) message.related = spec.related
  return message
}

function reportBoilerplate(file: VFile, nth = 0): VFileMessage {
  return report(file, {
    ruleId: 'no-boilerplate',
    actual: 'Exit mobile version',
    reason: 'Unexpected boilerplate `Exit mobile version`, remove it',
    expected: [''],
    nth
  })
}

/** What unified-engine adds when it cannot read a file: fatal, no rule, no place. */
function failToRead(file: VFile): VFileMessage {
  const message = file.message('Cannot read file as it does not exist', {cause: new Error('ENOENT: no such file or directory')})
  message.fatal = true
  return message
}

/** A file with a warning, an error, an info and a related place, plus a file that could not be read. */
function sampleFiles(): VFile[] {
  const article = new VFile({path: 'fixtures/a.txt', cwd, value: `CafÃ© terms were signed.\n\n${boilerplateText}\n`})
  reportBoilerplate(article)
  report(article, {
    ruleId: 'no-mojibake',
    actual: 'Ã©',
    reason: 'Unexpected `Ã©`, expected `é`',
    expected: ['é'],
    severity: 'error'
  })
  report(article, {
    ruleId: 'claim-shift',
    actual: 'were signed',
    reason: 'New claim: `were signed` where the earlier version said `could be signed`',
    expected: ['could be signed', 'may be signed'],
    severity: 'info',
    related: [
      {path: 'fixtures/a.old.txt', start: {line: 1, column: 13, offset: 12}, end: {line: 1, column: 28, offset: 27}, message: 'The earlier version'}
    ]
  })
  const missing = new VFile({path: path.join(cwd, 'fixtures', 'missing.txt'), cwd})
  failToRead(missing)
  return [article, missing]
}

/** Messages our rules do not make but the formats must survive: a whole-file finding, a point, another tool's rule. */
function unusualFile(): VFile {
  const file = new VFile({path: 'fixtures/odd.txt', cwd, value: 'the the'})
  file.message('Headline is missing', {ruleId: 'headline-garbled', source: 'scrapelint'})
  file.message('Expected `the` once', {place: {line: 1, column: 5}, ruleId: 'the', source: 'retext-repeated-words'})
  return file
}

describe('format', () => {
  it('knows its format names and rejects others', () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'github'])
    expect(() => format('xml' as 'json', [], options)).toThrow(/Unknown format `xml`, expected one of stylish, json, sarif, github/)
  })
})

describe('stylish', () => {
  it('prints path, range, severity, reason, rule and source, and file-level failures', () => {
    const output = format('stylish', sampleFiles(), options)
    const lines = output.split('\n').map((line) => line.trim().replace(/\s+/g, ' '))
    expect(lines).toContain('fixtures/a.txt')
    expect(lines).toContain('5:1-5:20 warning Unexpected boilerplate `Exit mobile version`, remove it no-boilerplate scrapelint')
    expect(lines).toContain('1:4-1:6 error Unexpected `Ã©`, expected `é` no-mojibake scrapelint')
    expect(lines).toContain('1:13-1:24 info New claim: `were signed` where the earlier version said `could be signed` claim-shift scrapelint')
    expect(output).toContain(path.join(cwd, 'fixtures', 'missing.txt'))
    expect(lines).toContain('error Cannot read file as it does not exist')
    expect(output).not.toContain('\u001B[')
    expect(output.endsWith('\n')).toBe(true)
  })

  it('shows errors only when quiet', () => {
    const output = format('stylish', sampleFiles(), {...options, quiet: true})
    expect(output).toContain('no-mojibake')
    expect(output).toContain('Cannot read file')
    expect(output).not.toContain('no-boilerplate')
    expect(output).not.toContain('claim-shift')
  })

  it('colors when asked', () => {
    expect(format('stylish', sampleFiles(), {...options, color: true})).toContain('\u001B[31m')
  })
})

interface JsonReport {
  path: string
  messages: Array<Record<string, unknown>>
}

describe('json', () => {
  it('reports every field, with paths relative to cwd', () => {
    const output = format('json', sampleFiles(), options)
    const report = JSON.parse(output) as JsonReport[]
    expect(output).toBe(`${JSON.stringify(report, null, 2)}\n`)
    expect(report.map((file) => file.path)).toEqual(['fixtures/a.txt', 'fixtures/missing.txt'])
    expect(report[0]?.messages.map((message) => message.ruleId)).toEqual(['no-mojibake', 'claim-shift', 'no-boilerplate'])
    expect(report[0]?.messages[2]).toEqual({
      ruleId: 'no-boilerplate',
      source: 'scrapelint',
      severity: 'warn',
      line: 5,
      column: 1,
      endLine: 5,
      endColumn: 20,
      reason: 'Unexpected boilerplate `Exit mobile version`, remove it',
      actual: 'Exit mobile version',
      fix: {range: [48, 67], text: ''},
      suggestions: [''],
      url: `${docs}#no-boilerplate`,
      note: null
    })
  })

  it('gives a fix range that removes exactly the flagged text', () => {
    const [article] = sampleFiles()
    const report = JSON.parse(format('json', [article as VFile], options)) as JsonReport[]
    const value = String(article)
    const fixes = (report[0]?.messages ?? []).flatMap((message) => {
      const fix = message.fix as {range: [number, number]; text: string} | undefined
      return fix ? [fix] : []
    })
    expect(fixes).toHaveLength(2)
    for (const {range, text} of fixes.sort((a, b) => b.range[0] - a.range[0])) {
      expect(value.slice(...range)).toMatch(/^(Exit mobile version|Ã©)$/)
      expect(text).toMatch(/^(|é)$/)
    }
    const fixed = fixes.reduce((result, {range, text}) => result.slice(0, range[0]) + text + result.slice(range[1]), value)
    expect(fixed).toBe('Café terms were signed.\n\nnewsweekshowcase.com\n\n\n')
  })

  it('offers choices as suggestions without a fix, and related places with paths', () => {
    const report = JSON.parse(format('json', sampleFiles(), options)) as JsonReport[]
    const claim = report[0]?.messages[1]
    expect(claim).toMatchObject({severity: 'info', suggestions: ['could be signed', 'may be signed']})
    expect(claim).not.toHaveProperty('fix')
    expect(claim?.related).toEqual([
      {path: 'fixtures/a.old.txt', line: 1, column: 13, endLine: 1, endColumn: 28, message: 'The earlier version'}
    ])
  })

  it('prints file-level failures with null places', () => {
    const report = JSON.parse(format('json', sampleFiles(), options)) as JsonReport[]
    expect(report[1]).toEqual({
      path: 'fixtures/missing.txt',
      messages: [
        {
          ruleId: null,
          source: null,
          severity: 'error',
          line: null,
          column: null,
          endLine: null,
          endColumn: null,
          reason: 'Cannot read file as it does not exist',
          url: null,
          note: null
        }
      ]
    })
  })

  it('reports a whole-file finding and a point', () => {
    const report = JSON.parse(format('json', [unusualFile()], options)) as JsonReport[]
    expect(report[0]?.messages.map((message) => [message.ruleId, message.line, message.column, message.endLine, message.endColumn])).toEqual([
      ['headline-garbled', null, null, null, null],
      ['the', 1, 5, null, null]
    ])
  })

  it('drops warnings and info when quiet, and keeps clean files', () => {
    const clean = new VFile({path: 'fixtures/clean.txt', cwd, value: 'Fine.'})
    const report = JSON.parse(format('json', [...sampleFiles(), clean], {...options, quiet: true})) as JsonReport[]
    expect(report.map((file) => [file.path, file.messages.map((message) => message.ruleId)])).toEqual([
      ['fixtures/a.txt', ['no-mojibake']],
      ['fixtures/missing.txt', [null]],
      ['fixtures/clean.txt', []]
    ])
  })
})

describe('github', () => {
  it('writes one workflow command per message', () => {
    expect(format('github', sampleFiles(), options)).toBe(
      [
        '::error file=fixtures/a.txt,line=1,col=4,endLine=1,endColumn=6,title=no-mojibake::Unexpected `Ã©`, expected `é`',
        '::notice file=fixtures/a.txt,line=1,col=13,endLine=1,endColumn=24,title=claim-shift::New claim: `were signed` where the earlier version said `could be signed`',
        '::warning file=fixtures/a.txt,line=5,col=1,endLine=5,endColumn=20,title=no-boilerplate::Unexpected boilerplate `Exit mobile version`, remove it',
        '::error file=fixtures/missing.txt::Cannot read file as it does not exist',
        ''
      ].join('\n')
    )
  })

  it('escapes data and properties as the Actions toolkit does', () => {
    const file = new VFile({path: 'fixtures/a,b:c%.txt', cwd, value: 'It is 100% sure.\r\nReally.'})
    report(file, {ruleId: 'no-mojibake', actual: '100%', reason: 'Odd `100%`,\r\nsecond line: here'})
    expect(format('github', [file], options)).toBe(
      '::warning file=fixtures/a%2Cb%3Ac%25.txt,line=1,col=7,endLine=1,endColumn=11,title=no-mojibake::Odd `100%25`,%0D%0Asecond line: here\n'
    )
  })

  it('leaves out the place properties a message does not have', () => {
    expect(format('github', [unusualFile()], options)).toBe(
      '::warning file=fixtures/odd.txt,title=headline-garbled::Headline is missing\n' +
        '::warning file=fixtures/odd.txt,line=1,col=5,title=the::Expected `the` once\n'
    )
  })

  it('prints nothing when quiet leaves nothing', () => {
    const file = new VFile({path: 'fixtures/a.txt', cwd, value: boilerplateText})
    reportBoilerplate(file)
    expect(format('github', [file], {...options, quiet: true})).toBe('')
  })
})

const multitool = require('@microsoft/sarif-multitool') as string

let schemaValidator: ValidateFunction | undefined

/** The SARIF 2.1.0 schema that Microsoft's SARIF SDK ships beside its multitool, compiled once. */
function sarifSchemaValidator(): ValidateFunction {
  if (schemaValidator) return schemaValidator
  const schema = JSON.parse(readFileSync(path.join(path.dirname(multitool), 'sarif-2.1.0.json'), 'utf8')) as object
  const ajv = new Ajv2020({allErrors: true, strictRequired: false})
  // A CommonJS module: under `nodenext` its plugin is the `default` of the default import.
  ajvFormats.default(ajv)
  const validate = ajv.compile(schema)
  schemaValidator = validate
  return validate
}

/**
 * Findings of `Sarif.Multitool validate`: the schema, the SARIF spec's rules
 * and GitHub code scanning's ingestion rules (`Gh`). SARIF2006 is off: it
 * fetches every URI in the log over the network.
 */
function multitoolFindings(log: string): string[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'scrapelint-sarif-'))
  try {
    const input = path.join(folder, 'report.sarif')
    const output = path.join(folder, 'validation.sarif')
    const config = path.join(folder, 'validate.xml')
    writeFileSync(input, log)
    writeFileSync(
      config,
      '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n'
    )
    const args = ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--config', config]
    const run = spawnSync(multitool, [...args, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning'], {encoding: 'utf8'})
    expect(run.error).toBeUndefined()
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
    const validation = JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log
    const validationRun = validation.runs[0]
    expect(validationRun?.invocations?.[0]?.executionSuccessful).toBe(true)
    return (validationRun?.results ?? []).map(
      (result) => `${result.ruleId ?? ''} ${result.level ?? 'warning'}: ${(result.message.arguments ?? []).join(' | ')}`
    )
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

function sarifOf(files: VFile[], formatOptions: FormatOptions = options): Sarif.Log {
  return JSON.parse(format('sarif', files, formatOptions)) as Sarif.Log
}

function onlyRun(log: Sarif.Log): Sarif.Run {
  const run = log.runs[0]
  if (!run || log.runs.length !== 1) throw new Error('Expected one run')
  return run
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 by the JSON schema', () => {
    const validate = sarifSchemaValidator()
    const clean = new VFile({path: 'fixtures/clean.txt', cwd, value: 'Fine.'})
    for (const files of [sampleFiles(), [unusualFile()], [clean], []]) {
      const log: unknown = JSON.parse(format('sarif', files, options))
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
    }
  })

  it('catches an invalid log, so the schema check is real', () => {
    const validate = sarifSchemaValidator()
    const log = sarifOf(sampleFiles())
    const result = onlyRun(log).results?.[0]
    if (!result) throw new Error('Expected a result')
    ;(result as {level: string}).level = 'warn'
    expect(validate(log)).toBe(false)
  })

  it('passes the SARIF multitool validator, GitHub ingestion rules included', () => {
    expect(multitoolFindings(format('sarif', [...sampleFiles(), unusualFile()], options))).toEqual([])
  })

  it('catches a log GitHub would reject, so the multitool check is real', () => {
    const log = sarifOf(sampleFiles())
    const rule = onlyRun(log).tool.driver.rules?.[0]
    if (!rule) throw new Error('Expected a rule')
    delete rule.help
    expect(multitoolFindings(JSON.stringify(log)).join('\n')).toMatch(/^GH2012 error: runs\[0\]\.tool\.driver\.rules\[0\]/m)
  })

  it('describes the tool and every configured or reported rule', () => {
    const file = new VFile({path: 'fixtures/a.txt', cwd, value: 'the the'})
    report(file, {ruleId: 'no-repeated-words', actual: 'the the', reason: 'Unexpected repeated `the`'})
    const driver = onlyRun(sarifOf([file])).tool.driver
    expect(driver).toMatchObject({name: 'scrapelint', version: manifest.version})
    expect(driver.rules?.map((rule) => rule.id)).toEqual([...rules.map((rule) => rule.id), 'no-repeated-words'])
    expect(driver.rules?.[0]).toEqual({
      id: 'no-boilerplate',
      shortDescription: {text: rules[0]?.summary},
      fullDescription: {text: rules[0]?.summary},
      help: {text: `${rules[0]?.summary}\n\nDocs: ${docs}#no-boilerplate`, markdown: `${rules[0]?.summary}\n\n[Docs](${docs}#no-boilerplate)`},
      helpUri: `${docs}#no-boilerplate`
    })
    expect(driver.rules?.[4]).toMatchObject({id: 'no-repeated-words', helpUri: `${docs}#no-repeated-words`})
  })

  it('reports results with rule index, level, place, related places and fixes', () => {
    const run = onlyRun(sarifOf(sampleFiles()))
    const results = run.results ?? []
    expect(results.map((result) => [result.ruleId, result.level])).toEqual([
      ['no-mojibake', 'error'],
      ['claim-shift', 'note'],
      ['no-boilerplate', 'warning']
    ])
    for (const result of results) {
      expect(run.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId)
    }
    const [mojibake, claim, boilerplate] = results
    expect(boilerplate?.message.text).toBe('Unexpected boilerplate `Exit mobile version`, remove it')
    expect(boilerplate?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: {uri: 'fixtures/a.txt', uriBaseId: '%SRCROOT%'},
          region: {startLine: 5, startColumn: 1, endLine: 5, endColumn: 20}
        }
      }
    ])
    expect(boilerplate?.fixes).toEqual([
      {
        description: {text: 'Remove `Exit mobile version`'},
        artifactChanges: [
          {
            artifactLocation: {uri: 'fixtures/a.txt', uriBaseId: '%SRCROOT%'},
            replacements: [{deletedRegion: {charOffset: 48, charLength: 19}, insertedContent: {text: ''}}]
          }
        ]
      }
    ])
    expect(mojibake?.fixes?.[0]?.description?.text).toBe('Replace `Ã©` with `é`')
    expect(claim?.fixes).toBeUndefined()
    expect(claim?.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: {uri: 'fixtures/a.old.txt', uriBaseId: '%SRCROOT%'},
          region: {startLine: 1, startColumn: 13, endLine: 1, endColumn: 28}
        },
        message: {text: 'The earlier version'}
      }
    ])
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/.*\/project\/$/)
  })

  it('gives a whole-file finding the file start, and prefixes another tool\'s rule id', () => {
    const run = onlyRun(sarifOf([unusualFile()]))
    expect(run.results?.map((result) => [result.ruleId, result.locations?.[0]?.physicalLocation?.region])).toEqual([
      ['headline-garbled', {startLine: 1, startColumn: 1}],
      ['retext-repeated-words:the', {startLine: 1, startColumn: 5}]
    ])
    expect(run.tool.driver.rules?.map((rule) => rule.id).slice(rules.length)).toEqual(['retext-repeated-words:the'])
  })

  it('puts file-level failures in tool execution notifications', () => {
    const run = onlyRun(sarifOf(sampleFiles()))
    expect(run.results?.some((result) => result.message.text?.startsWith('Cannot read'))).toBe(false)
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: {text: 'Cannot read file as it does not exist'},
            locations: [{physicalLocation: {artifactLocation: {uri: 'fixtures/missing.txt', uriBaseId: '%SRCROOT%'}}}]
          }
        ]
      }
    ])
    const clean = new VFile({path: 'fixtures/clean.txt', cwd, value: 'Fine.'})
    expect(onlyRun(sarifOf([clean])).invocations).toEqual([{executionSuccessful: true}])
  })

  it('keeps fingerprints when a line is inserted above, and tells repeats apart', () => {
    const before = new VFile({path: 'fixtures/a.txt', cwd, value: `${boilerplateText}\n\nBody.\n\nExit mobile version\n`})
    reportBoilerplate(before, 0)
    reportBoilerplate(before, 1)
    const after = new VFile({path: 'fixtures/a.txt', cwd, value: `Inserted headline\n\n${String(before)}`})
    reportBoilerplate(after, 0)
    reportBoilerplate(after, 1)

    const resultsBefore = onlyRun(sarifOf([before])).results ?? []
    const resultsAfter = onlyRun(sarifOf([after])).results ?? []
    const fingerprints = (results: Sarif.Result[]) => results.map((result) => result.partialFingerprints?.['scrapelint/v1'])
    const startLines = (results: Sarif.Result[]) => results.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine)

    expect(startLines(resultsBefore)).toEqual([3, 7])
    expect(startLines(resultsAfter)).toEqual([5, 9])
    expect(fingerprints(resultsAfter)).toEqual(fingerprints(resultsBefore))
    expect(new Set(fingerprints(resultsBefore)).size).toBe(2)
    for (const fingerprint of fingerprints(resultsBefore)) expect(fingerprint).toMatch(/^[\da-f]{64}$/)

    const renamed = new VFile({path: 'fixtures/b.txt', cwd, value: String(before)})
    reportBoilerplate(renamed, 0)
    expect(fingerprints(onlyRun(sarifOf([renamed])).results ?? [])[0]).not.toBe(fingerprints(resultsBefore)[0])
  })

  it('drops warnings and info when quiet', () => {
    const run = onlyRun(sarifOf(sampleFiles(), {...options, quiet: true}))
    expect(run.results?.map((result) => result.ruleId)).toEqual(['no-mojibake'])
    expect(run.invocations?.[0]?.executionSuccessful).toBe(false)
  })

  it('encodes paths as relative URI references with forward slashes', () => {
    const file = new VFile({path: path.join(cwd, 'news', 'week 1', 'a#b%.txt'), cwd, value: boilerplateText})
    reportBoilerplate(file)
    const uri = onlyRun(sarifOf([file])).results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri
    expect(uri).toBe('news/week%201/a%23b%25.txt')
  })
})
