/** The events panel's commands: what its toolbar and title bar do, also reachable from the palette (and tests). */
import { Commands } from '../commandIds';
import { prompts } from '../prompts';
import { eventsView } from '../views/events/eventsView';
import type { CommandTable } from './table';

export const eventsCommands: CommandTable = {
  [Commands.eventsShow]: ctx => eventsView(ctx).show(),
  [Commands.eventsFilter]: async (ctx, text?: unknown) => {
    const view = eventsView(ctx);
    const value = typeof text === 'string' ? text : await prompts.showInputBox({
      title: 'xAPI: Filter Events', prompt: 'Words that must all appear in the path or the payload (empty shows everything)', value: view.filterText,
    });
    if (value !== undefined) view.setFilter(value);
  },
  [Commands.eventsPause]: ctx => eventsView(ctx).pause(),
  [Commands.eventsResume]: ctx => eventsView(ctx).resume(),
  [Commands.eventsClear]: ctx => eventsView(ctx).clear(),
  [Commands.eventsExport]: ctx => eventsView(ctx).export(),
  [Commands.eventsCopySnippet]: (ctx, seq?: unknown) => eventsView(ctx).copySnippet(typeof seq === 'number' ? seq : undefined),
};
