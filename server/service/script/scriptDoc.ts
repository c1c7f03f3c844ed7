/**
 * One open `.xapi` document: its lines and its xCLI tree, kept up to date incrementally. An update finds
 * the changed line block (equal lines at both ends are skipped) and lets `reparseXcli` re-parse only the
 * statements the edit can touch. `parsedLines` counts the lines parsed afresh — the work measure tests
 * assert on, instead of timing.
 */
import type { SchemaIndex } from '../../../schema/schemaIndex';
import { arraySource, parseStatementsFrom, reparseXcli, splitLines, XcliDocument, XcliParseOptions } from '../../../schema/xcli';

export function parseOptions(index: SchemaIndex): XcliParseOptions {
  return {
    isMultiline: names => {
      const node = index.lookup('Command', names);
      return node ? node.variants.some(v => v.multiline) : undefined;
    },
  };
}

export class ScriptDoc {
  lines: string[] = [];
  offsets: number[] = [];
  doc: XcliDocument = { lines: [], lineCount: 0 };
  text = '';
  version = -1;
  /** Lines parsed by the last update, and by all updates so far. */
  lastParsedLines = 0;
  totalParsedLines = 0;

  constructor(private readonly options: XcliParseOptions) {}

  update(text: string, version: number): void {
    if (text === this.text && this.version >= 0) { this.version = version; return; }
    const { lines, offsets } = splitLines(text);
    const source = arraySource(lines, offsets);
    if (this.version < 0 || this.doc.lines.length === 0) {
      this.doc = { lines: parseStatementsFrom(source, 0, this.options), lineCount: lines.length };
      this.lastParsedLines = lines.length;
    } else {
      const old = this.lines;
      let pre = 0;
      const max = Math.min(old.length, lines.length);
      while (pre < max && old[pre] === lines[pre]) pre++;
      let suf = 0;
      while (suf < max - pre && old[old.length - 1 - suf] === lines[lines.length - 1 - suf]) suf++;
      const edit = { startLine: pre, oldEndLine: old.length - suf, newLineCount: lines.length - suf - pre };
      const r = reparseXcli(this.doc, source, edit, this.options);
      this.doc = r.doc;
      this.lastParsedLines = r.lines;
    }
    this.totalParsedLines += this.lastParsedLines;
    this.lines = lines;
    this.offsets = offsets;
    this.text = text;
    this.version = version;
  }
}
