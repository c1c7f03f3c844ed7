/**
 * Behaviours: what commands do to the device beyond "validated, then OK". One file per domain; each
 * returns handlers keyed by command path (schema spelling) and may keep its own state.
 */
import type { Device } from '../device';
import { audioBehaviour } from './audio';
import { callsBehaviour } from './calls';
import { extensionsBehaviour } from './extensions';
import { httpClientBehaviour } from './httpClient';
import { Behaviour } from './helpers';
import { macrosBehaviour } from './macros';
import { messagesBehaviour } from './messages';
import { standbyBehaviour } from './standby';
import { systemBehaviour } from './system';

export type { Behaviour, CommandContext, CommandHandler } from './helpers';

export function allBehaviours(device: Device): Behaviour[] {
  return [
    callsBehaviour(device), audioBehaviour(device), standbyBehaviour(device), messagesBehaviour(device),
    extensionsBehaviour(device), macrosBehaviour(device), systemBehaviour(device), httpClientBehaviour(device),
  ];
}
