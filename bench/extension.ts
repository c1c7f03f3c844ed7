/**
 * The extension in real VS Code (code-server 4.100.3, Chromium headless), each round a fresh code-server and host:
 *   - activation time of this extension vs an empty extension loaded beside it in the same host (the baseline);
 *   - language server start → first completion listing a schema entry, vs VS Code's own CSS language server
 *     start → first completion (both LSP servers in their own processes);
 *   - the extension host's memory before activation, after it, and after connecting to the simulated device
 *     (its schema read and handed to the language server);
 *   - the VSIX's size against the 5 MB budget.
 * Medians over the rounds; the activation order alternates so neither pays the host's first-load costs every time.
 *
 *   npm run build && npm run bench bench/extension.ts [--rounds 3]
 */
import { statSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { installExtension, startCodeServer } from '../scripts/e2e/code-server.mjs';
import { ARTIFACTS_DIR, E2E_CACHE, REPO } from '../scripts/e2e/paths.mjs';
import { runInWorkbench } from '../scripts/e2e/workbench.mjs';
import type { HostResult } from './extension/host';
import { median } from './support/numbers';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const VSIX_BUDGET_MB = 5;
const benchDir = join(E2E_CACHE, '..', 'bench');

/**
 * An extension that does nothing, packaged: the baseline for activation. It is installed as users install
 * extensions (the workbench loads only one extension under development, ours).
 */
function emptyExtension(): string {
  const dir = join(benchDir, 'empty-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'empty-extension', publisher: 'bench', version: '0.0.0', engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: [],
  }));
  writeFileSync(join(dir, 'extension.js'), 'exports.activate = () => undefined;\n');
  writeFileSync(join(dir, 'README.md'), 'Does nothing: the baseline of bench/extension.ts.\n');
  const vsix = join(benchDir, 'empty-extension.vsix');
  execFileSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: dir, stdio: 'ignore' });
  return vsix;
}

async function round(i: number, empty: string): Promise<HostResult> {
  const runDir = mkdtempSync(join(benchDir, 'run-'));
  const workspace = join(runDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const out = join(runDir, 'out');
  await build({ entryPoints: [join(__dirname, 'extension', 'host.ts')], outfile: join(out, 'index.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'error' });
  writeFileSync(join(out, 'run.json'), JSON.stringify({ emptyFirst: i % 2 === 0 }));
  const deadline = Date.now() + 180_000;
  installExtension({ runDir, vsix: empty });
  const server = await startCodeServer({ runDir, deadline });
  try {
    const code = await runInWorkbench({
      base: server.url, folder: workspace, extensionPath: REPO, testsPath: join(out, 'index.js'),
      profileDir: join(runDir, 'chromium'), deadline, screenshot: join(ARTIFACTS_DIR, `bench-extension-${i}.png`),
    });
    if (code !== 0) throw new Error(`round ${i}: the host ended with ${code} (code-server log: ${server.logFile})`);
    return JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as HostResult;
  } finally {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

const f1 = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  mkdirSync(benchDir, { recursive: true });
  const empty = emptyExtension();
  const results: HostResult[] = [];
  for (let i = 0; i < ROUNDS; i++) results.push(await round(i, empty));
  const m = (pick: (r: HostResult) => number) => median(results.map(pick));

  const ours = m(r => r.activateMs.ours);
  const base = m(r => r.activateMs.empty);
  console.log(`extension bench: code-server 4.100.3, ${ROUNDS} rounds (medians)`);
  console.log(`activation          ours ${f1(ours)} ms   empty extension ${f1(base)} ms   ratio ${(ours / base).toFixed(1)}x   (rounds: ${results.map(r => f1(r.activateMs.ours)).join(', ')})`);
  const comp = m(r => r.firstCompletionMs.ours);
  const css = m(r => r.firstCompletionMs.css);
  console.log(`start → completion  ours ${f1(comp)} ms   VS Code's CSS server ${f1(css)} ms   ratio ${(comp / css).toFixed(2)}x`);
  const mem = (k: keyof HostResult['memoryMB'], f: 'rss' | 'heapUsed') => m(r => r.memoryMB[k][f]);
  const stages = ['baseline', 'activated', 'inUse', 'connected'] as const;
  console.log(`extension host      rss ${stages.map(s => f1(mem(s, 'rss'))).join(' → ')} MB   heap ${stages.map(s => f1(mem(s, 'heapUsed'))).join(' → ')} MB` +
    `   (before → activated → in use: an .xapi file open → connected)`);
  console.log(`                    activated → connected: rss +${f1(mem('connected', 'rss') - mem('activated', 'rss'))} MB ` +
    `(in use +${f1(mem('inUse', 'rss') - mem('activated', 'rss'))}, connecting +${f1(mem('connected', 'rss') - mem('inUse', 'rss'))})   ` +
    `heap +${f1(mem('connected', 'heapUsed') - mem('activated', 'heapUsed'))} MB   goal ≤ +25 MB rss`);

  const vsix = join(benchDir, 'bench.vsix');
  execFileSync(process.execPath, [join(REPO, 'scripts', 'package-extension.mjs'), '--out', vsix], { stdio: 'ignore' });
  const mb = statSync(vsix).size / 2 ** 20;
  console.log(`VSIX                ${mb.toFixed(2)} MB   budget ${VSIX_BUDGET_MB} MB   ratio ${(mb / VSIX_BUDGET_MB).toFixed(2)}x`);
}

main().catch(e => { console.error(e); process.exit(1); });
