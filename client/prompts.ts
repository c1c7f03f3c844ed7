/**
 * Every question and notification the extension puts to the user goes through this one object. In VS Code it is
 * `vscode.window`'s own functions; the extension-host tests replace it with a scripted user (a quick pick cannot
 * be answered through the API), which also lets them check what users were told — and that no password was in it.
 */
import * as vscode from 'vscode';

export interface Prompts {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showWarningMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** A modal warning with a detail text (confirmations). */
  confirm(message: string, detail: string, ...actions: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
}

export const windowPrompts: Prompts = {
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showInputBox: options => vscode.window.showInputBox(options),
  showInformationMessage: (m, ...a) => vscode.window.showInformationMessage(m, ...a),
  showWarningMessage: (m, ...a) => vscode.window.showWarningMessage(m, ...a),
  confirm: (m, detail, ...a) => vscode.window.showWarningMessage(m, { modal: true, detail }, ...a),
  showErrorMessage: (m, ...a) => vscode.window.showErrorMessage(m, ...a),
  showSaveDialog: options => vscode.window.showSaveDialog(options),
};

/** The prompts in use; tests swap them through the extension's API (`setPrompts`). */
export let prompts: Prompts = windowPrompts;

export function setPrompts(p: Prompts | undefined): void {
  prompts = p ?? windowPrompts;
}
