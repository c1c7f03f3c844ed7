/** The events panel's commands: what its toolbar and title bar do, also reachable from the palette (and tests). */
import { Commands } from '../commandIds';
import { prompts } from '../prompts';
import type { CommandTable } from './table';

export const eventsCommands: CommandTable = {
  [Commands.eventsShow]: ctx => ctx.events.show(),
  [Commands.eventsFilter]: async (ctx, text?: unknown) => {
    const view = ctx.events;
    const value = typeof text === 'string' ? text : await prompts.showInputBox({
      title: 'xAPI: Filter Events', prompt: 'Words that must all appear in the path or the payload (empty shows everything)', value: view.filterText,
    });
    if (value !== undefined) view.setFilter(value);
  },
  [Commands.eventsPause]: ctx => ctx.events.pause(),
  [Commands.eventsResume]: ctx => ctx.events.resume(),
  [Commands.eventsClear]: ctx => ctx.events.clear(),
  [Commands.eventsExport]: ctx => ctx.events.export(),
  [Commands.eventsCopySnippet]: (ctx, seq?: unknown) => ctx.events.copySnippet(typeof seq === 'number' ? seq : undefined),
};
