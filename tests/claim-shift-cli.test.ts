import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {parseJson, removeTempDirs, scrapelint, seed000, seed001, tempDir, type JsonFile} from './run-bin.js'

// Every test spawns the built bin in its own temp folder, as a user would.
afterAll(removeTempDirs)

const oldKim = 'Pyongyang was never known for altruism. Kim is interested in Russia’s space technologies.\n'
const newKim = 'Pyongyang was never known for altruism. Kim is clearly interested in Russia’s space and missile technologies.\n'
/** The shifts of `newKim` against `oldKim`, however the pair is given. */
const kimShifts = ['1:48 Booster added: `clearly`, which the earlier version does not have', '1:89 New detail: `missile`, not in the earlier version']
const oldTreaty = 'A comprehensive strategic partnership treaty is a treaty the leaders could sign, said Ushakov.\n'
const newTreaty = 'The strategic partnership treaty between the leaders was signed after their summit.\n'

interface RelatedJson {
  path: string
  line: number
  column: number
}

/** Claim-shift messages of one file: `line:column reason`. */
function shifts(report: JsonFile[], name: string): string[] {
  const file = report.find((entry) => entry.path === name)
  if (!file) throw new Error(`no \`${name}\` in the report: ${report.map((entry) => entry.path).join(', ')}`)
  return file.messages.filter((message) => message.ruleId === 'claim-shift').map((message) => `${message.line}:${message.column} ${message.reason}`)
}

function relatedOf(report: JsonFile[], name: string): RelatedJson[] {
  const file = report.find((entry) => entry.path === name)
  return (file?.messages ?? []).flatMap((message) => (message as unknown as {related?: RelatedJson[]}).related ?? [])
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=scrapelint test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {cwd, stdio: 'ignore'})
}

describe.concurrent('scrapelint --against', () => {
  it('compares one file with its earlier version', async () => {
    const cwd = tempDir({'old.txt': oldKim, 'new.txt': newKim})
    const run = await scrapelint(cwd, ['--format', 'json', '--against', 'old.txt', 'new.txt'])
    expect(run.code).toBe(0)
    const report = parseJson(run)
    expect(shifts(report, 'new.txt')).toEqual(kimShifts)
    expect(relatedOf(report, 'new.txt')[0]).toMatchObject({path: 'old.txt', line: 1, column: 41})
  })

  it('pairs two folders by relative path, and says which new files have no earlier version', async () => {
    const cwd = tempDir({
      'v1/kim.txt': oldKim,
      'v1/deep/treaty.txt': oldTreaty,
      'v2/kim.txt': newKim,
      'v2/deep/treaty.txt': newTreaty,
      'v2/extra.txt': 'A new file with no earlier version.\n'
    })
    const run = await scrapelint(cwd, ['--format', 'json', '--against', 'v1', 'v2'])
    expect(run.code).toBe(0)
    const report = parseJson(run)
    expect(report.map((file) => file.path).sort()).toEqual(['v2/deep/treaty.txt', 'v2/extra.txt', 'v2/kim.txt'])
    expect(shifts(report, 'v2/kim.txt')).toHaveLength(2)
    expect(shifts(report, 'v2/deep/treaty.txt')).toEqual([
      '1:1 Attribution dropped: the earlier version has `said Ushakov`',
      '1:54 Possibility became fact: `was signed` where the earlier version said `could sign`'
    ])
    expect(relatedOf(report, 'v2/deep/treaty.txt')[0]?.path).toBe('v1/deep/treaty.txt')
    const extra = report.find((file) => file.path === 'v2/extra.txt')
    expect(extra?.messages.map((message) => [message.severity, message.reason])).toEqual([['info', 'No earlier version at `v1/extra.txt`, nothing to compare']])
  })

  it('compares the two real seed copies and points at each shift', async () => {
    const cwd = tempDir({'000.txt': seed000, '001.txt': seed001})
    const run = await scrapelint(cwd, ['--format', 'json', '--against', '000.txt', '001.txt'])
    expect(run.code).toBe(0)
    const found = shifts(parseJson(run), '001.txt')
    expect(found).toEqual(
      expect.arrayContaining([
        '8:56 Possibility became fact: `was signed` where the earlier version said `could sign`',
        '14:1 Contrast collapsed: `China and Russia` where the earlier version set them apart with `whereas`',
        '23:63 Changed name: `Shevardnadze` where the earlier version said `her`'
      ])
    )
  })

  it('reads the new text from stdin', async () => {
    const cwd = tempDir({'old.txt': oldKim})
    const run = await scrapelint(cwd, ['--stdin', '--format', 'json', '--against', 'old.txt'], newKim)
    expect(run.code).toBe(0)
    expect(parseJson(run)[0]?.messages.filter((message) => message.ruleId === 'claim-shift')).toHaveLength(2)
  })

  it('keeps its findings through --fix, which only fixes the other rules', async () => {
    const cwd = tempDir({'old.txt': oldKim, 'new.txt': newKim + '\nExit mobile version\n'})
    const run = await scrapelint(cwd, ['--fix', '--format', 'json', '--against', 'old.txt', 'new.txt'])
    expect(run.code).toBe(0)
    expect(fs.readFileSync(path.join(cwd, 'new.txt'), 'utf8')).toBe(newKim)
    expect(shifts(parseJson(run), 'new.txt')).toHaveLength(2)
  })

  it('refuses mismatched or missing inputs with a one-line usage error', async () => {
    const cwd = tempDir({'old.txt': oldKim, 'new.txt': newKim, 'v2/kim.txt': newKim})
    const attempts = [
      ['--against', 'old.txt', 'v2'],
      ['--against', 'missing.txt', 'new.txt'],
      ['--against', 'old.txt', 'new.txt', 'v2/kim.txt'],
      ['--against', 'old.txt', '--against-git', 'HEAD', 'new.txt']
    ]
    const runs = await Promise.all(attempts.map((args) => scrapelint(cwd, args)))
    runs.forEach((run, index) => {
      expect(run.code, attempts[index]?.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/^scrapelint: --against/)
      expect(run.stdout).toBe('')
    })
  })
})

describe.concurrent('config `against`', () => {
  it('pairs files by the config’s pattern', async () => {
    const cwd = tempDir({
      '.scrapelintrc.json': JSON.stringify({against: {'spun/**/*.txt': 'original/**/*.txt'}}),
      'original/2024/kim.txt': oldKim,
      'spun/2024/kim.txt': newKim
    })
    const run = await scrapelint(cwd, ['--format', 'json', 'spun'])
    expect(run.code).toBe(0)
    const report = parseJson(run)
    expect(shifts(report, 'spun/2024/kim.txt')).toHaveLength(2)
    expect(relatedOf(report, 'spun/2024/kim.txt')[0]?.path).toBe('original/2024/kim.txt')
  })

  it('rejects a bad mapping, naming the file and the key', async () => {
    const cwd = tempDir({'.scrapelintrc.json': JSON.stringify({against: {'spun/*.txt': 'original/**/*/*.txt'}}), 'spun/kim.txt': newKim})
    const run = await scrapelint(cwd, ['spun/kim.txt'])
    expect(run.code).toBe(2)
    expect(run.stdout + run.stderr).toMatch(/\.scrapelintrc\.json: `against\.spun\/\*\.txt`: `original\/\*\*\/\*\/\*\.txt` has more wildcards/)
  })
})

describe.concurrent('scrapelint --against-git', () => {
  it('compares each file with its content at a revision', async () => {
    const cwd = tempDir({'notes/kim.txt': oldKim, 'treaty.txt': oldTreaty})
    git(cwd, 'init', '-q')
    git(cwd, 'add', '.')
    git(cwd, 'commit', '-q', '-m', 'first version')
    fs.writeFileSync(path.join(cwd, 'notes/kim.txt'), newKim)
    fs.writeFileSync(path.join(cwd, 'treaty.txt'), oldTreaty)
    fs.writeFileSync(path.join(cwd, 'notes/new-since.txt'), 'Sergey Radchenko wrote to 2,000 readers.\n')
    const run = await scrapelint(cwd, ['--format', 'json', '--against-git', 'HEAD', '.'])
    expect(run.code).toBe(0)
    const report = parseJson(run)
    expect(shifts(report, 'notes/kim.txt')).toEqual(kimShifts)
    expect(relatedOf(report, 'notes/kim.txt')[0]?.path).toBe('HEAD:notes/kim.txt')
    // Unchanged since HEAD, and new since HEAD: nothing to say.
    expect(shifts(report, 'treaty.txt')).toEqual([])
    expect(report.find((file) => file.path === 'notes/new-since.txt')?.messages).toEqual([])
  })

  it('refuses a revision that is not there', async () => {
    const cwd = tempDir({'kim.txt': oldKim})
    git(cwd, 'init', '-q')
    const run = await scrapelint(cwd, ['--against-git', 'no-such-rev', 'kim.txt'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^scrapelint: --against-git: `no-such-rev` is not a commit here/)
  })
})
