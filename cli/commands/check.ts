/**
 * `xapi check FILE…` — validate `.xapi` scripts and JavaScript/TypeScript macros against a schema, for
 * editor-less use and users' CI. `-` reads a script from standard input.
 */
import { promises as fs } from 'node:fs';
import { parseOptions } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { checkSchemaOptions, loadSchemaFromOptions, SchemaOptions } from '../schemaOption';
import { Schema } from '../../schema/model';
import { productName } from '../../schema/products';
import { SchemaIndex } from '../../schema/schemaIndex';
import { multilineFromIndex, parseXcli, validateXcli, XcliCode } from '../../schema/xcli';
import { CheckFinding, MACRO_FILE, MacroChecker } from '../macroDiagnostics';

const USAGE = `Usage: xapi check FILE… [--schema FILE | --version V] [--product P]

Validates xAPI scripts (xCommand, xConfiguration, xStatus, xEvent, xFeedback lines) and the xAPI calls
in JavaScript/TypeScript macros (.js, .mjs, .cjs, .ts, …) against a schema, and prints one line per
finding:  file:line:col: severity code message
FILE '-' reads an xAPI script from standard input (printed as <stdin>).

Options:
  --schema FILE   validate against a schema file (roomos.cisco.com JSON or a device xDoc tree)
  --version V     validate against a published RoomOS schema, e.g. 11.27.2.0 (downloaded once, cached)
  --product P     a product code (hopen) or name ("Room Kit"): index ranges and availability for it
  (default schema: the built-in core schema)

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad arguments or unreadable file.
`;

const STDIN_NAME = '<stdin>';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

interface CheckArgs extends SchemaOptions {
  files: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const { values, positionals } = parseOptions(args, {
    schema: { type: 'string' }, version: { type: 'string' }, product: { type: 'string' },
  });
  if (!positionals.length) throw new UsageError("no files to check (give '-' to read standard input)");
  if (positionals.filter(p => p === '-').length > 1) throw new UsageError("'-' (standard input) can be given once");
  const out = { files: positionals, ...values };
  checkSchemaOptions(out);
  return out;
}

/** Codes whose suggestions are replacements worth printing as "did you mean". */
const DID_YOU_MEAN = new Set<string>([
  XcliCode.UnknownKeyword, XcliCode.UnknownPath, XcliCode.UnknownParam, XcliCode.NotLiteral, XcliCode.UnknownFeedbackAction,
]);

export function formatDiagnostic(file: string, d: CheckFinding): string {
  const hint = !d.suggestions?.length ? ''
    : DID_YOU_MEAN.has(d.code) ? ` (did you mean ${d.suggestions.join(', ')}?)`
      : d.code === XcliCode.OutOfRange || d.code === XcliCode.IndexOutOfRange ? ` (nearest allowed: ${d.suggestions[0]})` : '';
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}${hint}`;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate .xapi scripts and JS/TS macros against a schema',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseCheckArgs(args);
    let schema: Schema;
    let product: string | undefined;
    try {
      ({ schema, product } = await loadSchemaFromOptions(a, io.env));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.stderr.write(`xapi check: cannot load the schema: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const index = new SchemaIndex(schema);
    const isMultiline = multilineFromIndex(index);
    let macros: MacroChecker | undefined; // loaded for the first macro only: it brings the TypeScript compiler
    let errors = 0;
    let warnings = 0;
    let unreadable = 0;
    for (const given of a.files) {
      const file = given === '-' ? STDIN_NAME : given;
      let text: string;
      try {
        text = given === '-' ? await readAll(io.stdin) : await fs.readFile(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
        io.stderr.write(`xapi check: cannot read ${file}: ${why}\n`);
        unreadable++;
        continue;
      }
      let diagnostics: readonly CheckFinding[];
      if (given !== '-' && MACRO_FILE.test(file)) {
        macros ??= new MacroChecker(index, product);
        diagnostics = macros.check(file, text);
      } else {
        diagnostics = validateXcli(parseXcli(text, { isMultiline }), index, { product });
      }
      for (const d of diagnostics) {
        io.stdout.write(formatDiagnostic(file, d) + '\n');
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
    }
    const on = product ? ` for ${productName(product)}` : '';
    io.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${a.files.length - unreadable} file${a.files.length - unreadable === 1 ? '' : 's'} (schema ${schema.version}${on})\n`);
    if (unreadable) return 2;
    return errors ? 1 : 0;
  },
};
