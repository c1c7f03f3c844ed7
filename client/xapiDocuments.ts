/**
 * Which documents are the language server's business: `.xapi` scripts, `.panel.xml` panels, macros on a device (`xapi-macro:`), and
 * JavaScript/TypeScript that imports or requires `xapi`. The extension activates on any JS/TS file (activation events
 * cannot look inside one), so this is what keeps an unrelated JS project from paying for a server process: the server
 * starts on the first such document, and only such documents are sent to it. No `vscode` here: plain Node tests it.
 */

import { PANEL_LANGUAGE_ID } from '../schema/panels/language';

/** The URI scheme of a device's macros (client/macros/macroFs.ts). */
export const MACRO_SCHEME = 'xapi-macro';
/** The URI scheme of a device's UI extension panels (client/views/panels/panelFs.ts). */
export const PANEL_SCHEME = 'xapi-panel';

/** `import … from 'xapi'`, `import 'xapi'`, `import('xapi')`, `require('xapi')`, with either quote. */
const USES_XAPI = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])xapi\1/;

export interface DocumentLike {
  readonly languageId: string;
  readonly uri: { readonly scheme: string };
  getText(): string;
}

export function isXapiDocument(doc: DocumentLike): boolean {
  if (doc.languageId === 'xapi' || doc.languageId === PANEL_LANGUAGE_ID || doc.uri.scheme === MACRO_SCHEME) return true;
  return /^(java|type)script(react)?$/.test(doc.languageId) && USES_XAPI.test(doc.getText());
}
