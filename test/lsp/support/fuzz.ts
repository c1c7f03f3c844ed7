/** Deterministic random documents and edits for the fuzz tests (seeded, so a failure can be replayed). */
import { Rng } from '../../support/rng';

export { rng } from '../../support/rng';
export type { Rng };

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Rng, n: number): number => Math.floor(r() * n);

const XAPI_WORDS = [
  'xCommand', 'xConfiguration', 'xStatus', 'xEvent', 'xFeedback', 'xcom', 'xconf', 'xstat', 'xComand', 'register', 'deregister', 'list',
  'Audio', 'Volume', 'Set', 'Level:', '50', '500', '-1', 'Dial', 'Number:', '"123"', '"unterminated', 'CallType:', 'Video', 'Vidio',
  'Macros', 'Macro', 'Save', 'Name:', 'Call[3]', 'Call[', 'Camera[9]', 'Cameras', 'Camera', 'Whitebalance', 'Mode:', 'Auto', '/Status/Audio',
  'DefaultVolume:', 'SystemUnit', 'Name', ':', '.', '#', '# comment', '[', ']', '"', '\\"', 'Status', 'é', '😀', '\t', '',
];

export function randomXapi(r: Rng): string {
  const lines: string[] = [];
  const count = 1 + int(r, 12);
  for (let i = 0; i < count; i++) {
    if (r() < 0.1) { lines.push('.'); continue; }
    const words = 1 + int(r, 7);
    const parts: string[] = [];
    for (let w = 0; w < words; w++) parts.push(pick(r, XAPI_WORDS));
    lines.push(parts.join(r() < 0.9 ? ' ' : ''));
  }
  return lines.join(pick(r, ['\n', '\n', '\n', '\r\n']));
}

const MACRO_SNIPPETS = [
  "import xapi from 'xapi';\n", "const xapi = require('xapi');\n", "import * as x from 'xapi';\n",
  'xapi.Command.Audio.Volume.Set({ Level: 50 });\n', "xapi.Command.Dial({ Number: '1', CallType: 'Video' });\n",
  'xapi.Status.Audio.Volume.get().then(v => console.log(v));\n', 'xapi.Status.Call[3].Status.on(s => s);\n',
  "xapi.status.get('Audio Volume');\n", "xapi.config.set('Audio DefaultVolume', 50);\n", "xapi.command('Audio Volume Set', { Level: 500 });\n",
  "xapi.event.on('UserInterface Extensions Widget Action', e => {});\n", 'xapi.Config.Audio.DefaultVolume.set(70);\n',
  "xapi.feedback.on('/Status/Audio/Volume', v => v);\n", 'async function main(): Promise<void> {\n  const v = await xapi.Status.Audio.Volume.get();\n}\n',
  'function f(a, b) { return a + b; }\n', 'const t = `x ${xapi.Status.Audio.Volume} y`;\n', 'class A { m() { xapi.Event.CallDisconnect.on(() => {}); } }\n',
  'xapi.Event.CallDisconnect.on(e => e.', "xapi.event.on('UserInterface Extensions', e => { e.Widget.", 'xapi.Status.Audio.on(s => s.',
  'xapi.Command.', 'xapi.Command.Dial({ Nu', "xapi.status.get('Audio Vo", 'xapi.Config.', "xapi.command('", 'xapi[', 'xapi.Status.Call[',
  '/* comment */\n', '// line comment\n', '{', '}', '(', ')', "'", '"', '`', '<div>', ';', ',', '...p', 'xapi', '.', '?.', '=>',
];

export function randomMacro(r: Rng): string {
  let s = '';
  const count = 1 + int(r, 10);
  for (let i = 0; i < count; i++) s += pick(r, MACRO_SNIPPETS);
  // Half-typed: cut at a random place, sometimes.
  if (r() < 0.5) s = s.slice(0, int(r, s.length + 1));
  return s;
}

/** A random edit: replace a random span with random text (from the same generator or single characters). */
export function randomEdit(r: Rng, text: string, gen: (r: Rng) => string): { start: number; end: number; insert: string } {
  const start = int(r, text.length + 1);
  const end = Math.min(text.length, start + int(r, 20));
  const insert = r() < 0.5 ? gen(r).slice(0, int(r, 30)) : pick(r, ['', 'x', '.', ' ', '\n', '(', '{', "'", ':', 'a', 'Volume', '[1]']);
  return { start, end, insert };
}

export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}
