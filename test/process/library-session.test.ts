/**
 * `npm start -- --library` (scripts/main-job.ts) as a process: stopped by a signal, it leaves nothing behind — no
 * certificate folder in the temp directory, also when a terminal's Ctrl+C and `npm start` passing it on deliver
 * the signal twice.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/dist';

const certFolders = (dir: string) => readdirSync(dir).filter(n => n.startsWith('xapi-emulator-'));

describe('npm start -- --library (scripts/main-job.ts)', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'xapi-library-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  for (const [what, signals] of [['SIGINT', ['SIGINT']], ['SIGTERM', ['SIGTERM']], ['SIGINT twice', ['SIGINT', 'SIGINT']]] as const) {
    it(`${what}: stops the simulated device and removes its certificate folder from the temp directory`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/main-job.ts'], {
        cwd: REPO_ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
      let out = '';
      child.stderr.on('data', d => { out += d; });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', d => { out += d; if (out.includes('Press Ctrl-C to stop.')) resolve(); });
        void exited.then(code => reject(new Error(`it exited (${code}) before serving: ${out}`)));
      });
      const caFile = /--ca (\S+)/.exec(out)?.[1];
      assert.ok(caFile?.startsWith(tmp), `the repl line names the certificate file in the temp directory: ${out}`);
      assert.equal(certFolders(tmp).length, 1);
      for (const s of signals) child.kill(s);
      assert.equal(await exited, 0, out);
      assert.deepEqual(certFolders(tmp), [], 'the certificate folder is gone');
    });
  }
});
