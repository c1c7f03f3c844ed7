/**
 * Removes credentials from traced frames by their place, not their text: the value of a credential field
 * (`NewPassphrase`, `Password`, …), the value of an xSet to a credential configuration, and the credentials of an
 * `Authorization` header or `auth-` sub-protocol. Searching for the password's text instead would mangle frames
 * (password `1` turns `"id":1` into `"id":***`) and tell the reader what the password is.
 */
import { AUTH_SUBPROTOCOL_PREFIX, Method } from './protocol';

/** A function that removes credentials from a text (for traces). */
export type Redactor = (text: string) => string;

export const REDACTED = '***';

/**
 * Field names and configuration leaves that hold a credential, as the published schemas spell them
 * (`Password`, `BindPassword`, `NewPassphrase`, `OldPassphrase`, `MeetingPasscode`, `Pin`, `GuestToken`, …).
 * Anchored at the end so `PasswordPolicy` or `PassphraseChangeRequired` stay readable.
 */
const SECRET_NAME = /(password|passphrase|passcode|secret|pin|token)$/i;

/** HTTP header lines that carry credentials (e.g. the `Header` parameter of `xCommand HttpClient Post`). */
const SECRET_HEADER = /^(\s*(?:proxy-)?authorization\s*:\s*)(?:(basic|bearer|digest)\s+)?.*$/i;
const CREDENTIAL_TEXT = new RegExp(
  `((?:proxy-)?authorization\\s*:\\s*(?:basic|bearer|digest)\\s+)[^\\s"',;]+|(${AUTH_SUBPROTOCOL_PREFIX})[A-Za-z0-9_+/=-]+`, 'gi');

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function redactHeaderLine(s: string): string {
  const m = SECRET_HEADER.exec(s);
  return m ? `${m[1]}${m[2] ? m[2] + ' ' : ''}${REDACTED}` : s;
}

/** Walks a parsed frame; returns the same object when nothing needed hiding. */
function redactValue(v: unknown): unknown {
  if (typeof v === 'string') return redactHeaderLine(v);
  if (Array.isArray(v)) {
    const out = v.map(redactValue);
    return out.some((x, i) => x !== v[i]) ? out : v;
  }
  if (!v || typeof v !== 'object') return v;
  let out: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(v)) {
    const y = isSecretName(k) && (typeof x === 'string' || typeof x === 'number') && x !== '' ? REDACTED : redactValue(x);
    if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = y;
  }
  return out ?? v;
}

/** `xSet` of a credential configuration (`NetworkServices SMTP Password`): its Value is the secret. */
function redactSet(frame: Record<string, unknown>): Record<string, unknown> {
  const params = frame.params as { Path?: unknown; Value?: unknown } | undefined;
  if (frame.method !== Method.Set || !params || !Array.isArray(params.Path) || params.Value === undefined) return frame;
  const leaf = [...params.Path].reverse().find(s => typeof s === 'string');
  return typeof leaf === 'string' && isSecretName(leaf) ? { ...frame, params: { ...params, Value: REDACTED } } : frame;
}

/** The redactor every client uses for its trace. A frame that needs no change is returned as it came. */
export const redactCredentials: Redactor = text => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.replace(CREDENTIAL_TEXT, (_m, header: string | undefined, auth: string | undefined) => `${header ?? auth}${REDACTED}`);
  }
  if (!parsed || typeof parsed !== 'object') return text;
  const frames = Array.isArray(parsed) ? parsed : [parsed];
  const out = frames.map(f => (f && typeof f === 'object' && !Array.isArray(f) ? redactValue(redactSet(f as Record<string, unknown>)) : f));
  if (out.every((f, i) => f === frames[i])) return text;
  return JSON.stringify(Array.isArray(parsed) ? out : out[0]);
};
