/**
 * The lint config enforces design.md's folder table: for every row, a forbidden import is a lint error
 * and an allowed one is not, linted through ESLint's Node API with a file path inside that folder (the
 * files need not exist). Also: every source file of the repository is covered by a layering rule.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

/** [file inside the folder, import statement]. */
type Case = [string, string];

const FORBIDDEN: Case[] = [
  ['schema/x.ts', "import { connect } from '../xapi/client';"],
  ['schema/xcli/x.ts', "import { Device } from '../../emulator/device';"],
  ['schema/x.ts', "import { WebSocket } from 'ws';"],
  ['schema/x.ts', "import { LanguageService } from '../server/service';"],
  ['xapi/x.ts', "import { Device } from '../emulator/device';"],
  ['xapi/x.ts', "import { core } from '../schema/core';"], // a value import: types only
  ['xapi/generated/x.ts', "import { SchemaIndex } from '../../schema/schemaIndex';"],
  ['xapi/x.ts', "export { core } from '../schema/core';"],
  // Only schema/kinds.ts itself is exempt from types-only, not its neighbours or a name that starts like it.
  ['xapi/x.ts', "import { keywordOf } from '../schema/xcli/keywords';"],
  ['xapi/x.ts', "import { x } from '../schema/kindsExtra';"],
  ['emulator/x.ts', "import { createServer } from '../server/lsp';"],
  ['emulator/behaviours/x.ts', "import { LanguageService } from '../../server/service';"],
  ['emulator/x.ts', "import * as vscode from 'vscode';"],
  ['server/x.ts', "import { connect } from '../xapi/client';"],
  ['server/x.ts', "import { Device } from '../emulator/device';"],
  ['server/x.ts', "import * as vscode from 'vscode';"],
  ['server/service/x.ts', "import { createServer } from '../lsp';"],
  ['server/service/x.ts', "import { SchemaChangedNotification } from '../contract';"],
  ['server/service/x.ts', "import { createConnection } from 'vscode-languageserver/node';"],
  ['server/service/x.ts', "import type { CompletionItem } from 'vscode-languageserver-types';"],
  ['server/service/macro/x.ts', "import { createServer } from '../../lsp';"],
  ['server/service/macro/x.ts', "import { connect } from '../../../xapi/client';"],
  ['client/x.ts', "import { createServer } from '../server/lsp';"],
  ['client/x.ts', "import { LanguageService } from '../server/service';"],
  ['client/views/x.ts', "import { createServer } from '../../server/lsp';"],
  ['client/views/events/webview/x.ts', "import * as vscode from 'vscode';"],
  ['client/views/events/webview/x.ts', "import { readFileSync } from 'node:fs';"],
  ['client/views/events/webview/x.ts', "import { EventTail } from '../eventTail';"],
  ['client/localMacroRun/shim/x.ts', "import * as vscode from 'vscode';"],
  ['client/simulatedDevice/childProcess/x.ts', "import * as vscode from 'vscode';"],
  ['client/simulatedDevice/childProcess/x.ts', "import { SimulatedDevice } from '../extensionHost';"],
  ['client/localMacroRun/shim/x.ts', "import { LocalMacroRuns } from '../localRuns';"],
  // The activation shell: what every JS/TS project loads, so nothing stateful or heavy (the core is its own bundle).
  ['client/activation/x.ts', "import { Ctx } from '../ctx';"],
  ['client/activation/x.ts', "import { startCore } from '../core';"],
  ['client/activation/x.ts', "import { connect } from '../../xapi/client';"],
  ['client/activation/x.ts', "import { LanguageClient } from 'vscode-languageclient/node';"],
  ['client/activation/x.ts', "import { WebSocket } from 'ws';"],
  ['fleet/x.ts', "import * as vscode from 'vscode';"],
  ['fleet/x.ts', "import { startEmulator } from '../emulator';"],
  ['fleet/x.ts', "import { main } from '../cli/main';"],
  ['cli/x.ts', "import { activate } from '../client/activation/extension';"],
  ['cli/commands/x.ts', "import * as vscode from 'vscode';"],
  ['scripts/x.mjs', "import { activate } from '../client/activation/extension';"],
  ['index.ts', "export { main } from './cli/main';"],
  ['index.ts', "export { activate } from './client/activation/extension';"],
  // Nothing imports cli/ but cli/ itself, test/, bench/ and scripts/.
  ...['schema', 'xapi', 'emulator', 'server', 'server/service', 'client'].map((f): Case => [`${f}/x.ts`, `import { main } from '${'../'.repeat(f.split('/').length)}cli/main';`]),
];

const ALLOWED: Case[] = [
  ['schema/x.ts', "import { SchemaIndex } from './schemaIndex';"],
  ['schema/xcli/x.ts', "import type { Schema } from '../model';"],
  ['schema/x.ts', "import { promises } from 'node:fs';"],
  ['xapi/x.ts', "import type { Schema } from '../schema/model';"],
  ['xapi/x.ts', "import { type Schema } from '../schema/model';"],
  ['xapi/generated/x.ts', "import type { Schema } from '../../schema/model';"],
  ['xapi/x.ts', "import { METHODS } from './protocol';"],
  ['xapi/x.ts', "import { kindOfRoot } from '../schema/kinds';"], // pure constants: the one run-time import of schema/
  ['xapi/generated/x.ts', "import { kindOfRoot } from '../../schema/kinds.ts';"],
  ['xapi/cloud/x.ts', "import { parseKey } from '../../schema/cloudKeys';"], // the cloud's key grammar: pure, like kinds.ts
  ['emulator/x.ts', "import { METHODS } from '../xapi/protocol';"],
  ['emulator/behaviours/x.ts', "import { SchemaIndex } from '../../schema/schemaIndex';"],
  ['server/x.ts', "import { SchemaIndex } from '../schema/schemaIndex';"],
  ['server/x.ts', "import { LanguageService } from './service';"],
  ['server/x.ts', "import { createConnection } from 'vscode-languageserver/node';"],
  ['server/service/x.ts', "import { SchemaIndex } from '../../schema/schemaIndex';"],
  ['server/service/x.ts', "import { completionForClient } from './items';"],
  ['server/service/macro/x.ts', "import { completionForClient } from '../items';"],
  ['server/service/macro/x.ts', "import type { Schema } from '../../../schema/model';"],
  ['client/x.ts', "import * as vscode from 'vscode';"],
  ['client/x.ts', "import { SetDeviceSchemaNotification } from '../server/contract';"],
  ['client/x.ts', "import { SetDeviceSchemaNotification } from '../server/contract.ts';"],
  ['client/x.ts', "import { connect } from '../xapi';"],
  ['client/x.ts', "import { startEmulator } from '../emulator';"],
  ['client/views/x.ts', "import { SchemaIndex } from '../../schema/schemaIndex';"],
  ['client/activation/x.ts', "import { Commands } from '../commandIds';"],
  ['client/activation/x.ts', "import * as vscode from 'vscode';"],
  ['client/activation/x.ts', "import type { Core } from './coreApi';"],
  ['client/views/events/webview/x.ts', "import { RingBuffer } from '../ringBuffer';"],
  ['client/localMacroRun/shim/x.ts', "import { SHIM_FILES } from '../bridgeEnv';"],
  ['client/simulatedDevice/childProcess/x.ts', "import type { DeviceToHost } from '../messages';"],
  ['client/simulatedDevice/childProcess/x.ts', "import { startEmulator } from '../../../emulator';"],
  ['client/localMacroRun/shim/x.ts', "import { XapiClient } from '../../../xapi/client';"],
  ['fleet/x.ts', "import { connect } from '../xapi';"],
  ['fleet/x.ts', "import { parseStatements } from '../schema/xcli';"],
  ['cli/commands/x.ts', "import { runFleet } from '../../fleet/runner';"],
  ['cli/x.ts', "import { startServer } from '../server/lsp';"],
  ['cli/commands/x.ts', "import { startEmulator } from '../../emulator';"],
  ['cli/commands/x.ts', "import { parseArgs } from '../args';"],
  ['cli/x.ts', "import pkg from '../package.json';"],
  ['scripts/x.mjs', "import { main } from '../cli/main';"],
  ['index.ts', "export * from './xapi/index';"],
  ['test/unit/x.ts', "import { main } from '../../cli/main';"],
  ['test/e2e/x.ts', "import * as vscode from 'vscode';"],
  ['test/x.ts', "import { activate } from '../client/activation/extension';"],
  ['bench/x.ts', "import { main } from '../cli/main';"],
];

describe('lint config: the folder table of design.md', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: path.join(REPO_ROOT, 'eslint.config.mjs') });

  async function layeringErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(REPO_ROOT, file) });
    const fatal = result.messages.filter(m => m.fatal);
    assert.deepEqual(fatal, [], `${file}: ${code} did not parse`);
    return result.messages.filter(m => m.ruleId === RULE && m.severity === 2).map(m => m.message);
  }

  for (const [file, code] of FORBIDDEN) {
    it(`rejects in ${file}: ${code}`, async () => {
      const errors = await layeringErrors(file, code);
      assert.equal(errors.length, 1, `expected one layering error, got ${JSON.stringify(errors)}`);
      assert.match(errors[0], /design\.md/);
    });
  }

  for (const [file, code] of ALLOWED) {
    it(`accepts in ${file}: ${code}`, async () => {
      assert.deepEqual(await layeringErrors(file, code), []);
    });
  }

  /** The same module through `require('…')` (which no-restricted-imports does not see), or undefined for a type import. */
  const asRequire = (code: string): string | undefined => {
    if (/^(import|export) type |\{ type /.test(code)) return undefined;
    const spec = /from '([^']+)'/.exec(code)?.[1];
    return spec === undefined ? undefined : `export const m = require('${spec}');`;
  };
  const requireErrors = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(REPO_ROOT, file) });
    return result.messages.filter(m => m.ruleId === 'no-restricted-syntax' && m.severity === 2).map(m => m.message);
  };

  it('rejects the forbidden ones as require() and import() as well, and accepts the allowed ones', async () => {
    for (const [file, code] of FORBIDDEN) {
      const req = asRequire(code);
      if (!req) continue;
      assert.equal((await requireErrors(file, req)).length, 1, `${file}: ${req}`);
      assert.equal((await requireErrors(file, req.replace('require(', 'import('))).length, 1, `${file}: import()`);
    }
    for (const [file, code] of ALLOWED) {
      const req = asRequire(code);
      if (req) assert.deepEqual(await requireErrors(file, req), [], `${file}: ${req}`);
    }
  });

  it('covers every source file of the layered folders', async () => {
    const uncovered: string[] = [];
    const walk = (dir: string): string[] => readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap(e =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : /\.[cm]?[jt]s$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
    const files = ['schema', 'xapi', 'emulator', 'server', 'client', 'cli', 'scripts'].flatMap(walk);
    assert.ok(files.length > 50, `only ${files.length} files found`);
    for (const f of files) {
      const config = await eslint.calculateConfigForFile(path.join(REPO_ROOT, f)) as { rules?: Record<string, unknown> } | undefined;
      if (!config?.rules?.[RULE]) uncovered.push(f);
    }
    assert.deepEqual(uncovered, []);
  });
});
