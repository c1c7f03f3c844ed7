/**
 * Everything the language service needs from the macro side, behind one module so that the service can
 * load it (and with it the TypeScript parser, ~0.4 s) only when the first macro is opened.
 */
export { analyzeMacro, parseMacro, scriptKindFor } from './analyze';
export type { MacroAnalysis } from './analyze';
export { convertStyleAction, macroSignature } from './actions';
export { macroCompletion } from './completion';
export { macroDiagnostics } from './diagnostics';
export { macroHover } from './hover';
export { macroPanelCompletion, macroPanelDiagnostics, macroPanelHover } from './panels';
