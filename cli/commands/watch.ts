/**
 * `xapi watch URL PATH…`: follows statuses, configurations and events as they arrive, printed as terminal
 * text (`*s Audio Volume: 60`) or JSON lines. Reconnects on its own and says so on stderr. On a Webex cloud device
 * (no feedback there) it polls statuses and configurations instead, and says so (cli/poller.ts).
 */
import { numberOption } from '../args';
import { CliCommand, UsageError } from '../command';
import { formatFeedback } from '../../xapi/format';
import { normalizePath, type PathInput } from '../../xapi/index';
import type { PathSegment } from '../../xapi/protocol';
import { FEEDBACK_KINDS, feedbackKindOfWord, kindOfRoot } from '../../schema/kinds';
import { CLOUD_TARGET_HELP, Exit, cliMessage, connectFromArgs, parseConnectionArgs, reportError } from '../connection';
import type { CliIO } from '../command';
import { MIN_POLL_SECONDS, pollPaths } from '../poller';
import type { Xapi } from '../../xapi/index';

const USAGE = `Usage: xapi watch URL PATH… [options]

Prints feedback as it arrives until interrupted (Ctrl-C). Each PATH names its root:
  xapi watch codec.local 'Status Audio Volume' 'Configuration SystemUnit Name' 'Event UserInterface Extensions'

Options:
  --user NAME     user name (default admin); the password comes from the URL, XAPI_PASSWORD or a prompt
  --insecure      accept a self-signed TLS certificate
  --ca FILE       trust this certificate (PEM)
  --json          one JSON object per notification
  --count N       exit after N notifications
  --trace         print every frame on stderr (credentials never appear)
  --interval S    a Webex cloud device only: seconds between reads (default and least ${MIN_POLL_SECONDS})

${CLOUD_TARGET_HELP}
The cloud has no feedback: its statuses and configurations are read every --interval seconds and
what changed is printed; events cannot be watched there.

Exit codes: 0 ok, 1 a subscription failed, 2 usage, 3 could not connect.`;

export function watchPath(text: PathInput): PathSegment[] {
  let p: PathSegment[];
  try { p = normalizePath(text); } catch (e) { throw new UsageError((e as Error).message); }
  const root = typeof p[0] === 'string' ? feedbackKindOfWord(kindOfRoot(p[0])) : undefined;
  if (!root) throw new UsageError(`'${String(text)}': start the path with ${FEEDBACK_KINDS.slice(0, -1).join(', ')} or ${FEEDBACK_KINDS.at(-1)}`);
  p[0] = root;
  return p;
}

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'print statuses, configurations and events of a device as they change',
  usage: USAGE,
  async run(args, io) {
    const a = parseConnectionArgs(args, { count: { type: 'string' }, interval: { type: 'string' } });
    if (a.rest.length === 0) throw new UsageError('name at least one path to watch, e.g. "Status Audio Volume"');
    const paths = a.rest.map(watchPath);
    const limit = a.extra.count === undefined ? Infinity : numberOption('--count', a.extra.count, { min: 1, integer: true });
    if (!a.cloud && a.extra.interval !== undefined) throw new UsageError('--interval is for webex:// targets: a device on its own address sends its changes');
    const intervalS = a.extra.interval === undefined ? MIN_POLL_SECONDS : numberOption('--interval', a.extra.interval, { min: MIN_POLL_SECONDS });
    if (a.cloud) {
      const event = paths.find(p => p[0] === 'Event');
      if (event) throw new UsageError(`'${event.join(' ')}': events cannot be watched on a Webex cloud device (the cloud has no feedback); connect to the device's own address for them`);
    }
    let xapi;
    try { xapi = await connectFromArgs(a, io, true); } catch (e) { return reportError(io, 'watch', e); }
    if (a.cloud) return pollCloud(xapi, paths, intervalS, limit, a.json, io);
    const x = xapi;
    let seen = 0;
    let finish!: (code: number) => void;
    const finished = new Promise<number>(r => { finish = r; });
    let leaving = false;
    x.on('disconnected', reason => { if (!leaving) io.stderr.write(`-- disconnected: ${reason}\n`); });
    x.on('reconnecting', info => io.stderr.write(`-- reconnecting (attempt ${info.attempt}, in ${info.delayMs} ms)\n`));
    x.on('error', e => { io.stderr.write(`xapi watch: ${cliMessage(e)}\n`); if (x.state === 'closed') finish(Exit.Failed); });
    let connectedOnce = false;
    x.on('connected', () => { if (connectedOnce) io.stderr.write('-- reconnected\n'); connectedOnce = true; });
    connectedOnce = true;
    const subs = paths.map(p => x.feedback.on(p, (_v, raw) => {
      if (a.json) io.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...raw }) + '\n');
      else io.stdout.write(formatFeedback(raw).join('\n') + '\n');
      if (++seen >= limit) finish(Exit.Ok);
    }));
    const failed = (await Promise.allSettled(subs.map(s => s.registered))).filter(r => r.status === 'rejected') as PromiseRejectedResult[];
    if (failed.length === subs.length) {
      await x.close();
      return reportError(io, 'watch', failed[0].reason);
    }
    io.stderr.write(`-- watching ${paths.length - failed.length} path(s) on ${x.url}; Ctrl-C to stop\n`);
    const onSigint = () => finish(Exit.Ok);
    process.once('SIGINT', onSigint);
    try {
      return await finished;
    } finally {
      process.off('SIGINT', onSigint);
      leaving = true;
      await x.close();
    }
  },
};

/** A cloud device: read, print what changed, wait, again; until Ctrl-C or --count. */
async function pollCloud(x: Xapi, paths: PathSegment[][], intervalS: number, limit: number, json: boolean, io: CliIO): Promise<number> {
  io.stderr.write(`-- polling ${paths.length} path(s) on ${x.url} every ${intervalS} s: the Webex cloud has no feedback, so a change between two reads is not seen, and events are unavailable; Ctrl-C to stop\n`);
  let seen = 0;
  const poller = pollPaths(x, paths, intervalS * 1000, {
    changed: params => {
      if (json) io.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...params }) + '\n');
      else io.stdout.write(formatFeedback(params).join('\n') + '\n');
      if (++seen >= limit) poller.stop();
    },
    failed: (path, e) => io.stderr.write(`xapi watch: ${path.join(' ')}: ${cliMessage(e)}\n`),
  });
  const onSigint = () => poller.stop();
  process.once('SIGINT', onSigint);
  try {
    await poller.done;
    return seen > 0 ? Exit.Ok : Exit.Failed;
  } finally {
    process.off('SIGINT', onSigint);
    await x.close();
  }
}
