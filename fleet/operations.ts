/**
 * What a fleet run does on each device, as runner tasks: connect with the inventory's credentials (by reference:
 * an environment variable; the extension resolves `secret:`), then query values or run a script that stops at
 * its first failing line. Each task closes its connection whatever happens.
 */
import type { SchemaIndex } from '../schema/schemaIndex';
import { parseStatements, statementToRequest, type XcliRequest, type XcliRequestPath, type XcliStatement } from '../schema/xcli';
import { gate, type SchemasByModel } from './gating';
import { execute } from '../xapi/execute';
import { ClientErrorCode, ConnectionError, TlsError, connect, type CloudXapi, type Xapi } from '../xapi/index';
import { fetchPresentedCertificate } from '../xapi/certificate';
import { dottedKey } from '../xapi/cloud/cloudPaths';
import { ONLINE } from '../xapi/cloud/webexApi';
import { formatValue } from '../xapi/format';
import { checkMacroName, MacroStore } from '../xapi/macroStore';
import { checkPanel } from '../schema/panels/check';
import { panelsFromListing, samePanel } from '../schema/panels/listing';
import { readPanelDocument } from '../schema/panels/model';
import * as path from 'node:path';
import { cloudDeviceId } from '../xapi/cloud/cloudClient';
import { failureOf, type DeviceTask, type TaskResult } from './runner';
import type { CredentialRef, InventoryDevice } from './inventory';

/** How a run reaches devices: where passwords are (by reference), and the Webex cloud's token and base URL. */
export interface FleetAccess {
  /** Resolves a password reference; the CLI reads `env:` and refuses `secret:`; the extension reads both. */
  password(ref: CredentialRef, device: InventoryDevice): string;
  readonly webex?: { readonly token: string; readonly baseUrl?: string; readonly proxy?: string };
}

/** The CLI's access: `env:NAME` from the environment; `secret:GROUP` is the extension's, said so. */
export function environmentAccess(env: NodeJS.ProcessEnv, webex?: FleetAccess['webex']): FleetAccess {
  return {
    password(ref, device) {
      if (ref.kind === 'secret') throw new CredentialError(`${device.name}: secret:${ref.group} is in VS Code's secret storage, which the command line cannot read: use env:NAME`);
      const value = env[ref.name];
      if (value === undefined) throw new CredentialError(`${device.name}: the environment variable ${ref.name} (its password) is not set`);
      return value;
    },
    ...(webex ? { webex } : {}),
  };
}

export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** A device's connection, as the inventory says to make it. */
export async function connectDevice(d: InventoryDevice, access: FleetAccess): Promise<Xapi> {
  if (cloudDeviceId(d.url) !== undefined) {
    if (!access.webex) throw new CredentialError(`${d.name}: a webex:// device needs a Webex token (WEBEX_TOKEN)`);
    return connect(d.url, { ...access.webex, timeoutMs: 30_000 });
  }
  const password = d.password ? access.password(d.password, d) : '';
  const ca = d.fingerprint ? await pinnedCertificate(d, d.fingerprint) : undefined;
  return connect(d.url, { username: d.username ?? 'admin', password, reconnect: false, timeoutMs: 30_000, ...(ca ? { ca } : {}) });
}

/**
 * A device trusted by its recorded fingerprint (`xapi fleet trust`): the certificate it presents now, read before any
 * credential is sent, must be that one; then verification stays on with exactly that certificate as the one trusted.
 */
async function pinnedCertificate(d: InventoryDevice, fingerprint: string): Promise<string> {
  const presented = await fetchPresentedCertificate(d.url).catch((e: Error) => {
    throw new ConnectionError(`Cannot connect to ${d.url}: ${e.message}`, ClientErrorCode.Connection);
  });
  if (presented.fingerprint256.toUpperCase() !== fingerprint.toUpperCase()) {
    throw new TlsError(`${d.name} presents a certificate with the fingerprint ${presented.fingerprint256}, not the one the inventory records (${fingerprint}): it changed; check the device, then record it again with xapi fleet trust`, ClientErrorCode.Tls);
  }
  return presented.pem;
}

/** A task on an open connection, with connecting, closing and the failure's kind around it. */
function withDevice<R>(access: FleetAccess, work: (xapi: Xapi, d: InventoryDevice) => Promise<TaskResult<R>>): DeviceTask<R> {
  return async (d, signal) => {
    let xapi: Xapi;
    try {
      xapi = await connectDevice(d, access);
    } catch (e) {
      return e instanceof CredentialError ? { status: 'failed', kind: 'auth', reason: e.message } : { status: 'failed', ...failureOf(e) };
    }
    const closing = () => { void xapi.close(); };
    signal.addEventListener('abort', closing, { once: true });
    try {
      return await work(xapi, d);
    } finally {
      signal.removeEventListener('abort', closing);
      await xapi.close();
    }
  };
}

/** The paths a query reads: `xStatus …` and `xConfiguration …` lines without a value; anything else is an error naming it. */
export function planQuery(lines: readonly string[], index: SchemaIndex): XcliRequestPath[] {
  return lines.map(text => {
    const [statement] = parseStatements(text, index);
    const req = statement && statementToRequest(statement, index);
    if (req?.kind !== 'get') throw new Error(`"${text}": a query reads values: xStatus PATH or xConfiguration PATH`);
    return req.path;
  });
}

/** `xapi fleet query`: the values of statuses and configurations, by the path as written (`Status Audio Volume`). */
export function queryTask(paths: readonly XcliRequestPath[], access: FleetAccess): DeviceTask<Record<string, unknown>> {
  return withDevice(access, async xapi => {
    const values: Record<string, unknown> = {};
    const failures: string[] = [];
    await Promise.all(paths.map(async path => {
      const key = path.join(' ');
      try {
        values[key] = path[0] === 'Configuration' ? await xapi.config.get(path) : await xapi.status.get(path);
      } catch (e) {
        failures.push(`${key}: ${(e as Error).message}`);
      }
    }));
    return failures.length ? { status: 'failed', value: values, kind: 'not-found', reason: failures.join('; ') } : { status: 'ok', value: values };
  });
}

/** One planned statement of a script: its line (1-based), the statement (gating checks it) and its request. */
export interface PlannedLine { readonly line: number; readonly statement: XcliStatement; readonly req: XcliRequest }

/** A script's statements, translated before anything is sent; a line that cannot be is an error naming it. */
export function planScript(text: string, index: SchemaIndex): PlannedLine[] {
  return parseStatements(text, index).filter(s => s.type !== 'blank' && s.type !== 'comment').map(s => {
    try {
      return { line: s.firstLine + 1, statement: s, req: statementToRequest(s, index) };
    } catch (e) {
      throw new Error(`line ${s.firstLine + 1}: ${(e as Error).message}`);
    }
  });
}

/**
 * `xapi fleet run`: each statement in turn; the first failing line ends the device's run, and the report names it.
 * With `schemas`, the device's own schema is checked first (gating.ts): a device that cannot take a line is skipped.
 */
export function scriptTask(lines: readonly PlannedLine[], access: FleetAccess, schemas?: SchemasByModel): DeviceTask<number> {
  return withDevice(access, async xapi => {
    if (schemas) {
      const { model, index } = await schemas.forDevice(xapi);
      const refused = gate(lines, index, model);
      if (refused) return { status: 'skipped', kind: 'gating', reason: refused };
    }
    for (const { line, req } of lines) {
      try {
        await execute(xapi, req);
      } catch (e) {
        return { status: 'failed', line, ...failureOf(e), reason: `line ${line}: ${(e as Error).message}` };
      }
    }
    return { status: 'ok', value: lines.length };
  });
}

/** A macro to deploy: its name on the device (the file's base name) and its source. */
export interface MacroArtefact { readonly kind?: 'macro'; readonly name: string; readonly source: string }

/** A UI extension panel to deploy: its PanelId and its XML (checked with the panel rules before anything is sent). */
export interface PanelArtefact { readonly kind: 'panel'; readonly panelId: string; readonly xml: string }

export type Artefact = MacroArtefact | PanelArtefact;

/**
 * A panel file as a device names it: its `<PanelId>`, else the file's name without `.panel.xml`. A panel the rules
 * refuse (not XML, an unknown widget type…) is an error naming the first reason: it would be refused by every device.
 */
export function panelArtefact(fileName: string, xml: string): PanelArtefact {
  const error = checkPanel(xml).find(d => d.severity === 'error');
  if (error) throw new Error(`${path.basename(fileName)}: ${error.message}`);
  const [panel] = readPanelDocument(xml).panels;
  if (!panel) throw new Error(`${path.basename(fileName)}: no <Panel> in it`);
  return { kind: 'panel', panelId: panel.fields.PanelId || path.basename(fileName).replace(/\.panel\.xml$/i, ''), xml };
}

/** A macro file as the device names it: the file's base name without `.js`/`.mjs`/`.ts`, checked as the device checks names. */
export function macroArtefact(fileName: string, source: string): MacroArtefact {
  const name = path.basename(fileName).replace(/\.(js|mjs|ts)$/i, '');
  const bad = checkMacroName(name);
  if (bad) throw new Error(`${path.basename(fileName)}: ${bad}`);
  return { name, source };
}

/** Line endings do not count: a copy saved on Windows is the same macro. */
const normalized = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * `xapi fleet deploy`: each macro saved (and activated with `activate`) unless the device already has the same
 * bytes (line endings aside) in the same state; each panel saved unless the device lists the same panel (its
 * fields, pages, rows and widgets) — a device with nothing to change is skipped and says so. Idempotent, so a
 * resumed run reads each device again and compares before doing anything.
 */
export function deployTask(artefacts: readonly Artefact[], activate: boolean, access: FleetAccess): DeviceTask<string[]> {
  const macros = artefacts.filter((a): a is MacroArtefact => a.kind !== 'panel');
  // Each panel read once for the run, not once per device.
  const panels = artefacts.filter((a): a is PanelArtefact => a.kind === 'panel').map(p => ({ ...p, want: readPanelDocument(p.xml).panels[0] }));
  return withDevice(access, async xapi => {
    const store = new MacroStore(xapi);
    const changed: string[] = [];
    if (panels.length) {
      const listed = panelsFromListing(await xapi.command('UserInterface Extensions List'));
      for (const p of panels) {
        const have = listed.get(p.panelId);
        if (have && p.want && samePanel(have, p.want)) continue;
        await xapi.command('UserInterface Extensions Panel Save', { PanelId: p.panelId }, p.xml);
        changed.push(`panel ${p.panelId}`);
      }
    }
    for (const m of macros) {
      const have = await store.find(m.name);
      const same = have !== undefined && normalized(have.content) === normalized(m.source);
      if (!same) await store.save(m.name, m.source);
      if (activate && !(same && have.active)) await store.setActive(m.name, true);
      if (!same || (activate && !have?.active)) changed.push(m.name);
    }
    return changed.length
      ? { status: 'ok', value: changed, reason: `deployed ${changed.join(', ')}` }
      : { status: 'skipped', kind: 'unchanged', reason: `already there: ${[...macros.map(m => m.name), ...panels.map(p => `panel ${p.panelId}`)].join(', ')} with the same content${activate && macros.length ? ', active' : ''}` };
  });
}

/** One line of a desired configuration: `xConfiguration PATH: VALUE`. */
export interface DesiredValue { readonly line: number; readonly statement: XcliStatement; readonly path: XcliRequestPath; readonly value: string | number }

/** A desired configuration's lines; anything but an `xConfiguration PATH: VALUE` line is an error naming it. */
export function planConfig(text: string, index: SchemaIndex): DesiredValue[] {
  return planScript(text, index).map(({ line, statement, req }) => {
    if (req.kind !== 'set') throw new Error(`line ${line}: a desired configuration has xConfiguration PATH: VALUE lines only`);
    return { line, statement, path: req.path, value: req.value };
  });
}

/** What a device has against what is desired, per value: the diff a dry run prints. */
export interface ConfigChange {
  readonly path: string;
  readonly current: unknown;
  readonly desired: string | number;
  /** An organisation or location rule holds it (a cloud device): not written. */
  readonly enforced?: string;
}

const sameValue = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * `xapi fleet config apply`: each device's values read and compared with the desired ones; with `dryRun` nothing is
 * written and the diff is the report; else only what differs is written. A value a rule enforces (a cloud device)
 * is reported, never written; a cloud device that is offline takes the writes as pending.
 */
export function configTask(desired: readonly DesiredValue[], dryRun: boolean, access: FleetAccess, schemas?: SchemasByModel): DeviceTask<ConfigChange[]> {
  return withDevice(access, async xapi => {
    if (schemas) {
      const { model, index } = await schemas.forDevice(xapi);
      const refused = gate(desired, index, model);
      if (refused) return { status: 'skipped', kind: 'gating', reason: refused };
    }
    const cloud = xapi.via === 'webex' ? xapi as CloudXapi : undefined;
    const rules = cloud ? await cloud.enforcedConfigurations() : new Map<string, { reason: string }>();
    const changes: ConfigChange[] = [];
    const writes: DesiredValue[] = [];
    for (const d of desired) {
      const current = await xapi.config.get(d.path);
      if (sameValue(current, d.value)) continue;
      const rule = rules.get(dottedKey(d.path.slice(1)));
      changes.push({ path: d.path.slice(1).join(' '), current, desired: d.value, ...(rule ? { enforced: rule.reason } : {}) });
      if (!rule) writes.push(d);
    }
    const text = changes.map(c => `${c.path}: ${formatValue(c.current)} → ${formatValue(c.desired)}${c.enforced ? ` (enforced by a rule: ${c.enforced}; not written)` : ''}`).join('; ');
    if (!changes.length) return { status: 'skipped', kind: 'unchanged', value: [], reason: 'already as desired' };
    if (dryRun) return { status: 'ok', value: changes, reason: `would change ${text}` };
    for (const d of writes) await xapi.config.set(d.path, d.value);
    const pending = cloud?.device && !ONLINE.has(cloud.device.connectionStatus) ? ' (accepted, pending on the device: it is offline)' : '';
    const enforced = changes.filter(c => c.enforced);
    return enforced.length === changes.length
      ? { status: 'failed', kind: 'permission', value: changes, reason: `every change is enforced by a rule: ${text}` }
      : { status: 'ok', value: changes, reason: `changed ${text}${pending}` };
  });
}
