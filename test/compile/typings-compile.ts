/**
 * Test support for the typings tests (not a test file itself): type-checks a set of in-memory
 * files with the TypeScript compiler API under `strict`, resolving `xapi-workbench` to this
 * repository's xapi/typed.ts (and its generated core types) through a package entry that
 * re-exports it, the way the published package does.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
export const VIRTUAL = '/virtual';

/** The package as user code sees it: an entry re-exporting the proxy shapes. */
export function packageFiles(): Record<string, string> {
  return {
    [`${VIRTUAL}/pkg/index.ts`]: "export * from './typed';\n",
    [`${VIRTUAL}/pkg/typed.ts`]: fs.readFileSync(path.join(ROOT, 'xapi/typed.ts'), 'utf8'),
    [`${VIRTUAL}/pkg/generated/coreTypes.ts`]: fs.readFileSync(path.join(ROOT, 'xapi/generated/coreTypes.ts'), 'utf8'),
  };
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  // The generated declarations are what is under test: check them too.
  skipLibCheck: false,
  paths: { 'xapi-workbench': [`${VIRTUAL}/pkg/index.ts`] },
};

// Lib files are parsed once per process: they dominate the cost of a small program.
const libCache = new Map<string, ts.SourceFile>();

export interface CompileResult {
  readonly diagnostics: readonly ts.Diagnostic[];
  readonly program: ts.Program;
}

export function compile(files: Record<string, string>, extra: ts.CompilerOptions = {}): CompileResult {
  const options = { ...OPTIONS, ...extra };
  const host = ts.createCompilerHost(options);
  const realGet = host.getSourceFile.bind(host);
  host.fileExists = f => f in files || (!f.startsWith(VIRTUAL) && ts.sys.fileExists(f));
  host.readFile = f => files[f] ?? (f.startsWith(VIRTUAL) ? undefined : ts.sys.readFile(f));
  host.directoryExists = d => d.startsWith(VIRTUAL) ? Object.keys(files).some(f => f.startsWith(d + '/')) : ts.sys.directoryExists!(d);
  host.getSourceFile = (f, lang, onError) => {
    if (f in files) return ts.createSourceFile(f, files[f]!, lang, true);
    const cached = libCache.get(f);
    if (cached) return cached;
    const sf = realGet(f, lang, onError);
    if (sf) libCache.set(f, sf);
    return sf;
  };
  host.writeFile = () => undefined;
  const roots = Object.keys(files).filter(f => !f.startsWith(`${VIRTUAL}/pkg/`));
  const program = ts.createProgram({ rootNames: roots, options, host });
  return { diagnostics: ts.getPreEmitDiagnostics(program), program };
}

/** Diagnostics as `file:line:col TSxxxx message` lines, for assertion messages. */
export function formatDiagnostics(diags: readonly ts.Diagnostic[]): string[] {
  return diags.map(d => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code} ${msg}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1} TS${d.code} ${msg}`;
  });
}
