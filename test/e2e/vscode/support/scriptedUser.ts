/**
 * A scripted user for the extension's prompts (client/prompts.ts). A quick pick or an input box cannot be answered
 * through the VS Code API, so this is the one boundary the extension tests replace: the extension itself still
 * runs for real. Answers are queued in order; input answers are checked by the box's own validateInput, and a
 * refused answer is recorded (tests assert on it) before the next queued answer is tried, as a user would retype.
 */
import type * as vscode from 'vscode';
import type { Prompts } from '../../../../client/prompts';
import { ourExtension } from './extension';

export type Kind = 'pick' | 'input' | 'info' | 'warning' | 'confirm' | 'error' | 'save';

export interface Asked {
  readonly kind: Kind;
  readonly text: string;
  readonly options: readonly string[];
  /** What the scripted user answered (undefined: dismissed). */
  readonly answer?: string;
  /** Messages validateInput gave for refused input answers. */
  readonly refused?: readonly string[];
}

type Answer = { kind: Kind; value: string | undefined | ((options: readonly string[]) => string | undefined) };

// Type-only: the running extension's own prompts module is what gets replaced; nothing of client/ is bundled here.
type PromptsLike = Prompts;

/** Strips codicons: `$(plug) Room` → `Room`. */
const plain = (label: string) => label.replace(/\$\([^)]*\)\s*/g, '').trim();

export class ScriptedUser implements PromptsLike {
  readonly asked: Asked[] = [];
  private readonly queue: Answer[] = [];

  /** Queues the answer to the next question of this kind (messages and confirmations: the action to press). */
  answer(kind: Kind, value: Answer['value']): this {
    this.queue.push({ kind, value });
    return this;
  }

  /** Everything shown, as one text (to check that no secret appears in it). */
  get transcript(): string {
    return this.asked.map(a => [a.text, ...a.options, a.answer ?? '', ...(a.refused ?? [])].join('\n')).join('\n');
  }

  messages(kind: Kind): string[] {
    return this.asked.filter(a => a.kind === kind).map(a => a.text);
  }

  private take(kind: Kind): Answer | undefined {
    const i = this.queue.findIndex(a => a.kind === kind);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private respond(kind: Kind, text: string, options: readonly string[]): string | undefined {
    const a = this.take(kind);
    const answer = a === undefined ? undefined : typeof a.value === 'function' ? a.value(options) : a.value;
    this.asked.push({ kind, text, options, answer });
    return answer;
  }

  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const labels = items.filter(i => i.kind !== -1).map(i => plain(i.label));
    const answer = this.respond('pick', options.title ?? options.placeHolder ?? '', labels);
    return answer === undefined ? undefined : items.find(i => plain(i.label) === answer);
  }

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const refused: string[] = [];
    for (;;) {
      const a = this.take('input');
      const value = a === undefined ? undefined : typeof a.value === 'function' ? a.value([]) : a.value;
      const problem = value === undefined ? undefined : await options.validateInput?.(value);
      const message = typeof problem === 'string' ? problem : problem?.message;
      if (message) { refused.push(`${value}: ${message}`); continue; }
      this.asked.push({ kind: 'input', text: options.title ?? options.prompt ?? '', options: [], answer: options.password ? '(secret)' : value, refused });
      return value;
    }
  }

  async showInformationMessage(message: string, ...actions: string[]) { return this.respond('info', message, actions); }
  async showWarningMessage(message: string, ...actions: string[]) { return this.respond('warning', message, actions); }
  async confirm(message: string, detail: string, ...actions: string[]) { return this.respond('confirm', `${message}\n${detail}`, actions); }
  async showErrorMessage(message: string, ...actions: string[]) { return this.respond('error', message, actions); }
  /** The answer is a file path (the test's temp file); the file URI is returned as the dialog would. */
  async showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    const answer = this.respond('save', options.title ?? options.saveLabel ?? '', Object.keys(options.filters ?? {}));
    return answer === undefined ? undefined : (await import('vscode')).Uri.file(answer);
  }
}

/** The running extension's API (its own module instances, not copies bundled into the test). */
export interface ExtensionApi {
  readonly ctx: any;
  setPrompts(p: PromptsLike | undefined): void;
}

export async function extensionApi(): Promise<ExtensionApi> {
  return (await ourExtension().activate()) as ExtensionApi;
}

/** Installs a fresh scripted user for the test; `restore` puts VS Code's dialogs back. */
export async function scriptedUser(): Promise<{ user: ScriptedUser; api: ExtensionApi; restore(): void }> {
  const api = await extensionApi();
  const user = new ScriptedUser();
  api.setPrompts(user);
  return { user, api, restore: () => api.setPrompts(undefined) };
}
