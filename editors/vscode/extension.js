// scrapelint for VS Code: a minimal extension that starts
// `scrapelint-language-server` with the generic language client. The server
// does everything else (diagnostics, quick fixes, hover, config changes).
const path = require('node:path')
const {workspace} = require('vscode')
const {LanguageClient, TransportKind} = require('vscode-languageclient/node')

let client

/** The workspace's own scrapelint (its node_modules) when it has one, else the command on PATH. */
function serverOptions() {
  for (const folder of workspace.workspaceFolders ?? []) {
    try {
      const manifest = require.resolve('scrapelint/package.json', {paths: [folder.uri.fsPath]})
      const bin = require(manifest).bin['scrapelint-language-server']
      return {module: path.join(path.dirname(manifest), bin), transport: TransportKind.stdio}
    } catch {
      // not installed in this folder
    }
  }
  return {command: 'scrapelint-language-server', transport: TransportKind.stdio, options: {shell: process.platform === 'win32'}}
}

exports.activate = function activate() {
  client = new LanguageClient('scrapelint', 'scrapelint', serverOptions(), {
    documentSelector: [{language: 'plaintext'}, {language: 'markdown'}, {language: 'html'}]
  })
  return client.start()
}

exports.deactivate = function deactivate() {
  return client?.stop()
}
