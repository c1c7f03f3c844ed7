/** Every `xapi` sub-command, in the order `xapi --help` lists them. */
import { CliCommand } from '../command';
import { checkCommand } from './check';
import { lspCommand } from './lsp';
import { typesCommand } from './types';

export const commands: CliCommand[] = [
  checkCommand,
  lspCommand,
  typesCommand,
];
