-- scrapelint in Neovim: save as ~/.config/nvim/plugin/scrapelint.lua (or paste
-- into init.lua). Needs `scrapelint-language-server` on PATH: `npm install -g
-- scrapelint`, or start Neovim where a project's node_modules/.bin is on PATH.
local config = {
  name = 'scrapelint',
  cmd = { 'scrapelint-language-server', '--stdio' },
}

local client_id

local function attach(args)
  config.root_dir = vim.fn.getcwd()
  if vim.lsp.start then
    -- Neovim 0.8 and later: starts the server once and reuses it for every buffer.
    vim.lsp.start(config, { bufnr = args.buf })
    return
  end
  -- Neovim 0.7 (Debian 12's): start one client, then attach each buffer to it.
  if not (client_id and vim.lsp.get_client_by_id(client_id)) then
    client_id = vim.lsp.start_client(config)
  end
  vim.lsp.buf_attach_client(args.buf, client_id)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown', 'html' },
  callback = attach,
})
