/** Every `xapi` sub-command, in the order `xapi --help` lists them. */
import { CliCommand } from '../command';
import { checkCommand } from './check';
import { devicesCommand } from './devices';
import { emulatorCommand } from './emulator';
import { fleetCommand } from './fleet';
import { lspCommand } from './lsp';
import { replCommand } from './repl';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { typesCommand } from './types';
import { watchCommand } from './watch';

export const commands: CliCommand[] = [
  checkCommand,
  devicesCommand,
  emulatorCommand,
  fleetCommand,
  lspCommand,
  replCommand,
  runCommand,
  schemaCommand,
  typesCommand,
  watchCommand,
];
