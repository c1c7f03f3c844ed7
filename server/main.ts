/**
 * Language server entry, bundled to `dist/server.js`: `node dist/server.js --stdio` (or `--node-ipc`,
 * `--socket=<port>`, `--pipe=<name>` as vscode-languageserver understands them).
 */
import { startServer, Transport } from './lsp';

// `xapi lsp` loads this bundle and calls startServer itself (so dist/cli.js need not carry the server);
// `xapi check` takes the language service from it for JavaScript/TypeScript macros.
export { startServer };
export { LanguageService } from './service';

function main(): void {
  const args = process.argv.slice(2);
  const transport: Transport = args.includes('--stdio') ? 'stdio' : args.includes('--node-ipc') ? 'node-ipc' : 'auto';
  if (transport === 'auto' && !args.some(a => a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
    process.stderr.write('Usage: node dist/server.js --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
    process.exitCode = 2;
  } else {
    void startServer(transport);
  }
}

if (require.main === module) main();
