/** Macros: storing and running JavaScript macros on the device, the runtime, and the log. */
import type { SchemaNode } from '../model';
import { command, config, event, int, str, lit, many, p } from './dsl';

export const macros: SchemaNode[] = [
  command('Macros Macro Save', 'A', 'Stores a macro from the JavaScript in the command body.', [
    p('Name!', str(0, 250), 'Name of the macro.'),
    p('Overwrite', lit('False', 'True'), { def: 'True', d: 'Replace a macro that already has this name.' }),
    p('Transpile', lit('False', 'True'), { def: 'True', d: 'Translate modern JavaScript for the device\'s engine before storing.' }),
  ], { multiline: true }),
  command('Macros Macro Get', 'A', 'Returns stored macros, with their code when asked.', [
    p('Content', lit('False', 'True'), { def: 'False', d: 'Include the source code in the result.' }),
    p('Name', str(0, 250), 'Macro to return; all when left out.'),
  ]),
  command('Macros Macro Remove', 'A', 'Deletes a macro.', [p('Name!', str(0, 250), 'Macro to delete.')]),
  command('Macros Macro RemoveAll', 'A', 'Deletes every stored macro.'),
  command('Macros Macro Rename', 'A', 'Gives a stored macro a new name.', [
    p('Name!', str(0, 250), 'Current name.'),
    p('NewName!', str(0, 250), 'Name to change to.'),
    p('Overwrite', lit('False', 'True'), { def: 'False', d: 'Replace a macro that already has the new name.' }),
  ]),
  command('Macros Macro Activate', 'A', 'Marks a macro to run whenever the macro runtime starts.',
    [p('Name!', str(0, 250), 'Macro to enable.')]),
  command('Macros Macro Deactivate', 'A', 'Stops a macro from running when the macro runtime starts.',
    [p('Name!', str(0, 250), 'Macro to disable.')]),
  command('Macros Macro Roles Set', 'A', 'Chooses the user roles a macro runs its xAPI calls with.', [
    p('Name!', str(0, 250), 'Macro to configure.'),
    p('Role', many(lit('Admin', 'Audit', 'User', 'Integrator', 'RoomControl'), 255), 'A role to grant; repeat for several.'),
  ]),
  command('Macros Runtime Restart', 'A', 'Restarts the macro runtime, reloading every active macro.'),
  command('Macros Runtime Start', 'A', 'Starts the macro runtime.'),
  command('Macros Runtime Stop', 'A', 'Stops the macro runtime and every running macro.'),
  command('Macros Runtime Status', 'A', 'Reports whether the macro runtime is running.'),
  command('Macros Log Clear', 'A', 'Empties the macro console log.'),
  command('Macros Log Get', 'A', 'Returns macro console lines from an offset on.', [
    p('Offset', int(0, 65534), { def: '0', d: 'Line number to start from.' }),
  ]),
  config('Macros Mode', lit('Off', 'On'), { def: 'Off', set: 'A', read: 'AU' }, 'Master switch for macros on the device.'),
  config('Macros AutoStart', lit('Off', 'On'), { def: 'On', set: 'A', read: 'AU' },
    'Starts the macro runtime when the device boots.'),
  config('Macros UnresponsiveTimeout', int(0, 65535), { def: '5', set: 'A', read: 'AU' },
    'Seconds a macro may block before the runtime is restarted; 0 never restarts.'),
  config('Macros EvaluateTranspiled', lit('False', 'True'), { def: 'True', set: 'A', read: 'AU' },
    'Runs the transpiled form of macros instead of the source.'),
  config('Macros QuickJSEngine', lit('Off', 'On'), { def: 'On', set: 'A', read: 'AU' }, 'Runs macros on the QuickJS engine.'),
  event('Macros Log', 'AUI', 'One line from a macro\'s console output.', {
    Level: lit(),
    Macro: str(),
    Message: str(),
    Offset: int(),
    Timestamp: str(),
  }),
  event('Macros Macro Saved', 'AUIR', 'Fires after a macro has been stored.', {
    Name: str(),
  }),
  event('Macros Macro Removed', 'AUIR', 'Fires after a macro has been deleted.', {
    Name: str(),
  }),
  event('Macros Macro Renamed', 'AUIR', 'Fires after a macro has been renamed.', {
    Name: str(),
    NewName: str(),
  }),
  event('Macros Macro Activated', 'AUIR', 'Fires after a macro has been enabled.', {
    Name: str(),
  }),
  event('Macros Macro Deactivated', 'AUIR', 'Fires after a macro has been disabled.', {
    Name: str(),
  }),
  event('Macros Macro Started', 'AUIR', 'Fires when a macro has begun running.', {
    Name: str(),
  }),
  event('Macros Runtime Ready', 'AUIR', 'Fires when the macro runtime has finished starting.'),
  event('Macros Runtime Reloading', 'AUIR', 'Fires when the macro runtime begins to restart.'),
  event('Macros Runtime Reloaded', 'AUIR', 'Fires when a runtime restart has completed.'),
];
