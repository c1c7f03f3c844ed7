/**
 * `Macros Log` lines as they come, into one LogOutputChannel per device with their levels; and links from a
 * log line that names a macro and a line (`speaker.js:12:5`, `speaker:12`) to that line of the device's copy.
 */
import * as vscode from 'vscode';
import { macroUri } from './macroFs';
import { findMacroRefs, formatLogLine, isMacroLogChannelPath, levelOf, lineFragment, macroLogChannelName, type LogLevel, type MacroLogLine } from './logText';

const RECENT = 500;

export class MacroLogs implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  private readonly recentLines = new Map<string, Array<{ level: LogLevel; text: string }>>();

  /** The channel of a device, made on first use and kept for the window's life (reconnects append to it). */
  channel(device: string): vscode.LogOutputChannel {
    let c = this.channels.get(device);
    if (!c) {
      c = vscode.window.createOutputChannel(macroLogChannelName(device), { log: true });
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

/**
 * Links in the macro log channels to the named line of the device's macro. `known` gives the connected device
 * and its macro names (read from the device when not known yet), so only names the device has become links.
 */
export class MacroLogLinks implements vscode.DocumentLinkProvider {
  /** `extensionId`: ours (`publisher.name`), the start of our channels' ids. */
  constructor(private readonly known: () => Promise<{ device: string; macros: readonly string[] } | undefined>, private readonly extensionId: string) {}

  async provideDocumentLinks(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    // Of the output channels only the macro logs (their document's path is the channel's id); log files of any kind.
    if (doc.uri.scheme === 'output' && !isMacroLogChannelPath(doc.uri.path, this.extensionId)) return [];
    const k = await this.known().catch(() => undefined);
    if (!k) return [];
    return findMacroRefs(doc.getText(), k.macros).map(r => {
      const target = macroUri(k.device, r.macro).with({ fragment: lineFragment(r) });
      const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), target);
      link.tooltip = `Open ${r.macro} at line ${r.line}`;
      return link;
    });
  }
}
