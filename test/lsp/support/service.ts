/** Driving the language service directly (no LSP): documents from cursor-marker fixtures. */
import { SchemaIndex } from '../../../schema/schemaIndex';
import { core } from '../../../schema/sources';
import { LanguageService, LanguageServiceOptions, Position, ServiceDocument } from '../../../server/service';
import { marked } from './markers';

let coreIndex: SchemaIndex | undefined;
export function coreIdx(): SchemaIndex {
  coreIndex ??= new SchemaIndex(core());
  return coreIndex;
}

/** A service that fails the test on any internal error instead of hiding it. */
export function service(opts: LanguageServiceOptions = {}, index = coreIdx()): LanguageService {
  return new LanguageService(index, { onError: (where, e) => { throw new Error(`${where}: ${e instanceof Error ? e.stack : String(e)}`); }, ...opts });
}

let n = 0;
const EXT: Record<string, string> = { xapi: 'xapi', javascript: 'js', typescript: 'ts' };

export function doc(languageId: string, text: string, uri = `file:///svc/d${++n}.${EXT[languageId] ?? 'txt'}`, version = 1): ServiceDocument {
  return { uri, languageId, version, text };
}

export function at(languageId: string, src: string): { d: ServiceDocument; pos: Position } {
  const m = marked(src);
  return { d: doc(languageId, m.text), pos: { line: m.line, character: m.character } };
}
