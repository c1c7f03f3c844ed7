/**
 * The one error every schema loader and source throws for bad input: a malformed file,
 * a wrong shape, a failed download. The message always starts with the source so the
 * user knows which file or version is at fault.
 */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';

  constructor(
    /** The file name, version label or URL the schema came from. */
    readonly source: string,
    /** What is wrong, without the source (it is prefixed to `message`). */
    readonly detail: string,
    /** HTTP status when the error came from a download. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${detail}`, options);
  }
}
