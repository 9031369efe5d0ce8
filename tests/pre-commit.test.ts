import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {parse as parseYaml, stringify as stringifyYaml} from 'yaml'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {removeTempDirs, root, seed000, seed001, tempDir} from './run-bin.js'
import {binFolder, requireTool} from './tools.js'

/*
 * The git hooks in throwaway repositories, committing as a user does:
 * Debian's pre-commit with this repository's `.pre-commit-hooks.yaml`, and
 * the README's husky and lefthook snippets. Nothing here reaches a network.
 */

afterAll(removeTempDirs)

let preCommit = ''
beforeAll(() => {
  preCommit = requireTool('pre-commit')
}, 600_000)

/** Each commit runs pre-commit (Python) and the CLI (Node): minutes on a loaded machine, seconds on a quiet one. */
const slow = 120_000

const clean = fs.readFileSync(path.join(root, 'fixtures/clean/factbook-ukraine.txt'), 'utf8')
const cli = path.join(root, 'dist/src/cli.js')

interface Run {
  code: number | null
  output: string
}

/** git and pre-commit that read no user or system config and keep their caches in the test folder. */
function environment(folder: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.org',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.org',
    PRE_COMMIT_HOME: path.join(folder, '.cache-pre-commit'),
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    // npx must never try the registry.
    npm_config_offline: 'true',
    ...extra
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, env})
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, output}))
  })
}

/** A fresh repository (a work tree inside the test folder, which keeps the caches out of it). */
function repository(): {folder: string; tree: string; env: NodeJS.ProcessEnv; git: (...args: string[]) => string; write: (name: string, text: string) => void} {
  const folder = tempDir({})
  const tree = path.join(folder, 'repo')
  fs.mkdirSync(tree)
  const env = environment(folder)
  const git = (...args: string[]) => spawnSync('git', args, {cwd: tree, env, encoding: 'utf8'}).stdout
  git('init', '-q')
  return {folder, tree, env, git, write: (name, text) => fs.writeFileSync(path.join(tree, name), text)}
}

/**
 * The hooks of `.pre-commit-hooks.yaml` as a `repo: local` config: the same
 * ids, args, file patterns and entries, but `language: system` and the entry
 * run from this work tree's build. With `language: node`, pre-commit would
 * first `npm install` the repository from the registry.
 */
function localConfig(ids: string[], extraArgs: string[] = []): string {
  const manifest = parseYaml(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>
  const hooks = ids.map((id) => {
    const hook = manifest.find((entry) => entry.id === id)
    if (!hook) throw new Error(`no hook \`${id}\` in .pre-commit-hooks.yaml`)
    expect(hook.language).toBe('node')
    expect(String(hook.entry)).toMatch(/^scrapelint\b/)
    return {
      ...hook,
      entry: String(hook.entry).replace(/^scrapelint/, `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)}`),
      language: 'system',
      args: [...((hook.args as string[] | undefined) ?? []), ...extraArgs]
    }
  })
  return stringifyYaml({repos: [{repo: 'local', hooks}]})
}

describe.concurrent('pre-commit with the repository’s hooks', () => {
  it('the manifest is valid for pre-commit', async () => {
    const folder = tempDir({})
    const result = await run(preCommit, ['validate-manifest', path.join(root, '.pre-commit-hooks.yaml')], folder, environment(folder))
    expect(result.output).toBe('')
    expect(result.code).toBe(0)
  }, slow)

  it('`scrapelint` lets a clean file through, blocks a scraped one showing the findings, and in staged mode shows claim shifts against the last commit', async () => {
    const repo = repository()
    repo.write('.pre-commit-config.yaml', localConfig(['scrapelint']))
    expect((await run(preCommit, ['install'], repo.tree, repo.env)).code).toBe(0)

    repo.write('ukraine.txt', clean)
    repo.git('add', '.')
    const passed = await run('git', ['commit', '-m', 'Clean prose'], repo.tree, repo.env)
    expect(passed.output).toMatch(/scrapelint\.+Passed/)
    expect(passed.code).toBe(0)

    repo.write('story.txt', seed000)
    repo.git('add', 'story.txt')
    const blocked = await run('git', ['commit', '-m', 'Scraped story'], repo.tree, repo.env)
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toMatch(/scrapelint\.+Failed/)
    expect(blocked.output).toContain('story.txt')
    expect(blocked.output).toMatch(/51:1-51:20\s+warning\s+Unexpected boilerplate `Exit mobile version`, remove it\s+no-boilerplate/)
    expect(blocked.output).toMatch(/5:90-5:109\s+warning\s+Unexpected repeated `Strategic` in a headline/)
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1')

    // Staged mode: seed 000 is the last committed version; seed 001, the other spun copy, is staged over it.
    repo.git('commit', '-q', '--no-verify', '-m', 'Earlier version')
    repo.write('.pre-commit-config.yaml', localConfig(['scrapelint'], ['--against-git=HEAD']))
    repo.write('story.txt', seed001)
    repo.git('add', '.')
    const shifted = await run('git', ['commit', '-m', 'Later version'], repo.tree, repo.env)
    expect(shifted.code).not.toBe(0)
    expect(shifted.output).toMatch(/8:56-8:66\s+warning\s+Possibility became fact: `was signed` where the earlier version said `could sign`\s+claim-shift/)
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2')
  }, slow)

  it('`scrapelint-fix` applies the safe fixes, stops the commit to show them, and passes once they are staged', async () => {
    const repo = repository()
    repo.write('.pre-commit-config.yaml', localConfig(['scrapelint-fix']))
    expect((await run(preCommit, ['install'], repo.tree, repo.env)).code).toBe(0)
    // Clean prose with the seed's footer line left by the scraper.
    const scraped = `${clean.trimEnd()}\n\nExit mobile version\n`
    repo.write('ukraine.txt', scraped)
    repo.git('add', '.')
    const stopped = await run('git', ['commit', '-m', 'Scraped'], repo.tree, repo.env)
    expect(stopped.code).not.toBe(0)
    expect(stopped.output).toContain('files were modified by this hook')
    // The fix removed the footer line and nothing else: the clean prose is back, byte for byte.
    expect(fs.readFileSync(path.join(repo.tree, 'ukraine.txt'), 'utf8')).toBe(clean)

    repo.git('add', 'ukraine.txt')
    const passed = await run('git', ['commit', '-m', 'Fixed'], repo.tree, repo.env)
    expect(passed.output).toMatch(/scrapelint \(fix\)\.+Passed/)
    expect(passed.code).toBe(0)
  }, slow)
})

/** A code block of the README whose first line names the file, such as `# .husky/pre-commit`, and that contains `including`. */
function readmeSnippet(name: string, including = ''): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```[a-z]*\n# (\S+)\n([^]*?)```/g)].filter((block) => block[1] === name && block[2]?.includes(including))
  if (blocks.length !== 1 || !blocks[0]?.[2]) throw new Error(`expected one README code block starting with \`# ${name}\` and containing \`${including}\`, found ${blocks.length}`)
  return blocks[0][2]
}

/** A repository where scrapelint is installed as a dev dependency would be: `node_modules/.bin/scrapelint` runs this build. */
function repositoryWithScrapelint() {
  const repo = repository()
  const bin = path.join(repo.tree, 'node_modules/.bin')
  fs.mkdirSync(bin, {recursive: true})
  fs.copyFileSync(path.join(binFolder(repo.folder), 'scrapelint'), path.join(bin, 'scrapelint'))
  fs.chmodSync(path.join(bin, 'scrapelint'), 0o755)
  repo.write('.gitignore', 'node_modules/\n')
  return repo
}

describe.concurrent('the README’s husky and lefthook snippets', () => {
  it('husky: the pre-commit script blocks a staged scraped file and lets clean prose through', async () => {
    const repo = repositoryWithScrapelint()
    // What `npx husky init` does: husky's own install, then the README's script as .husky/pre-commit.
    const installed = await run(process.execPath, ['-e', `import(${JSON.stringify(path.join(root, 'node_modules/husky/index.js'))}).then((m) => process.stdout.write(m.default()))`], repo.tree, repo.env)
    expect(installed.output).toBe('')
    fs.mkdirSync(path.join(repo.tree, '.husky'), {recursive: true})
    repo.write('.husky/pre-commit', readmeSnippet('.husky/pre-commit'))

    repo.write('ukraine.txt', clean)
    repo.git('add', '.')
    const passed = await run('git', ['commit', '-m', 'Clean prose'], repo.tree, repo.env)
    expect(passed.output).toContain('no issues found')
    expect(passed.code).toBe(0)

    repo.write('story.txt', seed000)
    repo.git('add', 'story.txt')
    const blocked = await run('git', ['commit', '-m', 'Scraped story'], repo.tree, repo.env)
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toMatch(/51:1-51:20\s+warning\s+Unexpected boilerplate `Exit mobile version`/)
    expect(blocked.output).toContain('husky - pre-commit script failed')
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1')
  }, slow)

  it('pre-commit: the `repo: local` config for an installed scrapelint blocks a scraped file', async () => {
    const repo = repositoryWithScrapelint()
    repo.write('.pre-commit-config.yaml', readmeSnippet('.pre-commit-config.yaml', 'repo: local'))
    repo.write('story.txt', seed000)
    repo.git('add', '.')
    const blocked = await run(preCommit, ['run', '--files', 'story.txt'], repo.tree, repo.env)
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toMatch(/scrapelint\.+Failed/)
    expect(blocked.output).toMatch(/51:1-51:20\s+warning\s+Unexpected boilerplate `Exit mobile version`/)
  }, slow)

  it('lefthook: the command, run on the staged files matching the glob as lefthook runs it, fails on the scraped file only', async () => {
    // lefthook itself is not installed here: its npm package runs `lefthook install` on whatever repository installs it,
    // which would be this one. Its config is read as lefthook reads it, and the command run with {staged_files} filled in.
    const config = parseYaml(readmeSnippet('lefthook.yml')) as {'pre-commit': {commands: Record<string, {glob: string; run: string}>}}
    const command = config['pre-commit'].commands.scrapelint
    expect(command?.glob).toBe('*.{txt,text,md,markdown,mdown,mkd,html,htm,xhtml}')
    const extensions = /\{([^}]*)\}/.exec(command?.glob ?? '')?.[1]?.split(',') ?? []
    const repo = repositoryWithScrapelint()
    repo.write('ukraine.txt', clean)
    repo.write('story.txt', seed000)
    repo.write('notes.json', '{}')
    repo.git('add', '.')
    const staged = repo.git('diff', '--cached', '--name-only').split('\n').filter((name) => extensions.includes(path.extname(name).slice(1)))
    expect(staged.sort()).toEqual(['story.txt', 'ukraine.txt'])
    const files = staged.map((file) => `'${file}'`).join(' ')
    const blocked = await run('sh', ['-c', (command?.run ?? '').replace('{staged_files}', files)], repo.tree, repo.env)
    expect(blocked.code).not.toBe(0)
    expect(blocked.output).toMatch(/51:1-51:20\s+warning\s+Unexpected boilerplate `Exit mobile version`/)
    expect(blocked.output).toContain('ukraine.txt: no issues found')
  }, slow)
})
