/** Cursor-marker fixtures: `xStatus Audio Vol|` → the text without `|` and the cursor position. */
export interface Marked { text: string; line: number; character: number; offset: number }

export function marked(src: string, marker = '|'): Marked {
  const offset = src.indexOf(marker);
  if (offset < 0) throw new Error(`fixture has no ${marker} marker: ${src}`);
  const text = src.slice(0, offset) + src.slice(offset + marker.length);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { text, offset, line: before.length - 1, character: before[before.length - 1].length };
}

/** Applies LSP-style text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
