/**
 * A parsed xCLI statement as the request it stands for (`xStatus Audio Volume` → get Status/Audio/Volume,
 * `xCommand Dial Number: "x"` → command Dial {Number}), shared by the CLI (`xapi run`, `xapi repl`) and the
 * extension's Run lens. Pure: the caller passes the schema index it trusts (the device's, or the core one),
 * which decides multiline commands and which values are numbers. Nothing here knows of the wire.
 */
import type { SchemaIndex } from '../schemaIndex';
import { shownText } from '../shownText';
import type { XcliPathStatement, XcliStatement } from './ast';
import { parseXcli } from './parser';
import { multilineFromIndex } from './validate';

/** A path segment as the device takes it: a name or an index (`['Status', 'Call', 3, 'Status']`). */
export type XcliRequestPath = Array<string | number>;

export type XcliRequest =
  | { kind: 'command'; names: string[]; params: Record<string, unknown>; body?: string }
  | { kind: 'get'; path: XcliRequestPath }
  | { kind: 'set'; path: XcliRequestPath; value: string | number }
  | { kind: 'register'; path: XcliRequestPath }
  | { kind: 'deregister'; path: XcliRequestPath }
  | { kind: 'none' };

/**
 * A statement that stands for no request (not an xAPI line, a status set, …); the message is one line. Text it
 * echoes from the script goes through shownText: `xapi run`/`xapi repl` print the message to a terminal.
 */
export class XcliRequestError extends Error {
  override readonly name = 'XcliRequestError';
}

function segmentsToPath(stmt: { segments: XcliPathStatement['segments'] }): XcliRequestPath {
  const out: XcliRequestPath = [];
  for (const s of stmt.segments) {
    out.push(s.name.text);
    for (const ix of s.indexes) if (ix.value !== undefined) out.push(ix.value);
  }
  return out;
}

const INTEGER = /^-?\d+$/;

/** The request a statement stands for; throws XcliRequestError with a one-line reason. */
export function statementToRequest(stmt: XcliStatement, index: SchemaIndex): XcliRequest {
  switch (stmt.type) {
    case 'blank': case 'comment': return { kind: 'none' };
    case 'unknown': throw new XcliRequestError(`not an xAPI line: ${shownText(stmt.tokens.map(t => t.text).join(' '))}`);
    case 'feedback': {
      const path = segmentsToPath(stmt);
      if (stmt.action === 'register') return { kind: 'register', path };
      if (stmt.action === 'deregister') return { kind: 'deregister', path };
      throw new XcliRequestError(`xFeedback ${shownText(stmt.actionToken?.text ?? '')}: only register and deregister are supported here`);
    }
    case 'event': throw new XcliRequestError('xEvent lines list events on the terminal; use `xapi watch URL Event …` to follow events');
    case 'status': {
      if (stmt.assign) throw new XcliRequestError('a status cannot be set');
      return { kind: 'get', path: ['Status', ...segmentsToPath(stmt)] };
    }
    case 'configuration': {
      const path: XcliRequestPath = ['Configuration', ...segmentsToPath(stmt)];
      if (!stmt.assign) return { kind: 'get', path };
      const v = stmt.assign.value;
      if (!v) throw new XcliRequestError(`xConfiguration ${shownText(path.slice(1).join(' '))}: missing value after ':'`);
      const node = index.lookup('Configuration', path.filter((p): p is string => typeof p === 'string').slice(1));
      const vs = node && index.variantFor(node)?.valueSpace;
      return { kind: 'set', path, value: vs?.type === 'Integer' && INTEGER.test(v.value) ? Number(v.value) : v.value };
    }
    case 'command': {
      const names = stmt.segments.map(s => s.name.text);
      const node = index.lookup('Command', names);
      const spec = node && index.variantFor(node)?.params;
      const params: Record<string, unknown> = {};
      for (const p of stmt.params) {
        if (!p.value) throw new XcliRequestError(`xCommand ${shownText(names.join(' '))}: parameter ${shownText(p.name.text)} has no value`);
        const ps = spec?.find(x => x.name.toLowerCase() === p.name.text.toLowerCase());
        // Without a schema entry, an unquoted whole number is taken as a number (what the device would do).
        const numeric = ps ? ps.valueSpace.type === 'Integer' : !p.value.quoted;
        const val: unknown = numeric && INTEGER.test(p.value.value) ? Number(p.value.value) : p.value.value;
        const key = ps?.name ?? p.name.text;
        const prev = params[key];
        params[key] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
      }
      const body = stmt.body ? stmt.body.lines.map(l => l.text).join('\n') : undefined;
      return { kind: 'command', names, params, ...(body !== undefined ? { body } : {}) };
    }
  }
}

/** The statements of a script (one line or many), multiline commands decided by the schema. */
export function parseStatements(text: string, index: SchemaIndex): XcliStatement[] {
  return parseXcli(text, { isMultiline: multilineFromIndex(index) }).lines;
}

/**
 * Whether `text` ends inside a multiline command that still waits for its body or the lone `.` ending it:
 * an interactive reader keeps reading lines until this is false.
 */
export function awaitsBody(text: string, index: SchemaIndex): boolean {
  const statements = parseStatements(text, index);
  const last = [...statements].reverse().find(s => s.type !== 'blank');
  if (!last || last.type !== 'command') return false;
  if (last.body) return !last.body.terminator;
  return multilineFromIndex(index)(last.segments.map(s => s.name.text)) === true;
}
