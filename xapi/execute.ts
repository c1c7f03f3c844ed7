/**
 * Runs one xCLI request (schema/xcli/request.ts: what a parsed `xCommand …` / `xStatus …` line stands for)
 * on a connection and answers it as RoomOS terminal text plus a JSON form. Shared by the CLI (`xapi run`,
 * `xapi repl`) and the extension's Run lens; it needs only the string API, so any session will do.
 */
import { KIND_API_WORD, stateKindOfWord } from '../schema/kinds';
import type { XcliRequest } from '../schema/xcli/request';
import { ClientErrorCode, InvalidParameterError } from './errors';
import { formatCommandResult, formatGetResult, formatValue, leavesOf, resultStatus, terminalAnswer } from './format';
import type { FeedbackParams } from './protocol';
import type { StringApi } from './stringApi';
import type { Subscription } from './typed';

export interface Executed {
  /** The terminal answer, ending in `** end` as the device's own terminal does; empty for a blank or comment. */
  lines: string[];
  /** The same answer as data, for `--json`; undefined for a blank or comment. */
  json: unknown;
  /**
   * The answer in a few words, from the data (an editor shows it after the line): the command's status, the one
   * value read (`Audio Volume: 50`), or how many (`12 values`); `OK` for a set or a registration.
   */
  inline: string;
}

/** A read's few words: its one leaf as `Path: value`, else how many leaves it has. */
function readInline(path: readonly (string | number)[], result: unknown): string {
  const leaves = leavesOf(result, path.slice(1));
  if (leaves.length !== 1) return `${leaves.length} values`;
  return `${leaves[0]!.path.join(' ')}: ${formatValue(leaves[0]!.value)}`;
}

/** Where `xFeedback register` lines deliver their notifications, and the registrations they made. */
export interface FeedbackState {
  onFeedback(p: FeedbackParams): void;
  /** xFeedback registrations made by the script or session, by path (lowercase, `/`-joined). */
  subs: Map<string, Subscription>;
}

function feedbackKey(path: ReadonlyArray<string | number>): string {
  return path.join('/').toLowerCase();
}

/** Runs one request; resolves with its answer, rejects with the XapiError the device or connection gave. */
export async function execute(xapi: StringApi, req: XcliRequest, fb?: FeedbackState): Promise<Executed> {
  switch (req.kind) {
    case 'none': return { lines: [], json: undefined, inline: '' };
    case 'command': {
      const r = await xapi.command(req.names, req.params, req.body);
      return { lines: terminalAnswer(formatCommandResult(req.names, r)), json: { command: req.names.join(' '), result: r }, inline: resultStatus(r) };
    }
    case 'get': {
      const root = req.path[0];
      const kind = stateKindOfWord(typeof root === 'string' ? root : undefined);
      // statementToRequest always roots the path; a hand-made request without a state root has nothing to read.
      if (!kind) throw new InvalidParameterError(`xGet needs a Status or Configuration path, not "${req.path.join(' ')}"`, ClientErrorCode.Usage);
      const r = await xapi[KIND_API_WORD[kind]].get(req.path);
      return { lines: terminalAnswer(formatGetResult(req.path, r)), json: { path: req.path, result: r }, inline: readInline(req.path, r) };
    }
    case 'set': {
      await xapi.config.set(req.path, req.value);
      return { lines: terminalAnswer([]), json: { path: req.path, set: req.value }, inline: 'OK' };
    }
    case 'register': {
      if (!fb) throw new Error('xFeedback is not available here');
      const key = feedbackKey(req.path);
      if (!fb.subs.has(key)) {
        const sub = xapi.feedback.on(req.path, (_v, raw) => fb.onFeedback(raw));
        fb.subs.set(key, sub);
        await sub.registered.catch(e => { fb.subs.delete(key); throw e; });
      }
      return { lines: terminalAnswer([]), json: { registered: req.path }, inline: 'OK' };
    }
    case 'deregister': {
      const key = feedbackKey(req.path);
      fb?.subs.get(key)?.();
      fb?.subs.delete(key);
      return { lines: terminalAnswer([]), json: { deregistered: req.path }, inline: 'OK' };
    }
  }
}
