/**
 * `Macros Log` lines as they come, into one LogOutputChannel per device with their levels; and links from a
 * log line that names a macro and a line (`speaker.js:12:5`, `speaker:12`) to that line of the device's copy.
 */
import * as vscode from 'vscode';
import { macroUri } from './macroFs';

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

const RECENT = 500;

export class MacroLogs implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  private readonly recentLines = new Map<string, Array<{ level: LogLevel; text: string }>>();

  /** The channel of a device, made on first use and kept for the window's life (reconnects append to it). */
  channel(device: string): vscode.LogOutputChannel {
    let c = this.channels.get(device);
    if (!c) {
      c = vscode.window.createOutputChannel(`xAPI Macros: ${device}`, { log: true });
      this.channels.set(device, c);
    }
    return c;
  }

  append(device: string, line: MacroLogLine): void {
    const level = levelOf(line.Level);
    const text = formatLogLine(line);
    this.channel(device)[level](text);
    const recent = this.recentLines.get(device) ?? [];
    recent.push({ level, text });
    if (recent.length > RECENT) recent.splice(0, recent.length - RECENT);
    this.recentLines.set(device, recent);
  }

  /** The last lines written to a device's channel (an output channel cannot be read back through the API). */
  recent(device: string): ReadonlyArray<{ level: LogLevel; text: string }> {
    return this.recentLines.get(device) ?? [];
  }

  dispose(): void { for (const c of this.channels.values()) c.dispose(); }
}

/** Where a log text names a macro's line: `name.js:12:5`, `name:12`, for the macro names the device has. */
export function findMacroRefs(text: string, macros: readonly string[]): Array<{ start: number; end: number; macro: string; line: number; column?: number }> {
  if (!macros.length) return [];
  const names = macros.map(m => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`\\b(${names})(?:\\.js)?:(\\d+)(?::(\\d+))?`, 'g');
  const out: Array<{ start: number; end: number; macro: string; line: number; column?: number }> = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index!, end: m.index! + m[0].length, macro: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined });
  }
  return out;
}

/** Links in the macro log channels to the named line of the device's macro. */
export class MacroLogLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly known: () => { device: string; macros: readonly string[] } | undefined) {}

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const k = this.known();
    if (!k) return [];
    const text = doc.getText();
    return findMacroRefs(text, k.macros).map(r => {
      const target = macroUri(k.device, r.macro).with({ fragment: `L${r.line}${r.column ? `,${r.column}` : ''}` });
      const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), target);
      link.tooltip = `Open ${r.macro} at line ${r.line}`;
      return link;
    });
  }
}
