/** Language server entry: `node dist/server.js --stdio` (filled by the language-server work). */
console.error('xapi language server: not built yet');
process.exitCode = 1;
