/** The editor-neutral language service (no LSP imports): see languageService.ts. */
export * from './types';
export { LanguageService, languageOf, LanguageServiceOptions, WorkCounters, DocumentLanguage } from './languageService';
export { expandItemDefaults, factorChildData } from './items';
