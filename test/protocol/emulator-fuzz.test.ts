/**
 * Fuzz: 10,000 malformed or random frames from a seeded PRNG over a real socket. The server must not crash
 * and must answer every frame that expects an answer with the right error (computed here independently
 * from the envelope rules of §2/§12.1), in order, and nothing for notifications.
 */
import assert from 'node:assert/strict';
import { harness, Harness, RawClient } from './emulator-support';
import { rng as mulberry32 } from '../support/rng';


const METHODS = [
  'xGet', 'xQuery', 'xSet', 'xFeedback/Subscribe', 'xFeedback/Unsubscribe', 'xDoc', 'xget', 'XQUERY',
  'xCommand/Audio/Volume/Set', 'xCommand/Dial', 'xCommand/Standby/Activate', 'xCommand/Call/Disconnect',
  'xCommand/UserInterface/Message/Alert/Display', 'xCommand/Macros/Macro/Save', 'xCommand/Nope', 'xCommand/',
  'xFoo', '', 'xCommand', 'xFeedback/Event', 'xCommand/Audio//Volume',
];
const WORDS = ['Status', 'Configuration', 'Event', 'Command', 'Audio', 'Volume', 'Call', 'SystemUnit', '**', 'Nope', 'Level', 'Number', 'body', 'Text', 'Path', 'Query', 'Value', 'Id'];

function gen(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (n: number) => Math.floor(rand() * n);
  const value = (depth: number): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0: return int(200) - 50;
      case 1: return pick(WORDS);
      case 2: return rand() < 0.5;
      case 3: return null;
      case 4: return rand() * 1e6;
      case 5: return Array.from({ length: int(4) }, () => value(depth + 1));
      case 6: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(WORDS), value(depth + 1)]));
      default: return 'x'.repeat(int(300));
    }
  };
  const kind = int(10);
  if (kind === 0) return Array.from({ length: int(60) }, () => String.fromCharCode(int(0xd7ff))).join('');
  if (kind === 1) return JSON.stringify(value(0));
  const msg: Record<string, unknown> = {};
  if (rand() < 0.9) msg.jsonrpc = rand() < 0.95 ? '2.0' : pick(['1.0', 2, null]);
  if (rand() < 0.85) msg.id = pick([int(1e6), `s${int(1000)}`, null, { a: 1 }, [1], true, 1.5]);
  if (rand() < 0.95) msg.method = rand() < 0.95 ? pick(METHODS) : value(1);
  if (rand() < 0.8) {
    const p: Record<string, unknown> = rand() < 0.1 ? (value(1) as Record<string, unknown>) : {};
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      if (rand() < 0.5) p[pick(['Path', 'Query'])] = Array.from({ length: int(5) }, () => (rand() < 0.8 ? pick(WORDS) : int(4)));
      for (let i = int(3); i > 0; i--) p[pick(WORDS)] = value(1);
    }
    msg.params = p;
  }
  let text = JSON.stringify(msg);
  if (kind === 2) text = text.slice(0, int(text.length)); // truncated JSON
  return text;
}

type Expect = { id: unknown; codes: number[] | 'any' } | undefined;

const KNOWN = ['xget', 'xquery', 'xset', 'xfeedback/subscribe', 'xfeedback/unsubscribe', 'xdoc'];
const ALLOWED_CODES = [1, -32600, -32601, -32602, -32603, -31999, -31998];

function expectFor(text: string): Expect {
  let msg: any;
  try { msg = JSON.parse(text); } catch { return { id: null, codes: [-32700] }; }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return { id: null, codes: [-32600] };
  const hasId = 'id' in msg;
  const idOk = msg.id === null || typeof msg.id === 'string' || (typeof msg.id === 'number' && Number.isFinite(msg.id));
  if (hasId && !idOk) return { id: null, codes: [-32600] };
  if (typeof msg.method !== 'string' || msg.jsonrpc !== '2.0') return { id: hasId ? msg.id : null, codes: [-32600] };
  if (!hasId) return undefined;
  if (msg.params !== undefined && (msg.params === null || typeof msg.params !== 'object' || Array.isArray(msg.params))) return { id: msg.id, codes: [-32602] };
  const m = msg.method.toLowerCase();
  if (KNOWN.includes(m) || m.startsWith('xcommand/')) return { id: msg.id, codes: 'any' };
  return { id: msg.id, codes: [-32601] };
}

describe('emulator fuzz (10,000 frames, seeded)', () => {
  let h: Harness;
  before(async () => { h = await harness(); });
  after(() => h.stop());

  it('never crashes and answers each answerable frame with the right error, in order', async () => {
    const rand = mulberry32(0x5eed);
    const c = await RawClient.open(h.emu.url);
    const frames = Array.from({ length: 10_000 }, () => gen(rand));
    const expected = frames.map(expectFor).filter((e): e is NonNullable<Expect> => e !== undefined);
    for (const f of frames) c.sendRaw(f);
    const answers = () => c.messages.filter(m => m.method !== 'xFeedback/Event');
    while (answers().length < expected.length) await c.waitFor(m => m.method !== 'xFeedback/Event');
    await c.sync();
    const got = answers().slice(0, expected.length);
    let errors = 0;
    expected.forEach((e, i) => {
      const r = got[i];
      assert.deepEqual(r.id, e.id, `answer ${i} to ${JSON.stringify(r)}`);
      assert.equal(r.jsonrpc, '2.0');
      if (e.codes !== 'any') {
        assert.ok(r.error, `answer ${i} should be an error: ${JSON.stringify(r)}`);
        assert.ok(e.codes.includes(r.error.code), `answer ${i}: ${JSON.stringify(r)} expected ${e.codes}`);
      } else if (r.error) {
        assert.ok(ALLOWED_CODES.includes(r.error.code), JSON.stringify(r));
        assert.equal(typeof r.error.message, 'string');
        assert.ok(!('result' in r));
      }
      if (r.error) errors++;
    });
    assert.ok(errors > 5000, `mostly errors (${errors})`);
    assert.equal(got.filter(r => r.error?.code === -32603).length, 0, 'no internal errors');
    assert.equal((await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).error, undefined);
    c.close();
  });
});
