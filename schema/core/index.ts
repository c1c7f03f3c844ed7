/**
 * The core schema: the team's hand-written subset of the xAPI, shipped as the offline default
 * and complete enough for the emulator to run on it. Facts (paths, value spaces, parameters,
 * roles) follow the published RoomOS 11.27 schema; the prose is our own. See docs/core-schema.md.
 */
import type { Schema, SchemaNode } from '../model';
import { audio } from './audio';
import { calls } from './calls';
import { cameras } from './cameras';
import { extensions } from './extensions';
import { httpclient } from './httpclient';
import { macros } from './macros';
import { network } from './network';
import { peripherals } from './peripherals';
import { protocols } from './protocols';
import { standby } from './standby';
import { systemunit } from './systemunit';
import { userinterface } from './userinterface';
import { video } from './video';

export const CORE_SCHEMA_VERSION = 'core';

/** The domain files in the order their nodes appear in the schema. */
const DOMAINS: readonly (readonly SchemaNode[])[] = [
  calls, audio, standby, systemunit, userinterface, extensions, macros, cameras, video, network, httpclient, protocols, peripherals,
];

let memo: Schema | undefined;

export function coreSchema(): Schema {
  memo ??= { version: CORE_SCHEMA_VERSION, source: 'core', nodes: DOMAINS.flat() };
  return memo;
}
