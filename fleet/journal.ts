/**
 * A fleet run's journal: one JSON line per event, appended and flushed to disk (fsync) before the runner goes on.
 * Before anything is sent to a device its *intent* is written; after the answer, its *outcome*. A runner killed at
 * any point therefore leaves a true record: a device with an outcome was done (and how); a device with an intent
 * but no outcome is *unknown* — something may have reached it. A line cut short by a kill is ignored on resume.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

export type FinalStatus = 'ok' | 'failed' | 'skipped';

export type JournalEntry =
  | { readonly t: 'start'; readonly at: string; readonly op: string; readonly devices: readonly string[] }
  | { readonly t: 'intent'; readonly at: string; readonly device: string }
  | { readonly t: 'outcome'; readonly at: string; readonly device: string; readonly status: FinalStatus; readonly kind?: string; readonly reason?: string; readonly line?: number };

/** What an earlier run's journal says, per device. */
export interface JournalState {
  readonly op: string | undefined;
  /** Devices with an outcome: not touched again. */
  readonly done: ReadonlyMap<string, Extract<JournalEntry, { t: 'outcome' }>>;
  /** Devices with an intent and no outcome: something may have reached them. */
  readonly unknown: ReadonlySet<string>;
}

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Reads a journal (a missing file is an error: resuming needs one). */
export function readJournal(file: string): JournalState {
  if (!existsSync(file)) throw new JournalError(`${file}: no such journal`);
  let op: string | undefined;
  const done = new Map<string, Extract<JournalEntry, { t: 'outcome' }>>();
  const intents = new Set<string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let e: JournalEntry;
    try {
      e = JSON.parse(text) as JournalEntry;
    } catch {
      // Only the last line may be cut short (a kill while writing it); anything else is a damaged journal.
      if (lines.slice(i + 1).some(l => l.trim())) throw new JournalError(`${file} line ${i + 1}: not a journal entry`);
      return;
    }
    if (e.t === 'start') op ??= e.op;
    else if (e.t === 'intent') intents.add(e.device);
    else if (e.t === 'outcome') done.set(e.device, e);
  });
  return { op, done, unknown: new Set([...intents].filter(d => !done.has(d))) };
}

export class Journal {
  private constructor(private fd: number | undefined, readonly file: string) {}

  /** Opens for appending (a resumed run writes on after the earlier lines). */
  static open(file: string): Journal {
    try {
      return new Journal(openSync(file, 'a', 0o600), file);
    } catch (e) {
      throw new JournalError(`${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }

  /** Appends one entry and flushes it to disk before returning. */
  write(entry: JournalEntry): void {
    if (this.fd === undefined) throw new JournalError(`${this.file}: closed`);
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
