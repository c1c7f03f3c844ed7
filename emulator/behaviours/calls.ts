/**
 * Calls: Dial → `Call[n] Status` Dialling → Connecting → Connected (timed on the clock), Disconnect →
 * Disconnecting → Idle → ghost, the SystemUnit State counters, and the call events (§12.4, §12.6).
 */
import type { Device } from '../device';
import { RpcError } from '../errors';
import { Behaviour, CommandContext, num, str, tryEmit, trySetStatus } from './helpers';

interface ActiveCall {
  readonly id: number;
  readonly conferenceId: number;
  readonly direction: 'outgoing' | 'incoming';
  readonly remote: string;
  readonly displayName: string;
  readonly protocol: string;
  readonly rate: number;
  readonly callType: string;
  status: 'Dialling' | 'Connecting' | 'Connected' | 'Ringing' | 'OnHold' | 'Disconnecting' | 'Idle';
  connectedAt?: number;
  timers: unknown[];
}

export interface CallsBehaviour extends Behaviour {
  incoming(remoteNumber: string, displayName: string): number;
  calls(): readonly ActiveCall[];
}

export function callsBehaviour(device: Device): CallsBehaviour {
  const calls = new Map<number, ActiveCall>();
  let nextCallId = 1;
  let nextConferenceId = 1;
  const clock = device.clock;

  /** Counters from the calls' states, reported as changes of SystemUnit State in one group. */
  function counters(): void {
    let active = 0, progress = 0, suspended = 0;
    for (const c of calls.values()) {
      if (c.status === 'Connected') active++;
      else if (c.status === 'OnHold') suspended++;
      else if (c.status === 'Dialling' || c.status === 'Connecting' || c.status === 'Ringing') progress++;
    }
    trySetStatus(device, 'SystemUnit State', { NumberOfActiveCalls: active, NumberOfInProgressCalls: progress, NumberOfSuspendedCalls: suspended });
  }

  function setState(call: ActiveCall, status: ActiveCall['status']): void {
    device.transaction(() => {
      call.status = status;
      trySetStatus(device, `Call[${call.id}] Status`, status);
      counters();
    });
  }

  function cancelTimers(): void {
    for (const c of calls.values()) {
      for (const t of c.timers) clock.clearTimeout(t);
      c.timers = [];
    }
  }

  function later(call: ActiveCall, ms: number, fn: () => void): void {
    const t = clock.setTimeout(() => {
      call.timers = call.timers.filter(x => x !== t);
      fn();
    }, ms);
    call.timers.push(t);
  }

  function find(ctx: CommandContext): ActiveCall {
    if (ctx.params.CallId !== undefined) {
      const c = calls.get(num(ctx.params.CallId, -1));
      if (!c) throw RpcError.commandError('No active call with the given CallId');
      return c;
    }
    const last = [...calls.values()].pop();
    if (!last) throw RpcError.commandError('No active call');
    return last;
  }

  function create(direction: ActiveCall['direction'], remote: string, displayName: string, protocol: string, rate: number, callType: string): ActiveCall {
    const call: ActiveCall = {
      id: nextCallId++, conferenceId: nextConferenceId++, direction, remote, displayName, protocol, rate, callType,
      status: direction === 'outgoing' ? 'Dialling' : 'Ringing', timers: [],
    };
    calls.set(call.id, call);
    return call;
  }

  function appear(call: ActiveCall): void {
    device.transaction(() => {
      trySetStatus(device, `Call[${call.id}]`, {
        Status: call.status,
        Direction: call.direction === 'outgoing' ? 'Outgoing' : 'Incoming',
        RemoteNumber: call.remote,
        CallbackNumber: call.remote.includes(':') ? call.remote : `sip:${call.remote}`,
        DisplayName: call.displayName,
        Protocol: call.protocol,
        CallType: call.callType,
        ReceiveCallRate: call.rate,
        TransmitCallRate: call.rate,
        AnswerState: call.direction === 'outgoing' ? 'Unanswered' : 'Unanswered',
        Duration: 0,
      });
      counters();
    });
  }

  function connected(call: ActiveCall): void {
    const at = clock.now();
    call.connectedAt = at;
    device.transaction(() => {
      setState(call, 'Connected');
      trySetStatus(device, `Call[${call.id}] AnswerState`, 'Answered');
    });
    // Seconds since connect on the device clock, computed when read (a device sends no feedback per second).
    device.setDynamicStatus(`Call[${call.id}] Duration`, () => Math.floor((clock.now() - at) / 1000));
    tryEmit(device, 'CallSuccessful', {
      CallId: call.id, CallRate: call.rate, Direction: call.direction, EncryptionIn: 'Off', EncryptionOut: 'Off',
      Protocol: call.protocol, RemoteURI: call.remote,
    });
  }

  function hangUp(call: ActiveCall, cause: 'LocalDisconnect' | 'RemoteDisconnect' | 'Rejected'): void {
    for (const t of call.timers) clock.clearTimeout(t);
    call.timers = [];
    const origStatus = call.status;
    // The count stops once the call is no longer connected: the last value stays readable.
    if (call.connectedAt !== undefined) trySetStatus(device, `Call[${call.id}] Duration`, Math.floor((clock.now() - call.connectedAt) / 1000));
    setState(call, 'Disconnecting');
    later(call, device.callTimings.disconnectMs, () => {
      setState(call, 'Idle');
      calls.delete(call.id);
      // The ghost comes as its own event after Idle, as the captured sequence shows (§12.4).
      device.transaction(() => {
        device.removeListItem('Call', call.id);
        counters();
      });
      tryEmit(device, 'CallDisconnect', {
        CallId: call.id, CallRate: call.rate, CallType: call.callType, CauseCode: 0, CauseOrigin: 'Internal',
        CauseString: '', CauseType: cause, CauseValue: 1, DisplayName: call.displayName,
        Duration: call.connectedAt !== undefined && origStatus !== 'Ringing' ? Math.floor((clock.now() - call.connectedAt) / 1000) : 0,
        Encryption: 'Auto', OrigCallDirection: call.direction, PeopleCountAverage: 0, Protocol: call.protocol,
        RemoteURI: call.remote, RequestedURI: call.remote,
      });
    });
  }

  return {
    name: 'calls',
    calls: () => [...calls.values()],
    incoming(remoteNumber, displayName) {
      const call = create('incoming', remoteNumber, displayName, 'Sip', 6000, 'Video');
      appear(call);
      tryEmit(device, 'IncomingCallIndication', { CallId: call.id, DisplayNameValue: displayName, RemoteURI: remoteNumber });
      return call.id;
    },
    onBoot() {
      cancelTimers();
      calls.clear();
    },
    dispose: cancelTimers,
    commands: {
      Dial(ctx) {
        const number = str(ctx.params.Number);
        const call = create('outgoing', number, str(ctx.params.DisplayName, number), str(ctx.params.Protocol, 'Sip'),
          num(ctx.params.CallRate, 6000), str(ctx.params.CallType, 'Video'));
        const t = device.callTimings;
        ctx.after(() => {
          appear(call);
          tryEmit(device, 'OutgoingCallIndication', { CallId: call.id });
          later(call, t.connectingMs, () => setState(call, 'Connecting'));
          later(call, Math.max(t.connectedMs, t.connectingMs), () => connected(call));
        });
        return { CallId: call.id, ConferenceId: call.conferenceId };
      },
      'Call Disconnect'(ctx) {
        const call = find(ctx);
        ctx.after(() => hangUp(call, 'LocalDisconnect'));
      },
      'Call Reject'(ctx) {
        const call = find(ctx);
        if (call.status !== 'Ringing') throw RpcError.commandError('Call is not ringing');
        ctx.after(() => hangUp(call, 'Rejected'));
      },
      'Call Accept'(ctx) {
        const call = find(ctx);
        if (call.status !== 'Ringing') throw RpcError.commandError('Call is not ringing');
        ctx.after(() => connected(call));
      },
      'Call Hold'(ctx) {
        const call = find(ctx);
        if (call.status !== 'Connected') throw RpcError.commandError('Call is not connected');
        ctx.after(() => setState(call, 'OnHold'));
      },
      'Call Resume'(ctx) {
        const call = find(ctx);
        if (call.status !== 'OnHold') throw RpcError.commandError('Call is not on hold');
        ctx.after(() => setState(call, 'Connected'));
      },
    },
  };
}
