/** What every bench reads and computes the same way: a numeric option from its command line, and a median. */

/** `--name N` from the command line, else `def`. */
export function option(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

/** The middle value (the upper one of the two middles for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
