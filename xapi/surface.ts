/**
 * What every `Xapi` shows its callers, whatever carries it (the device's WebSocket, the Webex cloud): the proxy
 * style and the string style, both built over the transport's operations (ops.ts).
 */
import { Emitter } from './emitter';
import type { XapiOps } from './ops';
import { createProxy } from './proxy';
import { createStringApi, type StringApi } from './stringApi';
import type { XapiEvents } from './client';

export abstract class XapiSurface extends Emitter<XapiEvents> {
  // Set once, by exposeApi in the constructor; the Xapi interface gives them to callers as readonly.
  Command!: any;
  Configuration!: any;
  Config!: any;
  Status!: any;
  Event!: any;
  command!: StringApi['command'];
  status!: StringApi['status'];
  config!: StringApi['config'];
  event!: StringApi['event'];
  feedback!: StringApi['feedback'];

  /** Both API styles over `ops`: call once, from the constructor, when the operations can run. */
  protected exposeApi(ops: XapiOps): void {
    this.Command = createProxy(ops, 'Command');
    this.Configuration = this.Config = createProxy(ops, 'Configuration');
    this.Status = createProxy(ops, 'Status');
    this.Event = createProxy(ops, 'Event');
    const s = createStringApi(ops);
    this.command = s.command;
    this.status = s.status;
    this.config = s.config;
    this.event = s.event;
    this.feedback = s.feedback;
  }
}
