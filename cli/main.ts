/** Entry of the `xapi` command: finds the sub-command and runs it. */
import { CliCommand, CliIO, UsageError } from './command';
import { commands } from './commands';
import { cliMessage } from './connection';
import { version } from '../package.json';

/** The process's own streams; tests pass their own CliIO to run the CLI in-process. */
const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };

function topUsage(): string {
  const width = Math.max(...commands.map(c => c.name.length));
  return [
    'Usage: xapi <command> [options]',
    '',
    'Commands:',
    ...commands.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'xapi <command> --help' for a command's options, 'xapi --version' for the version.",
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topUsage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`xapi ${version}\n`);
    return 0;
  }
  const command: CliCommand | undefined = commands.find(c => c.name === name);
  if (!command) {
    io.stderr.write(`xapi: unknown command '${name}'. Run 'xapi --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`xapi ${name}: ${e.message}\nRun 'xapi ${name} --help' for usage.\n`);
      return 2;
    }
    io.stderr.write(`xapi ${name}: ${cliMessage(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `xapi types … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => { console.error(e); process.exitCode = 1; });
}
