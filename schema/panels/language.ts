/** The editor's language id of UI extension panel files (`*.panel.xml`): the extension and the language server both use it. */
export const PANEL_LANGUAGE_ID = 'xapi-panel';
/** Panel files by name. */
export const PANEL_FILE = /\.panel\.xml$/i;
