/**
 * The macro log's text side (client/macros/logText.ts) and the runtime status the Macros view shows
 * (xapi/macroStore.ts): pure, so plain mocha, no VS Code.
 */
import assert from 'node:assert/strict';
import { findMacroRefs, formatLogLine, isMacroLogChannelPath, levelOf, lineFragment, macroLogChannelName } from '../../client/macros/logText';
import { checkMacroName, parseRuntimeStatus, withStates } from '../../xapi/macroStore';
import { describeError, loadMacro } from '../../emulator/macros/sandbox';

const refs = (text: string, macros: string[]) => findMacroRefs(text, macros).map(r => ({ text: text.slice(r.start, r.end), macro: r.macro, line: r.line, column: r.column }));

describe('macro log: links from a line to a macro', () => {
  it('finds name.js:LINE:COL, name.js:LINE and name:LINE for the device\'s macros', () => {
    assert.deepEqual(refs('TypeError: x is not a function\n    at speaker.js:12:5\n    at lights:3', ['speaker', 'lights']), [
      { text: 'speaker.js:12:5', macro: 'speaker', line: 12, column: 5 },
      { text: 'lights:3', macro: 'lights', line: 3, column: undefined },
    ]);
    assert.deepEqual(refs('SyntaxError: Unexpected token (typo.js:1)', ['typo']), [{ text: 'typo.js:1', macro: 'typo', line: 1, column: undefined }]);
  });

  it('names the device does not have, and names inside other words or paths, are no links', () => {
    assert.deepEqual(refs('at other.js:3:1', ['speaker']), []);
    assert.deepEqual(refs('at megaspeaker.js:3:1', ['speaker']), [], 'only a whole name');
    assert.deepEqual(refs('at /usr/lib/speaker.js:3:1 and http://host/speaker:8080', ['speaker']), [], 'a path or URL ending in the name is another file');
    assert.deepEqual(refs('speaker.js without a line', ['speaker']), []);
    assert.deepEqual(findMacroRefs('speaker.js:1', []), []);
  });

  it('a name that begins another is told apart, and regex characters in names match literally', () => {
    assert.deepEqual(refs('at room-setup.js:7:2', ['room', 'room-setup']).map(r => r.macro), ['room-setup']);
    assert.deepEqual(refs('at a+b.js:2 and aab.js:2', ['a+b']).map(r => r.text), ['a+b.js:2']);
  });

  it('knows its channels by the id VS Code 1.100 gives a log channel: our extension id, a dot, the name without \\/:*?"<>|', () => {
    const ours = 'xapi-workbench.xapi-workbench';
    assert.equal(macroLogChannelName('Lab: Room 1'), 'xAPI Macros: Lab: Room 1');
    assert.equal(isMacroLogChannelPath('xapi-workbench.xapi-workbench.xAPI Macros Simulated Device', ours), true);
    assert.equal(isMacroLogChannelPath('xapi-workbench.xapi-workbench.xAPI Macros Lab Room 1', ours), true);
    assert.equal(isMacroLogChannelPath('xapi-workbench.xapi-workbench.xAPI', ours), false, 'our main log is no macro log');
    assert.equal(isMacroLogChannelPath('someone.else.xAPI Macros notes', ours), false, 'another extension\'s channel of that name');
  });

  it('the fragment VS Code opens at: L12,5, or L12 without a column', () => {
    assert.equal(lineFragment({ line: 12, column: 5 }), 'L12,5');
    assert.equal(lineFragment({ line: 12 }), 'L12');
  });

  it('the emulator\'s ERROR line for a macro that throws at load links to the line that threw', async () => {
    const source = "console.log('one');\n\n  notDefinedAnywhere();\n";
    const loaded = loadMacro('thrower', source, { log: () => undefined, threw: () => undefined, entered: () => undefined, module: () => ({}) });
    const thrown = await loaded.done.then(() => assert.fail('it should throw'), (e: unknown) => e);
    const { message } = describeError('thrower', thrown);
    const found = refs(message, ['thrower', 'other']);
    assert.ok(found.length >= 1, message);
    assert.deepEqual(found[0], { text: 'thrower.js:3:3', macro: 'thrower', line: 3, column: 3 });
  });
});

describe('macro log: levels and lines', () => {
  it('the device\'s levels map to the channel\'s; anything else is info', () => {
    assert.deepEqual(['ERROR', 'fatal', 'WARNING', 'warn', 'DEBUG', 'TRACE', 'INFO', 'LOG', undefined].map(levelOf),
      ['error', 'error', 'warn', 'warn', 'debug', 'trace', 'info', 'info', 'info']);
  });

  it('a line reads [macro] message; a runtime line has no macro', () => {
    assert.equal(formatLogLine({ Level: 'INFO', Macro: 'greeter', Message: 'hello' }), '[greeter] hello');
    assert.equal(formatLogLine({ Level: 'ERROR', Macro: '', Message: 'The macro runtime stopped' }), 'The macro runtime stopped');
    assert.equal(formatLogLine({}), '');
  });
});

describe('Macros view: the runtime status it shows', () => {
  it('reads Running and each listed macro\'s State (one macro comes as an object)', () => {
    const many = parseRuntimeStatus({ Running: 'True', ActiveMacros: 2, Macro: [{ Name: 'a', State: 'Running', id: 1 }, { Name: 'b', State: 'Failed', id: 2 }] });
    assert.equal(many.status, 'Running');
    assert.deepEqual([...many.states], [['a', 'Running'], ['b', 'Failed']]);
    const one = parseRuntimeStatus({ Running: 'False', Macro: { Name: 'c', State: 'Unresponsive' } });
    assert.equal(one.status, 'Stopped');
    assert.deepEqual([...one.states], [['c', 'Unresponsive']]);
  });

  it('a device that says nothing gives no status and no states', () => {
    assert.deepEqual(parseRuntimeStatus(undefined), { status: undefined, states: new Map() });
    assert.deepEqual(parseRuntimeStatus({ Running: 'True' }).states.size, 0);
  });

  it('each macro gets the state the runtime lists for it, the others none', () => {
    const macros = [{ name: 'a', active: true }, { name: 'b', active: true }, { name: 'c', active: false }];
    assert.deepEqual(withStates(macros, parseRuntimeStatus({ Running: 'True', Macro: [{ Name: 'b', State: 'Failed' }] })), [
      { name: 'a', active: true }, { name: 'b', active: true, state: 'Failed' }, { name: 'c', active: false },
    ]);
  });
});

describe('macro names', () => {
  it('letters, digits, - and _ are a name; anything else is refused, saying which character and what a name takes', () => {
    for (const ok of ['greeter', 'GMM_Lib', 'room-setup-2', 'Møterom']) assert.equal(checkMacroName(ok), undefined, ok);
    assert.equal(checkMacroName('bad.name'), 'A dot cannot be in a macro name: a macro name has letters, digits, - and _ only');
    assert.equal(checkMacroName('bad name'), 'A space cannot be in a macro name: a macro name has letters, digits, - and _ only');
    assert.match(checkMacroName('a/b')!, /^"\/" cannot be in a macro name/);
    assert.equal(checkMacroName('  '), 'Enter a name');
    assert.match(checkMacroName('x'.repeat(251))!, /At most 250 characters \(this one has 251\)/);
  });
});
