/**
 * The mocha runner that VS Code's extension host loads as `extensionTestsPath` (scripts/e2e/run.mjs bundles
 * this file with the suite's `*.e2e.ts` files into one folder: index.js beside tests/*.js and run.json).
 * VS Code awaits `run()`: it resolves when every test passed and rejects otherwise, and the workbench turns
 * that into `codeAutomationExit(0 | 1)`. The counts go to counts.json beside it for the runner to add up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface RunOptions { grep?: string }

export function run(): Promise<void> {
  const options = readOptions();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000 });
  if (options.grep) mocha.grep(options.grep);
  const testsDir = path.join(__dirname, 'tests');
  const files = fs.existsSync(testsDir) ? fs.readdirSync(testsDir).filter(f => f.endsWith('.js')).sort() : [];
  for (const file of files) mocha.addFile(path.join(testsDir, file));

  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      fs.writeFileSync(path.join(__dirname, 'counts.json'), JSON.stringify({ passes, failures, pending }));
      // A suite that ran nothing is a broken suite (a typo in a file name, a grep that matches nothing).
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (passes === 0) reject(new Error(`no tests ran (${files.length} file(s) in ${testsDir})`));
      else resolve();
    });
  });
}

function readOptions(): RunOptions {
  const file = path.join(__dirname, 'run.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as RunOptions : {};
}
