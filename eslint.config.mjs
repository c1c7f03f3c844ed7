import tseslint from 'typescript-eslint';

/*
 * The layering table of design.md ("Folders", column "may import"), one row per folder. A relative
 * import that leaves the row's folder must land in one of `may`; `typesOnly` folders may be reached by
 * `import type` only, but for the files in them that `may` lists; `packages` are npm modules the folder
 * must not import. Rows are matched most specific first (`server/service` before `server`). test/ and bench/ may import anything.
 * test/unit/layering.test.ts lints a forbidden and an allowed import for every row.
 */
const OURS = ['schema', 'xapi', 'emulator', 'server', 'fleet', 'client', 'cli'];
const SOURCE_EXT = '{ts,mts,cts,tsx,js,mjs,cjs}';
const EDITOR_PACKAGES = ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'];

export const LAYERS = [
  { folder: 'schema', may: [], packages: ['ws', ...EDITOR_PACKAGES], why: 'schema/ imports nothing of ours and knows nothing of sockets or editors' },
  // Wider than design.md's "schema/ (types only)" on purpose: schema/kinds.ts (the one table of root words) and schema/cloudKeys.ts (the Webex cloud's key grammar) are pure, no I/O and no imports, so the client spells roots and keys by them instead of keeping copies.
  { folder: 'xapi', may: ['schema/kinds.ts', 'schema/cloudKeys.ts'], typesOnly: ['schema'], packages: ['vscode'], why: 'xapi/ may import schema/ (types only, but schema/kinds.ts and schema/cloudKeys.ts)' },
  { folder: 'emulator', may: ['schema', 'xapi'], packages: ['vscode'], why: 'emulator/ may import schema/ and xapi/' },
  {
    folder: 'server/service', may: ['schema'], packages: EDITOR_PACKAGES,
    why: 'server/service/ is pure logic: it may import schema/, never LSP packages or the rest of server/',
  },
  { folder: 'server', may: ['schema'], packages: ['vscode'], why: 'server/ may import schema/' },
  {
    folder: 'client', may: ['xapi', 'schema', 'emulator', 'fleet', 'server/contract.ts'], packages: [],
    why: 'client/ may import xapi/, schema/, emulator/, fleet/ and of server/ only server/contract.ts',
  },
  // The activation shell is what every JS/TS project loads: nothing of ours but stateless modules (a module with
  // state would exist twice, once in each bundle); the core is loaded from its own bundle at run time.
  {
    folder: 'client/activation', may: ['client/commandIds.ts', 'client/config.ts', 'client/xapiDocuments.ts'],
    packages: ['ws', 'vscode-languageclient*', 'vscode-jsonrpc*', 'semver', 'minimatch'],
    why: 'the activation shell (dist/extension.js) registers only: stateless modules of client/, no client library, no language client',
  },
  // client/ holds other runtimes than the extension host; only the extension host has `vscode`.
  {
    folder: 'client/views/events/webview', may: ['client/views/events/filter.ts', 'client/views/events/messages.ts', 'client/views/events/ringBuffer.ts'],
    packages: ['vscode', 'node:*'],
    why: 'the events webview runs in a browser: the panel\'s pure modules only, no vscode, no Node (dist/events-webview.js)',
  },
  {
    folder: 'client/views/fleet/results/webview', may: ['client/views/fleet/results/messages.ts'], packages: ['vscode', 'node:*'],
    why: 'the fleet results webview runs in a browser: its messages and table rules only, no vscode, no Node (dist/fleet-webview.js)',
  },
  {
    folder: 'client/views/panelPreview/webview', may: ['client/views/panelPreview/messages.ts', 'schema/panels/format.ts', 'schema/panels/model.ts', 'schema/panels/touch.ts'], packages: ['vscode', 'node:*'],
    why: 'the panel preview runs in a browser: its messages, the panel format\'s rules, the panel model and touch types only, no vscode, no Node (dist/panel-preview.js)',
  },
  {
    folder: 'client/simulatedDevice/childProcess', may: ['client/simulatedDevice/messages.ts', 'emulator', 'schema', 'xapi'], packages: EDITOR_PACKAGES,
    why: 'the simulated device runs in its own Node process: the emulator and the messages of its host, no vscode (dist/simulator.js)',
  },
  {
    folder: 'client/localMacroRun/shim', may: ['client/localMacroRun/bridgeEnv.ts', 'xapi', 'emulator/macros/moduleSyntax.ts'], packages: ['vscode'],
    why: 'the local macro shim runs in the macro\'s own Node process: the bridge\'s names, the client library, no vscode (dist/macro-*.js)',
  },
  // fleet/ drives many devices through the client library: the library, the CLI and the extension share it.
  { folder: 'fleet', may: ['schema', 'xapi'], packages: EDITOR_PACKAGES, why: 'fleet/ may import schema/ and xapi/ (no editor, no CLI, no simulated device)' },
  { folder: 'cli', may: ['schema', 'xapi', 'emulator', 'server', 'fleet', 'package.json'], packages: ['vscode'], why: 'cli/ may import everything but client/' },
  { folder: 'scripts', may: ['schema', 'xapi', 'emulator', 'server', 'cli', 'package.json'], packages: ['vscode'], why: 'scripts/ may import everything but client/' },
  // The package entries (index.ts, testing.ts) at the root: the library, never the CLI or the extension.
  { folder: '', may: ['schema', 'xapi', 'emulator', 'server'], packages: ['vscode'], why: 'the package entries may not import cli/ or client/' },
];

/** Deepest folder nesting below a row's folder that the rules cover (the repository has 2). */
const MAX_NESTING = 8;

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const segments = p => (p ? p.split('/') : []);

/** A regex for the rest of an import path after the `../`s, naming `target` seen from folder `from`. */
function continuation(from, target) {
  const rest = segments(target).slice(segments(from).length).join('/');
  return /\.[cm]?[jt]sx?$/.test(rest)
    ? `${escape(rest.replace(/\.[cm]?[jt]sx?$/, ''))}(?:\\.[cm]?[jt]sx?)?$` // a file: with or without extension
    : `${escape(rest)}(?:/|$)`;
}

/**
 * Patterns for a file `nesting` folders below `row.folder`. Imports are relative strings, so each depth
 * gets exact `../` counts: an import going up `nesting + 1 + j` levels lands in the j-th ancestor of the
 * folder and must continue into an allowed target under that ancestor (or go further up).
 */
function patternsFor(row, nesting) {
  const own = segments(row.folder);
  const message = `${row.why} (design.md, folder table).`;
  const allowed = [row.folder, ...row.may, ...(row.typesOnly ?? [])]; // types-only targets: reported by their own pattern
  const patterns = [];
  for (let j = 0; j < own.length; j++) {
    const ancestor = own.slice(0, own.length - 1 - j).join('/');
    const under = allowed.filter(t => ancestor === '' || t.startsWith(`${ancestor}/`));
    const ok = ['\\.\\.(?:/|$)', ...under.map(t => continuation(ancestor, t))];
    patterns.push({ regex: `^(?:\\.\\./){${nesting + 1 + j}}(?!${ok.join('|')})`, caseSensitive: true, message });
  }
  if (!row.folder) {
    // Root files reach our folders with `./`.
    const forbidden = OURS.filter(f => !allowed.includes(f));
    patterns.push({ regex: `^\\./(?:${forbidden.map(escape).join('|')})(?:/|$)`, caseSensitive: true, message });
  }
  for (const t of row.typesOnly ?? []) {
    const exempt = row.may.filter(m => m.startsWith(`${t}/`)).map(m => continuation('', m));
    const unlessExempt = exempt.length ? `(?!${exempt.join('|')})` : '';
    patterns.push({
      regex: `^(?:\\.\\./){${nesting + own.length}}${unlessExempt}${continuation('', t)}`, caseSensitive: true, allowTypeImports: true,
      message: `${row.why}: use \`import type\` (design.md, folder table).`,
    });
  }
  for (const p of row.packages) patterns.push({ regex: `^${escape(p).replace('\\*', '.*')}(?:/|$)`, caseSensitive: true, message });
  return patterns;
}

/** `require(x)` and `import(x)` with a string naming what a pattern forbids (a require is never a type import). */
function callSelectors(p) {
  const value = `/${p.regex.replace(/\//g, '\\/')}/`;
  return [
    { selector: `CallExpression[callee.name='require'] > Literal.arguments[value=${value}]`, message: p.message },
    { selector: `ImportExpression > Literal.source[value=${value}]`, message: p.message },
  ];
}

function layeringConfigs() {
  const configs = [];
  for (const row of LAYERS) {
    // Rows nested in this one (server/service in server) have their own blocks.
    const nested = row.folder ? LAYERS.filter(r => r.folder.startsWith(`${row.folder}/`)).map(r => `${r.folder}/**`) : [];
    for (let nesting = 0; nesting <= (row.folder ? MAX_NESTING : 0); nesting++) {
      const dirs = row.folder ? `${row.folder}/${'*/'.repeat(nesting)}` : '';
      const patterns = patternsFor(row, nesting);
      configs.push({
        name: `layering/${row.folder || 'root'}/${nesting}`,
        files: [`${dirs}*.${SOURCE_EXT}`],
        ...(nested.length ? { ignores: nested } : {}),
        rules: {
          '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
          // The same table for `require('…')` and `import('…')`, which no-restricted-imports does not see.
          'no-restricted-syntax': ['error', ...patterns.flatMap(callSelectors)],
        },
      });
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', '.cache/', 'test/fixtures/**/generated/', 'test/e2e/workspace/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  ...layeringConfigs(),
);
