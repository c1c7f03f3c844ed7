/**
 * UserInterface Message Alert / Prompt / TextInput: Display and Clear emit the matching events; tests answer
 * prompts and text inputs with Device.respondToPrompt / respondToTextInput, which emit the Response events.
 */
import type { Device } from '../device';
import { EmulatorError, RpcError } from '../errors';
import { Behaviour, CommandContext, num, str, tryEmit } from './helpers';

interface Shown { readonly feedbackId: string; readonly options: number; readonly timer?: unknown }

export interface MessagesBehaviour extends Behaviour {
  respondToPrompt(feedbackId: string, optionId: number): void;
  respondToTextInput(feedbackId: string, text: string): void;
  /** What is on screen now, for tests. */
  shown(): { alert: boolean; prompts: string[]; textInputs: string[] };
}

export function messagesBehaviour(device: Device): MessagesBehaviour {
  let alert: Shown | undefined;
  const prompts = new Map<string, Shown>();
  const textInputs = new Map<string, Shown>();
  const clock = device.clock;

  /** Event payload: the command's parameters that the event schema also has. */
  const echo = (ctx: CommandContext) => ({ ...ctx.params });

  const clear = (map: Map<string, Shown>, id: string): Shown | undefined => {
    const s = map.get(id);
    if (s?.timer !== undefined) clock.clearTimeout(s.timer);
    map.delete(id);
    return s;
  };

  function show(map: Map<string, Shown>, ctx: CommandContext, kind: 'Prompt' | 'TextInput'): void {
    const feedbackId = str(ctx.params.FeedbackId);
    const options = [1, 2, 3, 4, 5].filter(i => ctx.params[`Option.${i}`] !== undefined).length;
    clear(map, feedbackId);
    const duration = num(ctx.params.Duration, 0);
    const timer = duration > 0
      ? clock.setTimeout(() => { if (map.get(feedbackId)?.timer === timer) { map.delete(feedbackId); tryEmit(device, `UserInterface Message ${kind} ${kind === 'Prompt' ? 'Cleared' : 'Clear'}`, { FeedbackId: feedbackId }); } }, duration * 1000)
      : undefined;
    map.set(feedbackId, { feedbackId, options, timer });
    ctx.after(() => tryEmit(device, `UserInterface Message ${kind} Display`, echo(ctx)));
  }

  return {
    name: 'messages',
    shown: () => ({ alert: alert !== undefined, prompts: [...prompts.keys()], textInputs: [...textInputs.keys()] }),
    dispose() {
      // What is shown stays readable (shown()); only the clear-after-Duration timers go.
      for (const s of [alert, ...prompts.values(), ...textInputs.values()]) if (s?.timer !== undefined) clock.clearTimeout(s.timer);
    },
    onBoot() {
      if (alert?.timer !== undefined) clock.clearTimeout(alert.timer);
      alert = undefined;
      for (const id of [...prompts.keys()]) clear(prompts, id);
      for (const id of [...textInputs.keys()]) clear(textInputs, id);
    },
    respondToPrompt(feedbackId, optionId) {
      const p = prompts.get(feedbackId);
      if (!p) throw new EmulatorError(`No prompt with FeedbackId '${feedbackId}' is displayed`);
      if (!Number.isInteger(optionId) || optionId < 1 || optionId > Math.max(1, p.options)) throw new EmulatorError(`Prompt '${feedbackId}' has no option ${optionId}`);
      clear(prompts, feedbackId);
      tryEmit(device, 'UserInterface Message Prompt Response', { FeedbackId: feedbackId, OptionId: optionId });
    },
    respondToTextInput(feedbackId, text) {
      if (!textInputs.has(feedbackId)) throw new EmulatorError(`No text input with FeedbackId '${feedbackId}' is displayed`);
      clear(textInputs, feedbackId);
      tryEmit(device, 'UserInterface Message TextInput Response', { FeedbackId: feedbackId, Text: text });
    },
    commands: {
      'UserInterface Message Alert Display'(ctx) {
        if (alert?.timer !== undefined) clock.clearTimeout(alert.timer);
        const duration = num(ctx.params.Duration, 0);
        const timer = duration > 0 ? clock.setTimeout(() => { alert = undefined; tryEmit(device, 'UserInterface Message Alert Cleared'); }, duration * 1000) : undefined;
        alert = { feedbackId: '', options: 0, timer };
        ctx.after(() => tryEmit(device, 'UserInterface Message Alert Display', echo(ctx)));
      },
      'UserInterface Message Alert Clear'(ctx) {
        if (alert?.timer !== undefined) clock.clearTimeout(alert.timer);
        const was = alert !== undefined;
        alert = undefined;
        if (was) ctx.after(() => tryEmit(device, 'UserInterface Message Alert Cleared'));
      },
      'UserInterface Message Prompt Display': ctx => show(prompts, ctx, 'Prompt'),
      'UserInterface Message Prompt Clear'(ctx) {
        const ids = ctx.params.FeedbackId !== undefined ? [str(ctx.params.FeedbackId)] : [...prompts.keys()];
        for (const id of ids) if (clear(prompts, id)) ctx.after(() => tryEmit(device, 'UserInterface Message Prompt Cleared', { FeedbackId: id }));
      },
      'UserInterface Message Prompt Response'(ctx) {
        const id = str(ctx.params.FeedbackId);
        if (!prompts.has(id)) throw RpcError.commandError('No prompt with the given FeedbackId');
        clear(prompts, id);
        ctx.after(() => tryEmit(device, 'UserInterface Message Prompt Response', { FeedbackId: id, OptionId: num(ctx.params.OptionId, 1) }));
      },
      'UserInterface Message TextInput Display': ctx => show(textInputs, ctx, 'TextInput'),
      'UserInterface Message TextInput Clear'(ctx) {
        const ids = ctx.params.FeedbackId !== undefined ? [str(ctx.params.FeedbackId)] : [...textInputs.keys()];
        for (const id of ids) if (clear(textInputs, id)) ctx.after(() => tryEmit(device, 'UserInterface Message TextInput Clear', { FeedbackId: id }));
      },
      'UserInterface Message TextInput Response'(ctx) {
        const id = str(ctx.params.FeedbackId);
        if (!textInputs.has(id)) throw RpcError.commandError('No text input with the given FeedbackId');
        clear(textInputs, id);
        ctx.after(() => tryEmit(device, 'UserInterface Message TextInput Response', { FeedbackId: id, Text: str(ctx.params.Text) }));
      },
    },
  };
}
