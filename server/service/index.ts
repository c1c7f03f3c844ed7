/** The editor-neutral language service (no LSP imports): see languageService.ts. */
export * from './types';
export { LanguageService, languageOf, LanguageServiceOptions, WorkCounters, DocumentLanguage } from './languageService';
export {
  type ClientCompletionList, type ClientCompletionSupport, completionForClient, expandItemDefaults, factorChildData, withItemDefaults, withoutSnippets,
} from './items';
