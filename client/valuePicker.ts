/**
 * Asking the user for one value of a value space: literals as a list, integers and strings in an input box
 * validated as they type by the schema's own rule (schema/valueCheck.ts), so what is accepted here is what the
 * language server and the simulated device accept.
 */
import * as vscode from 'vscode';
import type { IndexRange, ValueSpace } from '../schema/model';
import { acceptedValue, checkValue, describeValueSpace } from '../schema/valueCheck';
import { prompts } from './prompts';

export const SKIP = Symbol('skip');

export interface AskValue {
  readonly title: string;
  readonly valueSpace: ValueSpace;
  /** Offer "(leave out)" first: for optional parameters. */
  readonly optional?: boolean;
  readonly current?: string | number;
  readonly defaultValue?: string;
  readonly description?: string;
}

/** The accepted value (typed as the device keeps it), SKIP when left out, undefined when cancelled. */
export async function askValue(a: AskValue): Promise<string | number | typeof SKIP | undefined> {
  const vs = a.valueSpace;
  if (vs.type === 'Literal') {
    type Item = vscode.QuickPickItem & { value: string | typeof SKIP };
    const items: Item[] = [
      ...(a.optional ? [{ label: '(leave out)', description: a.defaultValue !== undefined ? `the device uses ${a.defaultValue}` : undefined, value: SKIP } as Item] : []),
      ...vs.values.map(v => ({
        label: v.value,
        description: [v.value === String(a.current) ? 'current' : '', v.value === a.defaultValue ? 'default' : ''].filter(Boolean).join(', ') || undefined,
        detail: v.description,
        value: v.value,
      })),
    ];
    const pick = await prompts.showQuickPick(items, { title: a.title, placeHolder: a.description, ignoreFocusOut: true, matchOnDetail: true });
    return pick?.value;
  }
  const text = await prompts.showInputBox({
    title: a.title,
    prompt: `${describeValueSpace(vs)}${a.optional ? ' — leave empty to leave it out' : ''}${a.description ? `. ${a.description}` : ''}`,
    value: a.current !== undefined ? String(a.current) : a.defaultValue,
    ignoreFocusOut: true,
    validateInput: v => {
      if (a.optional && v === '') return undefined;
      const r = checkValue(vs, v);
      return r.ok ? undefined : `${r.reason}${r.suggestion !== undefined ? ` (try ${r.suggestion})` : ''}`;
    },
  });
  if (text === undefined) return undefined;
  if (a.optional && text === '') return SKIP;
  return acceptedValue(vs, text);
}

/** An index for `Connector[1..5]`-style segments, validated against the range. */
export async function askIndex(segment: string, range: IndexRange): Promise<number | undefined> {
  const text = await prompts.showInputBox({
    title: `${segment}: which one?`,
    prompt: range.max !== undefined ? `${range.min}..${range.max}` : `${range.min} or more`,
    value: String(range.min),
    ignoreFocusOut: true,
    validateInput: v => {
      const n = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!Number.isSafeInteger(n)) return 'Enter a whole number';
      if (n < range.min || (range.max !== undefined && n > range.max)) return `Outside ${range.min}..${range.max ?? ''}`;
      return undefined;
    },
  });
  return text === undefined ? undefined : Number(text.trim());
}
