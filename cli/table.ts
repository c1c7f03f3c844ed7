/** A table for the terminal: columns padded to their widest cell, the last one left as it is. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (!rows.length) return '';
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}
