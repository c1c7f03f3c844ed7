// `npm start`: build, then run the main job on the simulated device (filled as the emulator lands).
import { spawnSync } from 'node:child_process';
const smoke = process.argv.includes('--smoke');
const b = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync(process.execPath, ['dist/cli.js', '--help'], { stdio: 'inherit' });
process.exit(smoke ? (r.status === 0 ? 0 : 1) : 0);
