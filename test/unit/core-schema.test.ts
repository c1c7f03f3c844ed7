/**
 * The hand-written core schema: its shape, the nodes the rest of the project relies on, and
 * every fact checked against the published schemas (11.27 first, 26.4 and 10.19 where a node
 * differs between releases). Descriptions must be our own words: none may share a run of
 * eight words with the published description of the same node.
 */
import assert from 'node:assert/strict';
import { coreSchema } from '../../schema/core';
import { parseSegments, roles } from '../../schema/core/dsl';
import {
  CommandParam, EventField, NODE_KINDS, NodeKind, NodeVariant, SchemaNode, ValueSpace, nodeKey,
} from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { PUBLISHED_VERSIONS, publishedSchema, requirePublished } from '../support/publishedSchemas';

/** Nodes the emulator, the client tests and the issue text name explicitly. */
const MUST_HAVE = [
  // calls
  'Command Dial', 'Command Call Accept', 'Command Call Reject', 'Command Call Disconnect', 'Command Call Hold',
  'Command Call Resume', 'Command Call DTMFSend',
  'Status Call Status', 'Status Call Direction', 'Status Call RemoteNumber', 'Status Call CallbackNumber',
  'Status Call DisplayName', 'Status Call Protocol', 'Status Call CallType', 'Status Call Duration',
  'Status Call Encryption Type', 'Status Call AnswerState', 'Status Call PlacedOnHold',
  'Status SystemUnit State NumberOfActiveCalls', 'Status SystemUnit State NumberOfInProgressCalls',
  'Status SystemUnit State NumberOfSuspendedCalls',
  'Event CallSuccessful', 'Event CallDisconnect', 'Event OutgoingCallIndication', 'Event IncomingCallIndication',
  // audio
  'Command Audio Volume Set', 'Command Audio Volume Increase', 'Command Audio Volume Decrease',
  'Command Audio Volume Mute', 'Command Audio Volume Unmute', 'Command Audio Volume SetToDefault',
  'Command Audio Microphones Mute', 'Command Audio Microphones Unmute', 'Command Audio Microphones ToggleMute',
  'Status Audio Volume', 'Status Audio VolumeMute', 'Status Audio Microphones Mute',
  'Configuration Audio DefaultVolume', 'Configuration Audio SoundsAndAlerts RingVolume',
  'Configuration Audio SoundsAndAlerts RingTone', 'Configuration Audio Input Microphone Mode',
  'Configuration Audio Input HDMI Mode', 'Configuration Audio Output ConnectorSetup',
  // standby
  'Command Standby Activate', 'Command Standby Deactivate', 'Command Standby Halfwake', 'Command Standby ResetTimer',
  'Status Standby State', 'Configuration Standby Control', 'Configuration Standby Delay',
  'Event Standby SecondsToStandby',
  // system unit
  'Configuration SystemUnit Name', 'Status SystemUnit Uptime', 'Status SystemUnit ProductId',
  'Status SystemUnit ProductPlatform', 'Status SystemUnit ProductType', 'Status SystemUnit Software Version',
  'Status SystemUnit Software DisplayName', 'Status SystemUnit Software Name', 'Status SystemUnit Software ReleaseDate',
  'Status SystemUnit Hardware Module SerialNumber', 'Command SystemUnit Boot',
  // user interface messages
  'Command UserInterface Message Alert Display', 'Command UserInterface Message Alert Clear',
  'Command UserInterface Message Prompt Display', 'Command UserInterface Message Prompt Clear',
  'Command UserInterface Message TextInput Display', 'Command UserInterface Message TextInput Clear',
  'Command UserInterface Message Rating Display', 'Command UserInterface Message TextLine Display',
  'Event UserInterface Message Prompt Response', 'Event UserInterface Message TextInput Response',
  'Event UserInterface Message Alert Cleared', 'Event UserInterface Message Prompt Cleared',
  'Event UserInterface Message TextInput Clear',
  // UI extensions
  'Command UserInterface Extensions Panel Save', 'Command UserInterface Extensions Panel Remove',
  'Command UserInterface Extensions Panel Open', 'Command UserInterface Extensions Panel Close',
  'Command UserInterface Extensions List', 'Command UserInterface Extensions Clear',
  'Command UserInterface Extensions Export',
  'Command UserInterface Extensions Widget SetValue', 'Command UserInterface Extensions Widget UnsetValue',
  'Event UserInterface Extensions Panel Clicked', 'Event UserInterface Extensions Widget Action',
  'Event UserInterface Extensions Event Pressed', 'Event UserInterface Extensions Event Released',
  'Event UserInterface Extensions Event Clicked', 'Event UserInterface Extensions Event Changed',
  // macros
  'Command Macros Macro Save', 'Command Macros Macro Get', 'Command Macros Macro Remove',
  'Command Macros Macro RemoveAll', 'Command Macros Macro Rename', 'Command Macros Macro Activate',
  'Command Macros Macro Deactivate', 'Command Macros Macro Roles Set', 'Command Macros Runtime Restart',
  'Command Macros Runtime Start', 'Command Macros Runtime Stop', 'Command Macros Runtime Status',
  'Command Macros Log Clear', 'Command Macros Log Get', 'Event Macros Log',
  'Configuration Macros Mode', 'Configuration Macros AutoStart', 'Configuration Macros UnresponsiveTimeout',
  'Configuration Macros EvaluateTranspiled',
  // cameras
  'Command Camera PositionSet', 'Command Camera PositionReset', 'Command Camera Ramp',
  'Command Camera Preset Activate', 'Command Camera Preset Store',
  'Command Cameras SpeakerTrack Activate', 'Command Cameras SpeakerTrack Deactivate',
  'Status Cameras Camera Connected', 'Status Cameras Camera Model', 'Status Cameras Camera Position Pan',
  'Status Cameras Camera Position Tilt', 'Status Cameras Camera Position Zoom',
  'Configuration Cameras Camera Brightness Mode',
  // video and presentation
  'Command Video Selfview Set', 'Status Video Selfview Mode', 'Status Video Selfview FullscreenMode',
  'Status Video Selfview OnMonitorRole', 'Status Video Selfview PIPPosition',
  'Command Presentation Start', 'Command Presentation Stop', 'Status Conference Presentation Mode',
  'Command Video Input SetMainVideoSource', 'Configuration Video Input Connector Name',
  'Configuration Video Input Connector InputSourceType',
  // network
  'Configuration NetworkServices Websocket', 'Configuration NetworkServices HTTP Mode',
  'Configuration NetworkServices HTTPS Server MinimumTLSVersion', 'Configuration NetworkServices SSH Mode',
  'Configuration Network IPv4 Assignment', 'Configuration Network IPv4 Address',
  'Status Network IPv4 Address', 'Status Network IPv4 Gateway', 'Status Network IPv4 SubnetMask',
  'Status Network Ethernet MacAddress',
  // HTTP client, SIP/H.323, peripherals
  'Command HttpClient Post', 'Command HttpClient Put', 'Command HttpClient Get',
  'Configuration SIP URI', 'Configuration H323 H323Alias ID',
  'Status Peripherals ConnectedDevice Name', 'Status Peripherals ConnectedDevice Status',
  'Status Peripherals ConnectedDevice Type',
];

// ---------------------------------------------------------------------------------------
// Fact comparison: one core variant against one published variant → list of differences.

function describeVs(vs: ValueSpace | undefined): string {
  if (!vs) return 'none';
  const mult = vs.multiple !== undefined ? ` x${vs.multiple}` : '';
  switch (vs.type) {
    case 'Integer': return `Integer(${vs.min ?? ''}..${vs.max ?? ''})${mult}`;
    case 'String': return `String(${vs.minLength ?? ''}..${vs.maxLength ?? ''})${mult}`;
    case 'Literal': return `Literal(${vs.values.map(v => v.value).join('|')})${mult}`;
    default: return `unknown(${vs.raw})${mult}`;
  }
}

/** Differences between value spaces; literal values may be a subset, bounds must be equal. Step is not compared. */
function vsDiff(what: string, core: ValueSpace | undefined, pub: ValueSpace | undefined): string[] {
  if (!core && !pub) return [];
  if (!core || !pub || core.type !== pub.type || core.multiple !== pub.multiple) {
    return [`${what}: ${describeVs(core)} vs published ${describeVs(pub)}`];
  }
  const diff = (a: unknown, b: unknown) => a !== b;
  if (core.type === 'Integer' && pub.type === 'Integer' && (diff(core.min, pub.min) || diff(core.max, pub.max))) {
    return [`${what}: ${describeVs(core)} vs published ${describeVs(pub)}`];
  }
  if (core.type === 'String' && pub.type === 'String' && (diff(core.minLength, pub.minLength) || diff(core.maxLength, pub.maxLength))) {
    return [`${what}: ${describeVs(core)} vs published ${describeVs(pub)}`];
  }
  if (core.type === 'Literal' && pub.type === 'Literal') {
    const known = new Set(pub.values.map(v => v.value));
    const extra = core.values.map(v => v.value).filter(v => !known.has(v));
    if (extra.length) return [`${what}: literal value(s) ${extra.join(', ')} not in published ${describeVs(pub)}`];
  }
  if (core.type === 'unknown' && pub.type === 'unknown' && core.raw !== pub.raw) {
    return [`${what}: ${describeVs(core)} vs published ${describeVs(pub)}`];
  }
  return [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every(x => sb.has(x));
}

function paramsDiff(core: readonly CommandParam[], pub: readonly CommandParam[]): string[] {
  const out: string[] = [];
  const byName = new Map(pub.map(p => [p.name, p]));
  for (const p of core) {
    const q = byName.get(p.name);
    if (!q) { out.push(`param ${p.name} is not published`); continue; }
    if (p.required !== q.required) out.push(`param ${p.name}: required ${p.required} vs published ${q.required}`);
    if (p.default !== q.default) out.push(`param ${p.name}: default ${p.default} vs published ${q.default}`);
    out.push(...vsDiff(`param ${p.name}`, p.valueSpace, q.valueSpace));
  }
  const mine = new Set(core.map(p => p.name));
  for (const q of pub) if (!mine.has(q.name)) out.push(`param ${q.name} is missing`);
  return out;
}

function fieldsDiff(prefix: string, core: readonly EventField[] = [], pub: readonly EventField[] = []): string[] {
  const out: string[] = [];
  const byName = new Map(pub.map(f => [f.name, f]));
  for (const f of core) {
    const what = `field ${prefix}${f.name}`;
    const g = byName.get(f.name);
    if (!g) { out.push(`${what} is not published`); continue; }
    if (f.required !== g.required) out.push(`${what}: required ${f.required} vs published ${g.required}`);
    if (Boolean(f.multiple) !== Boolean(g.multiple)) out.push(`${what}: multiple ${Boolean(f.multiple)} vs published ${Boolean(g.multiple)}`);
    out.push(...vsDiff(what, f.valueSpace, g.valueSpace));
    out.push(...fieldsDiff(`${prefix}${f.name}.`, f.children, g.children));
  }
  const mine = new Set(core.map(f => f.name));
  for (const g of pub) if (!mine.has(g.name)) out.push(`field ${prefix}${g.name} is missing`);
  return out;
}

function formatIndexes(v: NodeVariant): string {
  return v.path.map(s => (s.index ? `${s.name}[${s.index.min}..${s.index.max ?? 'n'}]` : s.name)).join(' ');
}

function variantDiff(kind: NodeKind, core: NodeVariant, pub: NodeVariant): string[] {
  const out: string[] = [];
  if (formatIndexes(core) !== formatIndexes(pub)) out.push(`index ranges ${formatIndexes(core)} vs published ${formatIndexes(pub)}`);
  if (core.backend !== pub.backend) out.push(`backend ${core.backend} vs published ${pub.backend}`);
  if (!sameSet(core.writeRoles, pub.writeRoles)) out.push(`write roles ${core.writeRoles.join(',')} vs published ${pub.writeRoles.join(',')}`);
  if (!sameSet(core.readRoles, pub.readRoles)) out.push(`read roles ${core.readRoles.join(',')} vs published ${pub.readRoles.join(',')}`);
  switch (kind) {
    case 'Configuration':
      if (core.default !== pub.default) out.push(`default ${core.default} vs published ${pub.default}`);
      if (Boolean(core.hidden) !== Boolean(pub.hidden)) out.push(`hidden ${Boolean(core.hidden)} vs published ${Boolean(pub.hidden)}`);
      out.push(...vsDiff('value space', core.valueSpace, pub.valueSpace));
      break;
    case 'Status':
      out.push(...vsDiff('value space', core.valueSpace, pub.valueSpace));
      break;
    case 'Command':
      if (Boolean(core.multiline) !== Boolean(pub.multiline)) out.push(`multiline ${Boolean(core.multiline)} vs published ${Boolean(pub.multiline)}`);
      out.push(...paramsDiff(core.params ?? [], pub.params ?? []));
      break;
    case 'Event':
      if (core.bareValue || pub.bareValue) out.push(...vsDiff('bare value', core.bareValue, pub.bareValue));
      else out.push(...fieldsDiff('', core.fields, pub.fields));
      break;
  }
  return out;
}

interface Reference { label: string; index: SchemaIndex }

/**
 * Problems with one core node: empty when some published schema has a variant whose facts all
 * agree. Otherwise the differences against the closest variant, naming the node and the schema.
 */
function nodeProblems(node: SchemaNode, refs: readonly Reference[]): string[] {
  const name = `${node.kind} ${node.normPath}`;
  let best: { label: string; diffs: string[] } | undefined;
  for (const ref of refs) {
    const pub = ref.index.lookup(node.kind, node.normPath);
    if (!pub) continue;
    if (pub.normPath !== node.normPath) {
      best ??= { label: ref.label, diffs: [`spelled ${node.normPath} vs published ${pub.normPath}`] };
      continue;
    }
    for (const core of node.variants) {
      for (const v of pub.variants) {
        const diffs = variantDiff(node.kind, core, v);
        if (diffs.length === 0) return [];
        if (!best || diffs.length < best.diffs.length) best = { label: ref.label, diffs };
      }
    }
  }
  if (!best) return [`${name}: not found in any published schema (${refs.map(r => r.label).join(', ')})`];
  return [`${name} disagrees with ${best.label}: ${best.diffs.join('; ')}`];
}

// ---------------------------------------------------------------------------------------
// Prose check: no run of eight words in common with the published description.

const RUN = 8;

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function runs(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) out.add(w.slice(i, i + RUN).join(' '));
  return out;
}

/** The first shared run (or the whole text when they are equal), if any. */
function sharedProse(ours: string, theirs: string): string | undefined {
  if (words(ours).join(' ') === words(theirs).join(' ')) return ours;
  const mine = runs(ours);
  for (const r of runs(theirs)) if (mine.has(r)) return r;
  return undefined;
}

/** Literal value descriptions (we mostly have none) must be our own words too. */
function literalProse(what: string, ours: ValueSpace | undefined, theirs: ValueSpace | undefined): string[] {
  if (ours?.type !== 'Literal' || theirs?.type !== 'Literal') return [];
  const out: string[] = [];
  for (const v of ours.values) {
    const t = theirs.values.find(x => x.value === v.value);
    const hit = v.description && t?.description && sharedProse(v.description, t.description);
    if (hit) out.push(`${what} value ${v.value}: "${hit}"`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

describe('core schema', () => {
  const core = coreSchema();
  const counts = Object.fromEntries(NODE_KINDS.map(k => [k, core.nodes.filter(n => n.kind === k).length]));

  it('is memoised, labelled core, and has at least 150 nodes of every kind', () => {
    assert.equal(coreSchema(), core);
    assert.equal(core.version, 'core');
    assert.equal(core.source, 'core');
    assert.ok(core.nodes.length >= 150, `only ${core.nodes.length} nodes`);
    for (const k of NODE_KINDS) assert.ok(counts[k] > 0, `no ${k} nodes`);
  });

  it('has no duplicate nodes, and names that match each variant path', () => {
    const seen = new Set<string>();
    for (const n of core.nodes) {
      const key = nodeKey(n.kind, n.names);
      assert.ok(!seen.has(key), `duplicate ${key}`);
      seen.add(key);
      assert.equal(n.normPath, n.names.join(' '));
      for (const v of n.variants) assert.deepEqual(v.path.map(s => s.name), n.names, `${key}: path names`);
    }
  });

  it('contains every must-have node', () => {
    const index = new SchemaIndex(core);
    const missing = MUST_HAVE.filter(line => {
      const [kind, ...rest] = line.split(' ');
      return !index.lookup(kind as NodeKind, rest.join(' '));
    });
    assert.deepEqual(missing, [], `missing: ${missing.join(', ')}`);
  });

  it('describes every node in one short sentence', () => {
    for (const n of core.nodes) {
      const d = n.variants[0].description ?? '';
      assert.ok(d.length > 10 && d.length <= 160, `${n.kind} ${n.normPath}: description length ${d.length}`);
      assert.match(d, /^[A-Z].*\.$/, `${n.kind} ${n.normPath}: description should be a sentence`);
    }
  });

  it('models the shapes the emulator depends on', () => {
    const index = new SchemaIndex(core);
    const v = (kind: NodeKind, path: string) => index.lookup(kind, path)!.variants[0];
    assert.deepEqual(v('Event', 'Standby SecondsToStandby').bareValue, { type: 'Integer' });
    assert.equal(v('Command', 'Macros Macro Save').multiline, true);
    assert.equal(v('Command', 'UserInterface Extensions Panel Save').multiline, true);
    assert.equal(v('Command', 'HttpClient Post').multiline, true);
    assert.equal(v('Configuration', 'SIP Authentication Password').hidden, true);
    assert.deepEqual(v('Status', 'Call Status').path[0].index, { min: 1 });
    const connector = v('Command', 'Video Input SetMainVideoSource').params!.find(p => p.name === 'ConnectorId')!;
    assert.equal(connector.valueSpace.multiple, 4);
    assert.equal(v('Configuration', 'Audio DefaultVolume').default, '50');
  });

  it('parses the path notation of the DSL like the published loader does', () => {
    assert.deepEqual(parseSegments('Call[n] Status'), [{ name: 'Call', index: { min: 1 } }, { name: 'Status' }]);
    assert.deepEqual(parseSegments('Connector[1..5] Name')[0], { name: 'Connector', index: { min: 1, max: 5 } });
    assert.deepEqual(parseSegments('ARC[3] Mode')[0], { name: 'ARC', index: { min: 3, max: 3 } });
    assert.throws(() => parseSegments('Bad[x] Path'), /bad path segment/);
    assert.deepEqual(roles('AIRU'), ['Admin', 'Integrator', 'RoomControl', 'User']);
    assert.throws(() => roles('AX'), /unknown role letter 'X'/);
  });

  describe('against the published schemas', function () {
    this.timeout(120_000);
    const refs: Reference[] = [];

    before(async function () {
      // 11.27 is the reference; 26.4 and 10.19 cover nodes that changed between releases.
      for (const prefix of ['11.27', '26.4', '10.19']) {
        const label = PUBLISHED_VERSIONS.find(v => v.startsWith(prefix));
        const schema = label ? await publishedSchema(label) : undefined;
        if (schema) refs.push({ label: schema.version, index: new SchemaIndex(schema) });
      }
      // Skips with the shared one-line reason (printed once per version across files).
      if (!refs.some(r => r.label.startsWith('11.27'))) await requirePublished(this, '11.27.2.0');
    });

    it('agrees with a published variant on every fact of every node', () => {
      const problems = core.nodes.flatMap(n => nodeProblems(n, refs));
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });

    it('reports a wrong fact with the node and the difference', () => {
      const dial = core.nodes.find(n => n.kind === 'Command' && n.normPath === 'Dial')!;
      const v = dial.variants[0];
      const broken: SchemaNode = {
        ...dial,
        variants: [{
          ...v,
          params: v.params!.map(p => (p.name === 'CallRate' ? { ...p, valueSpace: { type: 'Integer', min: 64, max: 99999 } } : p)),
        }],
      };
      const [message] = nodeProblems(broken, refs);
      assert.match(message, /^Command Dial disagrees with .*param CallRate: Integer\(64\.\.99999\) vs published Integer\(64\.\.\d+\)/);
      const invented: SchemaNode = { ...dial, names: ['Dial', 'Twice'], normPath: 'Dial Twice' };
      assert.match(nodeProblems(invented, refs)[0], /^Command Dial Twice: not found/);
    });

    it('uses its own words: no description shares an eight-word run with the published one', () => {
      const reused: string[] = [];
      for (const n of core.nodes) {
        const ours = n.variants[0];
        for (const ref of refs) {
          const pub = ref.index.lookup(n.kind, n.normPath);
          if (!pub) continue;
          for (const theirs of pub.variants) {
            const hit = theirs.description && ours.description && sharedProse(ours.description, theirs.description);
            if (hit) reused.push(`${n.kind} ${n.normPath}: "${hit}"`);
            for (const p of ours.params ?? []) {
              const q = theirs.params?.find(x => x.name === p.name);
              const phit = p.description && q?.description && sharedProse(p.description, q.description);
              if (phit) reused.push(`${n.kind} ${n.normPath} param ${p.name}: "${phit}"`);
              reused.push(...literalProse(`${n.kind} ${n.normPath} param ${p.name}`, p.valueSpace, q?.valueSpace));
            }
            reused.push(...literalProse(`${n.kind} ${n.normPath}`, ours.valueSpace, theirs.valueSpace));
          }
        }
      }
      assert.deepEqual([...new Set(reused)], [], `\n${reused.join('\n')}`);
    });

    it('the prose check catches copied text', () => {
      assert.ok(sharedProse('Shows the number of seconds since the last restart of the device.',
        'Shows the number of seconds since the last restart of the device.'));
      assert.ok(sharedProse('Counter: the number of seconds since the last restart of this unit.',
        'Shows the number of seconds since the last restart of the device.'));
      assert.equal(sharedProse('Seconds since the device last started.',
        'Shows the number of seconds since the last restart of the device.'), undefined);
    });
  });
});
