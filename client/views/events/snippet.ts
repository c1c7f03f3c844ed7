/**
 * An event row as the start of a RoomOS macro: the typed `xapi.Event.….on(event => …)` listener for its path,
 * with a condition on the fields that identify it (at most two plain, non-empty fields) and the received
 * payload as a comment, so the user pastes it and edits the body.
 */
import type { EventRow } from './messages';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_CONDITIONS = 2;

function access(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${quote(name)}]`;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? quote(v) : String(v);
}

export function macroSnippet(row: Pick<EventRow, 'path' | 'payload'>): string {
  const names = row.path.split(' ').filter(Boolean);
  const target = `xapi.Event${names.map(access).join('')}`;
  const conditions: string[] = [];
  const payload = row.payload;
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    for (const [k, v] of Object.entries(payload)) {
      if (conditions.length >= MAX_CONDITIONS) break;
      if (k === 'id') continue; // the device's item marker, the same in every event
      if ((typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean') conditions.push(`event${access(k)} === ${literal(v)}`);
    }
  } else if (typeof payload === 'string' || typeof payload === 'number' || typeof payload === 'boolean') {
    conditions.push(`event === ${literal(payload)}`);
  }
  const example = JSON.stringify(payload) ?? 'undefined';
  const body = conditions.length
    ? [`  if (${conditions.join(' && ')}) {`, `    console.log(${quote(names.join(' '))}, event);`, '  }']
    : [`  console.log(${quote(names.join(' '))}, event);`];
  return [
    "import xapi from 'xapi';",
    '',
    `// Received: ${example.length > 200 ? `${example.slice(0, 200)}…` : example}`,
    `${target}.on(event => {`,
    ...body,
    '});',
    '',
  ].join('\n');
}
