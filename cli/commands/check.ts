/** `xapi check FILE…` — validate `.xapi` scripts against a schema, for editors-less use and users' CI. */
import { promises as fs } from 'node:fs';
import { parseOptions } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { checkSchemaOptions, loadSchemaFromOptions, SchemaOptions } from '../schemaOption';
import { Schema } from '../../schema/model';
import { productName } from '../../schema/products';
import { SchemaIndex } from '../../schema/schemaIndex';
import { multilineFromIndex, parseXcli, validateXcli, XcliCode, XcliDiagnostic } from '../../schema/xcli';

const USAGE = `Usage: xapi check FILE… [--schema FILE | --version V] [--product P]

Validates xAPI scripts (xCommand, xConfiguration, xStatus, xEvent, xFeedback lines) against a schema
and prints one line per finding:  file:line:col: severity code message

Options:
  --schema FILE   validate against a schema file (roomos.cisco.com JSON or a device xDoc tree)
  --version V     validate against a published RoomOS schema, e.g. 11.27.2.0 (downloaded once, cached)
  --product P     a product code (hopen) or name ("Room Kit"): index ranges and availability for it
  (default schema: the built-in core schema)

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad arguments or unreadable file.
`;

interface CheckArgs extends SchemaOptions {
  files: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const { values, positionals } = parseOptions(args, {
    schema: { type: 'string' }, version: { type: 'string' }, product: { type: 'string' },
  });
  if (!positionals.length) throw new UsageError('no files to check');
  const out = { files: positionals, ...values };
  checkSchemaOptions(out);
  return out;
}

/** Codes whose suggestions are replacements worth printing as "did you mean". */
const DID_YOU_MEAN = new Set<string>([
  XcliCode.UnknownKeyword, XcliCode.UnknownPath, XcliCode.UnknownParam, XcliCode.NotLiteral, XcliCode.UnknownFeedbackAction,
]);

export function formatDiagnostic(file: string, d: XcliDiagnostic): string {
  const hint = !d.suggestions?.length ? ''
    : DID_YOU_MEAN.has(d.code) ? ` (did you mean ${d.suggestions.join(', ')}?)`
      : d.code === XcliCode.OutOfRange || d.code === XcliCode.IndexOutOfRange ? ` (nearest allowed: ${d.suggestions[0]})` : '';
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}${hint}`;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate .xapi scripts against a schema',
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
    let errors = 0;
    let warnings = 0;
    let unreadable = 0;
    for (const file of a.files) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
        io.stderr.write(`xapi check: cannot read ${file}: ${why}\n`);
        unreadable++;
        continue;
      }
      const diagnostics = validateXcli(parseXcli(text, { isMultiline }), index, { product });
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
