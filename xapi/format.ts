/**
 * Results and feedback as RoomOS terminal text (`*r DialResult (status=OK):`, `*s Audio Volume: 50`,
 * `*c xConfiguration SystemUnit Name: "Room"`, `*e UserInterface Extensions Widget Action WidgetId: "w1"`),
 * for the CLI and for logs. Lowercase keys are attributes (`id`, `ghost`, `status`) and not printed as leaves.
 */
import { FEEDBACK_KINDS, feedbackKindOfWord, KIND_KEYWORD, type FeedbackKind } from '../schema/kinds';
import { GHOST_KEY, GHOST_VALUE, type FeedbackParams, type PathSegment } from './protocol';

/** The terminal's mark for lines of each kind. */
const MARK: Readonly<Record<FeedbackKind, string>> = { Status: '*s', Configuration: '*c', Event: '*e' };

/** What the terminal prints after the mark: configurations name their keyword (`*c xConfiguration …`), the others start at the path. */
function linePrefix(kind: FeedbackKind): string[] {
  return kind === 'Configuration' ? [KIND_KEYWORD.Configuration] : [];
}

/** Literal-looking words print bare (`On`, `Connected`), numbers bare, everything else quoted. */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /^[A-Z][A-Za-z0-9_]*$/.test(s) ? s : '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function isAttr(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** Appends one line per leaf below `value`, each `<mark> <prefix…>: value`. */
export function flatten(mark: string, prefix: readonly PathSegment[], value: unknown, out: string[]): string[] {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && 'id' in item) {
        const p = [...prefix, (item as { id: number }).id];
        if ((item as Record<string, unknown>)[GHOST_KEY] === GHOST_VALUE) out.push(`${mark} ${p.join(' ')} (${GHOST_KEY}=${GHOST_VALUE}):`);
        else flatten(mark, p, item, out);
      } else flatten(mark, prefix, item, out);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (isAttr(k)) continue;
      flatten(mark, [...prefix, k], v, out);
    }
  } else {
    out.push(`${mark} ${prefix.join(' ')}: ${formatValue(value)}`);
  }
  return out;
}

/** The device terminal ends every answer (even an empty one, as after a set) with this line. */
export const END_OF_ANSWER = '** end';

/** An answer's lines as the terminal prints them: followed by `** end`. */
export function terminalAnswer(lines: readonly string[]): string[] {
  return [...lines, END_OF_ANSWER];
}

/** A command result's status (`OK`, or what the device says), as the terminal's `(status=…)` shows it. */
export function resultStatus(result: unknown): string {
  const status = (result as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : 'OK';
}

/** The leaves below a value (attributes and ghosts left out), each with its path below the value. */
export function leavesOf(value: unknown, prefix: readonly PathSegment[] = []): { path: PathSegment[]; value: unknown }[] {
  if (Array.isArray(value)) {
    return value.flatMap(item => (item !== null && typeof item === 'object' && 'id' in item
      ? ((item as Record<string, unknown>)[GHOST_KEY] === GHOST_VALUE ? [] : leavesOf(item, [...prefix, (item as { id: number }).id]))
      : leavesOf(item, prefix)));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).filter(([k]) => !isAttr(k)).flatMap(([k, v]) => leavesOf(v, [...prefix, k]));
  }
  return [{ path: [...prefix], value }];
}

/** `xCommand Audio Volume Set` result → `*r AudioVolumeSetResult (status=OK):` and its data lines. */
export function formatCommandResult(names: readonly PathSegment[], result: unknown): string[] {
  const name = names.join('') + 'Result';
  const out = [`*r ${name} (status=${resultStatus(result)}):`];
  if (result !== null && typeof result === 'object') flatten('*r', [name], result, out);
  else if (result !== undefined && result !== true) out.push(`*r ${name}: ${formatValue(result)}`);
  return out;
}

/** An xGet result at a rooted path (`['Status', 'Audio', 'Volume']`) as `*s …` / `*c xConfiguration …` lines. */
export function formatGetResult(path: readonly PathSegment[], result: unknown): string[] {
  const [root, ...rest] = path;
  // The root by the schema's rule (any case); a path with no known root prints as a status, as it always has.
  const kind = (typeof root === 'string' ? feedbackKindOfWord(root) : undefined) ?? 'Status';
  return flatten(MARK[kind], [...linePrefix(kind), ...rest], result, []);
}

/** A feedback notification, full path from the root. */
export function formatFeedback(params: Omit<FeedbackParams, 'Id'> & { Id?: number }): string[] {
  const out: string[] = [];
  for (const kind of FEEDBACK_KINDS) {
    const value = params[kind];
    if (value) flatten(MARK[kind], linePrefix(kind), value, out);
  }
  return out;
}
