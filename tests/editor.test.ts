import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {removeTempDirs, root, seed000, tempDir} from './run-bin.js'
import {binFolder, requireTool} from './tools.js'

/*
 * The language server under a real editor: Debian's Neovim, headless, with
 * the README's Neovim snippet (editors/neovim/scrapelint.lua) as its only
 * configuration, opening a seed file and reading back its diagnostics.
 */

afterAll(removeTempDirs)

let nvim = ''
beforeAll(() => {
  nvim = requireTool('nvim')
}, 600_000)

interface NvimDiagnostic {
  lnum: number
  col: number
  end_lnum: number
  end_col: number
  severity: number
  source: string
  message: string
  code: string
}

interface NvimResult {
  filetype: string
  opened: NvimDiagnostic[]
  edited: NvimDiagnostic[]
  error?: string
}

/** Opens the file, waits for diagnostics, deletes the first two lines as a user would, waits for the moved ones, writes all as JSON, quits. */
const script = `
local result = {}
local ok, err = pcall(function()
  dofile(os.getenv('SCRAPELINT_SNIPPET'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SCRAPELINT_FILE')))
  result.filetype = vim.bo.filetype
  local function dump()
    local items = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local lsp = (d.user_data and d.user_data.lsp) or {}
      table.insert(items, {lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, source = d.source, message = d.message, code = d.code or lsp.code})
    end
    table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    return items
  end
  local function moved()
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.lnum == 48 and d.message:find('Exit mobile version', 1, true) then return true end
    end
    return false
  end
  vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  result.opened = dump()
  vim.api.nvim_buf_set_lines(0, 0, 2, false, {})
  vim.wait(30000, moved, 20)
  result.edited = dump()
end)
if not ok then result.error = tostring(err) end
vim.fn.writefile({vim.fn.json_encode(result)}, os.getenv('SCRAPELINT_OUT'))
vim.cmd('qa!')
`

function runNvim(folder: string, file: string): Promise<NvimResult> {
  const out = path.join(folder, 'result.json')
  const scriptFile = path.join(folder, 'read-diagnostics.lua')
  fs.writeFileSync(scriptFile, script)
  const env = {
    ...process.env,
    PATH: `${binFolder(folder)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(folder, 'config'),
    XDG_DATA_HOME: path.join(folder, 'data'),
    XDG_STATE_HOME: path.join(folder, 'state'),
    XDG_CACHE_HOME: path.join(folder, 'cache'),
    SCRAPELINT_SNIPPET: path.join(root, 'editors/neovim/scrapelint.lua'),
    SCRAPELINT_FILE: file,
    SCRAPELINT_OUT: out
  }
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, ['--headless', '--clean', '-n', '-c', `luafile ${scriptFile}`], {cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000)
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(timer)
      if (!fs.existsSync(out)) reject(new Error(`Neovim wrote no result; its output:\n${output}`))
      else resolve(JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult)
    })
  })
}

describe('Neovim, headless, with the README snippet', () => {
  it('shows the server’s diagnostics for a seed file, and moves them after an edit', async () => {
    const folder = tempDir({'000.txt': seed000})
    const result = await runNvim(folder, path.join(folder, '000.txt'))
    expect(result.error).toBeUndefined()
    expect(result.filetype).toBe('text')
    const lines = (diagnostics: NvimDiagnostic[]) =>
      diagnostics.filter((d) => ['no-boilerplate', 'repeated-words'].includes(d.code)).map((d) => `${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col} ${d.severity} ${d.source} ${d.code} ${d.message}`)
    // Neovim's severities: 2 is a warning. Its columns are bytes: the server's UTF-16 characters 89-108 on line 4
    // come after a `’` (one UTF-16 unit, three UTF-8 bytes), so Neovim shows bytes 91-110.
    expect(lines(result.opened)).toEqual([
      '0:0-0:20 2 scrapelint no-boilerplate Unexpected site name `newsweekshowcase.com` on a line of its own, remove it',
      '4:91-4:110 2 scrapelint repeated-words Unexpected repeated `Strategic` in a headline, remove one occurrence',
      '50:0-50:19 2 scrapelint no-boilerplate Unexpected boilerplate `Exit mobile version`, remove it'
    ])
    // Neovim sent the deletion as an incremental change; the server's answer moved everything up two lines.
    expect(lines(result.edited)).toEqual([
      '2:91-2:110 2 scrapelint repeated-words Unexpected repeated `Strategic` in a headline, remove one occurrence',
      '48:0-48:19 2 scrapelint no-boilerplate Unexpected boilerplate `Exit mobile version`, remove it'
    ])
  })
})

describe('the VS Code extension folder', () => {
  it('is a loadable extension that starts the server over stdio with the generic language client', () => {
    const folder = path.join(root, 'editors/vscode')
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      main: string
      engines: {vscode: string}
      activationEvents: string[]
      dependencies: Record<string, string>
    }
    expect(manifest.engines.vscode).toMatch(/^\^1\./)
    expect(manifest.dependencies).toHaveProperty('vscode-languageclient')
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:plaintext', 'onLanguage:markdown', 'onLanguage:html']))
    const main = fs.readFileSync(path.join(folder, manifest.main), 'utf8')
    expect(main).toContain("require('vscode-languageclient/node')")
    expect(main).toContain('scrapelint-language-server')
    // It parses as a CommonJS module, as VS Code loads it.
    expect(() => new Function('require', 'module', 'exports', main)).not.toThrow()
  })
})

describe('the README’s editor snippets', () => {
  it('are the files in editors/, word for word', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    for (const file of ['editors/neovim/scrapelint.lua', 'editors/helix/languages.toml', 'editors/emacs/scrapelint.el']) {
      expect(readme, file).toContain('\n' + fs.readFileSync(path.join(root, file), 'utf8') + '```')
    }
  })
})
