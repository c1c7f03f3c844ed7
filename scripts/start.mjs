// `npm start`: build the CLI (for the `node dist/cli.js repl …` it suggests), then run the main job
// on the simulated device (scripts/main-job.ts). `--smoke`: one pass, then exit.
import { spawnSync } from 'node:child_process';

const b = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync('npx', ['tsx', 'scripts/main-job.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
