/**
 * The text side of the macro log, with no `vscode` in it so plain mocha tests it: how a `Macros Log` line reads,
 * its level, and where a line names a macro's line (`speaker.js:12:5`, `speaker:12`) for the log's links.
 */

/** The macro log channel of a device is named `xAPI Macros: DEVICE`. */
export function macroLogChannelName(device: string): string {
  return `${MACRO_LOG_PREFIX}${device}`;
}
const MACRO_LOG_PREFIX = 'xAPI Macros: ';

/**
 * Whether an `output:` document's path is one of our macro log channels. VS Code 1.100 gives a log channel the id
 * `${extensionId}.${name}` with the characters a file name cannot hold (`\/:*?"<>|`) removed from the name, and
 * that id is the path: `xapi-workbench.xapi-workbench.xAPI Macros Simulated Device`. So the path is our extension's
 * id, a dot and the prefix without its colon (and a device name without those characters either).
 */
export function isMacroLogChannelPath(path: string, extensionId: string): boolean {
  return path.startsWith(`${extensionId}.${logChannelFileName(MACRO_LOG_PREFIX)}`);
}

/** What VS Code keeps of a log channel's name in its id and log file name. */
export function logChannelFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '');
}

export interface MacroLogLine {
  readonly Level?: unknown;
  readonly Macro?: unknown;
  readonly Message?: unknown;
}

/** How one line reads in the channel: `[macro] message` (the channel adds the time and the level). */
export function formatLogLine(l: MacroLogLine): string {
  const macro = typeof l.Macro === 'string' && l.Macro ? `[${l.Macro}] ` : '';
  return `${macro}${String(l.Message ?? '')}`;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export function levelOf(level: unknown): LogLevel {
  switch (String(level ?? '').toUpperCase()) {
    case 'ERROR': case 'FATAL': return 'error';
    case 'WARN': case 'WARNING': return 'warn';
    case 'DEBUG': return 'debug';
    case 'TRACE': return 'trace';
    default: return 'info';
  }
}

export interface MacroRef {
  /** Offsets in the text: what the link underlines. */
  readonly start: number;
  readonly end: number;
  readonly macro: string;
  /** 1-based, as stack traces count. */
  readonly line: number;
  readonly column?: number;
}

/**
 * Where a log text names a macro's line: `name.js:12:5`, `name.js:12`, `name:12`, for the macro names the device
 * has (so `http://host:8080` or an unknown `other.js:3` is no link). The longest name wins, and a name only
 * matches whole: `ba.js:1` is not a reference to `a`.
 */
export function findMacroRefs(text: string, macros: readonly string[]): MacroRef[] {
  if (!macros.length) return [];
  const names = macros.map(m => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|');
  // Not after a name character, `/` or `.`: a path or URL ending in the name is some other file.
  const re = new RegExp(`(?<![\\w$./-])(${names})(?:\\.js)?:(\\d+)(?::(\\d+))?`, 'g');
  const out: MacroRef[] = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index!, end: m.index! + m[0].length, macro: m[1], line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) });
  }
  return out;
}

/** The fragment VS Code's opener reads as a position: `L12` or `L12,5`. */
export function lineFragment(ref: Pick<MacroRef, 'line' | 'column'>): string {
  return `L${ref.line}${ref.column ? `,${ref.column}` : ''}`;
}
