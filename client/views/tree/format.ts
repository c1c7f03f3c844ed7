/** How a leaf's value reads in a tree: numbers and words bare, other text quoted, lists joined, nothing as a dash. */
export function leafText(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? '""' : /^[\w.:@/+-]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return value.map(leafText).join(', ');
  return JSON.stringify(value);
}
