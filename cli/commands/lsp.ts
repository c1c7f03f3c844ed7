/** `xapi lsp --stdio`: the language server, for editors other than VS Code (Neovim, Helix, …). */
import type * as Lsp from '../../server/lsp';
import { parseOptions } from '../args';
import { CliCommand, UsageError } from '../command';

export const lspCommand: CliCommand = {
  name: 'lsp',
  summary: 'run the xAPI language server (for Neovim, Helix and other LSP editors)',
  usage: [
    'Usage: xapi lsp --stdio | --node-ipc',
    '',
    'Runs the xAPI language server: completion, hover, diagnostics and quick fixes for .xapi scripts',
    'and JavaScript/TypeScript macros. It talks LSP over stdin/stdout (--stdio) or Node IPC (--node-ipc).',
    'Settings (workspace/configuration section "xapi", or initializationOptions):',
    '  schema.source   core (default), a published version such as 11.27.2.0, or a schema file path',
    '  schema.product  a product code (hopen) or name (Room Kit)',
    'See docs/language-server.md for editor setups.',
  ].join('\n'),
  async run(args) {
    // --clientProcessId is what editors append; vscode-languageserver reads it from process.argv itself.
    const { values } = parseOptions(args, {
      stdio: { type: 'boolean' }, 'node-ipc': { type: 'boolean' }, clientProcessId: { type: 'string' },
    }, { positionals: false });
    const transport = values.stdio ? 'stdio' : values['node-ipc'] ? 'node-ipc' : undefined;
    if (!transport) throw new UsageError('choose a transport: --stdio or --node-ipc');
    // Loaded here so other commands do not pay for the TypeScript parser; in dist/cli.js this
    // require is dist/server.js (scripts/build.mjs), the bundle editors also run directly.
    const { startServer } = require('../../server/lsp') as typeof Lsp;
    await startServer(transport);
    return 0;
  },
};
