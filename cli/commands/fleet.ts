/**
 * `xapi fleet query|run`: one query or script across the rooms of an inventory (fleet/), with a concurrency cap,
 * a canary, waves, a failure threshold, a journal to resume from, and a report of every device.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseOptions, numberOption } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { coreIndex } from '../schemaOption';
import { formatTable } from '../table';
import { cloudDevicesInventory, readInventory, recordFingerprints, selectDevices, type Inventory, type InventoryDevice } from '../../fleet/inventory';
import { cloudOptions, reportError } from '../connection';
import { webexQuery } from './devices';
import { XapiError, listCloudDevices } from '../../xapi/index';
import { fetchPresentedCertificate } from '../../xapi/certificate';
import { Journal, readJournal } from '../../fleet/journal';
import { SchemasByModel } from '../../fleet/gating';
import {
  configTask, deployTask, environmentAccess, macroArtefact, panelArtefact, planConfig, planQuery, planScript, queryTask, scriptTask, type Artefact,
} from '../../fleet/operations';

import { EXIT, runFleet, type DeviceOutcome, type DeviceTask, type FleetReport } from '../../fleet/runner';
import { outcomeJson, reportRows, reportSummary, toCsv, type FleetOp } from '../../fleet/report';
import { PANEL_FILE } from '../../schema/panels/language';
import { cloudDeviceId } from '../../xapi/cloud/cloudClient';

const USAGE = `Usage:
  xapi fleet query PATH… --inventory FILE [options]
  xapi fleet run SCRIPT.xapi --inventory FILE [options]
  xapi fleet deploy MACRO.js|PANEL.panel.xml… --inventory FILE [--activate] [options]
  xapi fleet config apply DESIRED.xapi --inventory FILE [--dry-run] [options]
  xapi fleet trust --inventory FILE [--yes] [selection]

query: values of statuses and configurations on every selected device, one row per device:
  xapi fleet query 'xStatus SystemUnit Software Version' 'xConfiguration Audio DefaultVolume' -i rooms.yaml
run: a .xapi script on every selected device; a device stops at its first failing line, which the report names.
deploy: macros (named by their files) saved on every selected device, --activate to activate them, and UI
extension panels (.panel.xml, by their <PanelId>, checked first); a device that already has the same content (line
endings aside) in the same state, and the same panels, is skipped and says so.
trust: reads the certificate each selected device presents (nothing is sent to it), shows the fingerprints and
asks once whether to record them in the inventory (--yes: without asking); a device then must present exactly
that certificate, and verification stays on. A device that presents another one later fails as "certificate".
config apply: a desired configuration (xConfiguration PATH: VALUE lines): --dry-run prints each device's diff
(current → desired, and values an organisation rule enforces); apply changes only what differs.

The inventory (YAML or CSV) names each device, its url (host, wss://host or webex://DEVICE_ID), tags, product,
and its password by reference only: password: env:NAME (secret:GROUP is VS Code's; the command line cannot read
it). Devices on the Webex cloud use WEBEX_TOKEN (WEBEX_BASE_URL for another cloud).

Selection:
  --inventory, -i FILE   the inventory
  --webex KEY=VALUE      or the Webex cloud's devices (WEBEX_TOKEN): a filter passed verbatim to the Devices
                         API (repeatable): tag=lobby, connectionStatus=connected, software=…
  --tag T                only devices with tag T (repeatable: all of them)
  --name GLOB            only devices whose name matches (repeatable: any of them)
  --product GLOB         only devices whose product matches

Safety:
  --concurrency N        devices at once (default 16; 8 when any is on the Webex cloud)
  --canary N             run the first N devices alone first; any failure stops the run
  --wave N               then N devices per wave
  --max-failures P       stop when more than P% of the finished devices failed
  --timeout S            per device (default 120)
  --journal FILE         record every device's intent and outcome (flushed each time)
  --resume FILE          continue a journaled run: done devices are left alone, unknown ones reported
  --retry-unknown        with --resume: run again on devices the earlier run left unknown
  --activate             deploy: activate the macros too
  --dry-run              config apply: say what would change, change nothing
  --no-gating            run, config apply: send without first checking each line against the device's schema
                         (by default a device that cannot take a line is skipped, with the line)

Output:
  --json                 one JSON object per device on stdout
  --csv                  the table as CSV
  --report FILE          also write the report (.json: lines; .csv)

Exit codes: 0 every device ok, 1 a device failed, 2 stopped by the canary or the threshold (or usage),
130 interrupted (Ctrl-C lets devices in flight finish; a second Ctrl-C leaves them unknown).`;


interface Parsed {
  op: FleetOp;
  /** `--webex KEY=VALUE…`: the cloud's devices instead of an inventory. */
  webex?: Record<string, string[]>;
  activate: boolean;
  dryRun: boolean;
  what: string[];
  inventory: string;
  tags: string[];
  names: string[];
  product?: string;
  concurrency?: number;
  canary?: number;
  wave?: number;
  maxFailures?: number;
  timeoutS: number;
  journal?: string;
  resume?: string;
  retryUnknown: boolean;
  gating: boolean;
  json: boolean;
  csv: boolean;
  report?: string;
}

export function parseFleetArgs(args: string[]): Parsed {
  const [first, ...more] = args;
  if (first === 'config' && more[0] !== 'apply') throw new UsageError('xapi fleet config apply DESIRED.xapi');
  const op = first;
  const rest = first === 'config' ? more.slice(1) : more;
  if (op !== 'query' && op !== 'run' && op !== 'deploy' && op !== 'config') throw new UsageError('say what to do: xapi fleet query PATH…, run SCRIPT.xapi, deploy MACRO.js… or config apply DESIRED.xapi');
  const { values: v, positionals } = parseOptions(rest, {
    inventory: { type: 'string', short: 'i' }, tag: { type: 'string', multiple: true }, name: { type: 'string', multiple: true },
    product: { type: 'string' }, concurrency: { type: 'string' }, canary: { type: 'string' }, wave: { type: 'string' },
    'max-failures': { type: 'string' }, timeout: { type: 'string' }, journal: { type: 'string' }, resume: { type: 'string' },
    'retry-unknown': { type: 'boolean' }, json: { type: 'boolean' }, csv: { type: 'boolean' }, report: { type: 'string' },
    'no-gating': { type: 'boolean' }, activate: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, webex: { type: 'string', multiple: true },
  });
  if (!v.inventory === !v.webex) throw new UsageError('give the devices: --inventory FILE, or --webex KEY=VALUE for the Webex cloud\'s');
  if (!positionals.length) throw new UsageError(op === 'query' ? 'name at least one path: xStatus PATH or xConfiguration PATH' : op === 'run' ? 'name the script: xapi fleet run SCRIPT.xapi' : op === 'deploy' ? 'name the macros or panels: xapi fleet deploy MACRO.js|PANEL.panel.xml…' : 'name the desired configuration: xapi fleet config apply DESIRED.xapi');
  if (v.activate && op !== 'deploy') throw new UsageError('--activate goes with deploy');
  if ((op === 'run' || op === 'config') && positionals.length !== 1) throw new UsageError(`${op === 'run' ? 'run' : 'config apply'} takes one file`);
  if (v['dry-run'] && op !== 'config') throw new UsageError('--dry-run goes with config apply');
  if (v.journal !== undefined && v.resume !== undefined) throw new UsageError('--resume continues the journal it names: give it alone');
  if (v['retry-unknown'] && v.resume === undefined) throw new UsageError('--retry-unknown goes with --resume');
  if (v.json && v.csv) throw new UsageError('give one of --json or --csv');
  const pct = v['max-failures']?.replace(/%$/, '');
  return {
    op, what: positionals, inventory: v.inventory ?? '', ...(v.webex ? { webex: webexQuery(v.webex) } : {}), tags: v.tag ?? [], names: v.name ?? [], product: v.product,
    concurrency: v.concurrency === undefined ? undefined : numberOption('--concurrency', v.concurrency, { min: 1, max: 1024, integer: true }),
    canary: v.canary === undefined ? undefined : numberOption('--canary', v.canary, { min: 1, integer: true }),
    wave: v.wave === undefined ? undefined : numberOption('--wave', v.wave, { min: 1, integer: true }),
    maxFailures: pct === undefined ? undefined : numberOption('--max-failures', pct, { min: 0, max: 100 }) / 100,
    timeoutS: v.timeout === undefined ? 120 : numberOption('--timeout', v.timeout, { min: 1 }),
    journal: v.journal, resume: v.resume, retryUnknown: v['retry-unknown'] ?? false, gating: !v['no-gating'], activate: v.activate ?? false, dryRun: v['dry-run'] ?? false,
    json: v.json ?? false, csv: v.csv ?? false, report: v.report,
  };
}

export const fleetCommand: CliCommand = {
  name: 'fleet',
  summary: 'run a query, a script, a macro deployment or a configuration across the devices of an inventory',
  usage: USAGE,
  async run(args, io) {
    if (args[0] === 'trust') return trust(args.slice(1), io);
    const p = parseFleetArgs(args);
    let devices: InventoryDevice[];
    try {
      devices = selectDevices(p.webex ? await cloudInventory(p.webex, io) : readInventory(p.inventory), { tags: p.tags, names: p.names, product: p.product });
    } catch (e) {
      if (e instanceof XapiError) return reportError(io, 'fleet', e);
      throw new UsageError((e as Error).message);
    }
    if (!devices.length) throw new UsageError(`no device of the ${p.webex ? 'Webex query' : 'inventory'} matches the selection`);
    const index = coreIndex();
    let task: DeviceTask<unknown>;
    let keys: string[] = [];
    const schemas = (p.op === 'run' || p.op === 'config') && p.gating ? new SchemasByModel() : undefined;
    try {
      if (p.op === 'query') {
        const paths = planQuery(p.what, index);
        keys = paths.map(x => x.join(' '));
        task = queryTask(paths, access(io, devices));
      } else if (p.op === 'run') {
        if (!existsSync(p.what[0])) throw new UsageError(`no such script: ${p.what[0]}`);
        task = scriptTask(planScript(readFileSync(p.what[0], 'utf8'), index), access(io, devices), schemas);
      } else if (p.op === 'config') {
        if (!existsSync(p.what[0])) throw new UsageError(`no such file: ${p.what[0]}`);
        task = configTask(planConfig(readFileSync(p.what[0], 'utf8'), index), p.dryRun, access(io, devices), schemas);
      } else task = deployTask(p.what.map(artefactFile), p.activate, access(io, devices));
    } catch (e) { if (e instanceof UsageError) throw e; throw new UsageError((e as Error).message); }
    if (p.journal && existsSync(p.journal)) throw new UsageError(`${p.journal} exists: continue it with --resume ${p.journal}, or name a new journal`);
    const resumed = p.resume ? readJournal(p.resume) : undefined;
    if (resumed?.op && resumed.op !== p.op) throw new UsageError(`${p.resume} is the journal of a "${resumed.op}" run, not "${p.op}"`);
    const journal = p.journal ?? p.resume ? Journal.open((p.journal ?? p.resume)!) : undefined;
    const stop = new AbortController();
    const abandon = new AbortController();
    const onSigint = () => {
      if (!stop.signal.aborted) { stop.abort(); io.stderr.write('\n-- stopping: devices in flight finish; Ctrl-C again leaves them unknown\n'); } else abandon.abort();
    };
    process.on('SIGINT', onSigint);
    const progress = progressLine(io, devices.length);
    let report: FleetReport<unknown>;
    try {
      report = await runFleet(devices, task, {
        concurrency: p.concurrency,
        canary: p.canary, waveSize: p.wave, maxFailureRate: p.maxFailures, timeoutMs: p.timeoutS * 1000,
        journal, op: p.op, resumed, retryUnknown: p.retryUnknown, stop: stop.signal, abandon: abandon.signal,
        onStart: () => progress.started(), onOutcome: o => progress.ended(o),
      });
    } finally {
      process.off('SIGINT', onSigint);
      journal?.close();
      progress.done();
    }
    const rows = reportRows(report.outcomes, p.op, keys, p.what.slice(0, keys.length));
    if (p.json) for (const o of report.outcomes) io.stdout.write(outcomeJson(o) + '\n');
    else if (p.csv) io.stdout.write(toCsv(rows));
    else io.stdout.write(formatTable(rows));
    if (p.report) writeFileSync(p.report, /\.csv$/i.test(p.report) ? toCsv(rows) : report.outcomes.map(outcomeJson).join('\n') + '\n');
    io.stderr.write(`-- ${reportSummary(report)}\n`);
    if (schemas) io.stderr.write(`-- device schemas read for gating: ${schemas.reads} (one per product and software version)\n`);
    return report.exitCode;
  },
};

/** `xapi fleet trust`: the certificates the selected devices present, shown, and recorded when the user says so. */
async function trust(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseOptions(args, {
    inventory: { type: 'string', short: 'i' }, tag: { type: 'string', multiple: true }, name: { type: 'string', multiple: true },
    product: { type: 'string' }, yes: { type: 'boolean' },
  }, { positionals: false });
  if (!v.inventory) throw new UsageError('--inventory FILE is needed');
  let devices: InventoryDevice[];
  try {
    devices = selectDevices(readInventory(v.inventory), { tags: v.tag, names: v.name, product: v.product })
      .filter(d => cloudDeviceId(d.url) === undefined && /^wss:/i.test(d.url));
  } catch (e) { throw new UsageError((e as Error).message); }
  if (!devices.length) throw new UsageError('no device of the selection is on wss:// (a webex:// or ws:// device has no certificate to record)');
  const found = new Map<string, string>();
  let failed = 0;
  await Promise.all(devices.map(async d => {
    try {
      const cert = await fetchPresentedCertificate(d.url);
      const change = d.fingerprint && d.fingerprint !== cert.fingerprint256 ? `  (changed: the inventory has ${d.fingerprint})` : '';
      if (d.fingerprint === cert.fingerprint256) { io.stdout.write(`${d.name}: already recorded\n`); return; }
      found.set(d.name.toLowerCase(), cert.fingerprint256);
      io.stdout.write(`${d.name}: ${cert.fingerprint256}  ${cert.subject}${change}\n`);
    } catch (e) {
      failed++;
      io.stderr.write(`${d.name}: no certificate read (${(e as Error).message})\n`);
    }
  }));
  if (!found.size) return failed ? EXIT.failed : EXIT.ok;
  if (!v.yes && !(await confirm(io, `Record ${found.size} fingerprint(s) in ${v.inventory}? Compare them with each device's own first. [y/N] `))) {
    io.stderr.write('-- nothing recorded\n');
    return EXIT.ok;
  }
  writeFileSync(v.inventory, recordFingerprints(readFileSync(v.inventory, 'utf8'), v.inventory, found));
  io.stderr.write(`-- recorded ${found.size} fingerprint(s) in ${v.inventory}\n`);
  return failed ? EXIT.failed : EXIT.ok;
}

/** One yes/no question on the terminal; without a terminal, a usage error that names --yes. */
function confirm(io: CliIO, question: string): Promise<boolean> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) throw new UsageError('no terminal to ask on: pass --yes to record the fingerprints shown');
  io.stderr.write(question);
  return new Promise(resolve => {
    stdin.setEncoding('utf8');
    stdin.resume();
    stdin.once('data', (answer: string) => { stdin.pause(); resolve(/^y(es)?$/i.test(answer.trim())); });
  });
}

/** The Webex cloud's devices matching a query, as an inventory (their display names; products matched here). */
async function cloudInventory(query: Record<string, string[]>, io: CliIO): Promise<Inventory> {
  return cloudDevicesInventory(await listCloudDevices({ ...(await cloudOptions(io, undefined)), query }), 'the Webex query');
}

/** A file to deploy: a macro (named by its file, checked as the device checks names) or a UI extension panel (`.panel.xml`, checked with the panel rules). */
function artefactFile(file: string): Artefact {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  try {
    const text = readFileSync(file, 'utf8');
    return PANEL_FILE.test(file) ? panelArtefact(file, text) : macroArtefact(file, text);
  } catch (e) { throw new UsageError((e as Error).message); }
}

/** Reaching the devices: passwords from the environment; the Webex token only when a cloud device is selected. */
function access(io: CliIO, devices: readonly InventoryDevice[]) {
  const cloud = devices.some(d => cloudDeviceId(d.url) !== undefined);
  const token = io.env.WEBEX_TOKEN?.trim();
  if (cloud && !token) throw new UsageError('the selection has webex:// devices: set WEBEX_TOKEN');
  const baseUrl = io.env.WEBEX_BASE_URL;
  return environmentAccess(io.env, cloud && token ? { token, ...(baseUrl ? { baseUrl } : {}) } : undefined);
}

/** Done/failed/in flight on a terminal's stderr, rewritten in place; nothing when stderr is not a terminal. */
function progressLine(io: CliIO, total: number) {
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  let inFlight = 0;
  let done = 0;
  let failed = 0;
  const t0 = Date.now();
  const draw = () => {
    if (!tty) return;
    const rate = done / Math.max(1, (Date.now() - t0) / 1000);
    const eta = rate > 0 ? Math.round((total - done) / rate) : undefined;
    io.stderr.write(`\r${done}/${total} done, ${failed} failed, ${inFlight} in flight, ${rate.toFixed(1)}/s${eta !== undefined ? `, ETA ${eta} s` : ''}   `);
  };
  return {
    started: () => { inFlight++; draw(); },
    ended: (o: DeviceOutcome<unknown>) => { if (!o.earlier) inFlight = Math.max(0, inFlight - 1); done++; if (o.status === 'failed') failed++; draw(); },
    done: () => { if (tty) io.stderr.write('\n'); },
  };
}

