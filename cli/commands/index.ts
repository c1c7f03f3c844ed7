/** Every `xapi` sub-command, in the order `xapi --help` lists them. */
import { CliCommand } from '../command';

export const commands: CliCommand[] = [];
