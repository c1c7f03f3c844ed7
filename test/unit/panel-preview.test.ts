/**
 * The panel preview's pure parts: what a touch on each widget kind makes the device send (schema/panels/touch.ts),
 * and the messages the host takes from the preview's page (anything else is dropped).
 */
import assert from 'node:assert/strict';
import { legacyEvent, touchActions, valueAfter } from '../../schema/panels/touch';
import { parsePreviewMessage } from '../../client/views/panelPreview/messages';

describe('panel touches', () => {
  it('each kind: its events in order, a slider clamped to 0..255, nothing for what it does not take', () => {
    assert.deepEqual(touchActions('Button', { kind: 'release' }).map(a => a.Type), ['released', 'clicked']);
    assert.deepEqual(touchActions('Slider', { kind: 'slide', phase: 'move', value: -4 }), [{ Type: 'changed', Value: '0' }]);
    assert.deepEqual(touchActions('Slider', { kind: 'slide', phase: 'end', value: 254.6 }), [{ Type: 'released', Value: '255' }]);
    assert.deepEqual(touchActions('ToggleButton', { kind: 'toggle', value: 'off' }), [{ Type: 'changed', Value: 'off' }]);
    assert.deepEqual(touchActions('GroupButton', { kind: 'release', value: 'warm' }), [{ Type: 'released', Value: 'warm' }]);
    assert.deepEqual(touchActions('Text', { kind: 'press' }), []);
    assert.deepEqual(touchActions('ToggleButton', { kind: 'press' }), [], 'a toggle is toggled, not pressed');
  });

  it('the older event\'s Signal, and the value a touch leaves', () => {
    assert.deepEqual(legacyEvent({ Type: 'clicked', Value: '' }, 'go'), { path: 'UserInterface Extensions Event Clicked', payload: { Signal: 'go' } });
    assert.deepEqual(legacyEvent({ Type: 'changed', Value: '12' }, 'lvl'), { path: 'UserInterface Extensions Event Changed', payload: { Signal: 'lvl:12' } });
    assert.equal(valueAfter('Slider', { Type: 'pressed', Value: '3' }), undefined);
    assert.equal(valueAfter('GroupButton', { Type: 'released', Value: 'k' }), 'k');
  });
});

describe('panel preview messages', () => {
  it('takes what the page may send and drops the rest', () => {
    assert.deepEqual(parsePreviewMessage({ type: 'touch', widgetId: 'w', widgetType: 'Slider', touch: { kind: 'slide', phase: 'move', value: 9 } }),
      { type: 'touch', widgetId: 'w', widgetType: 'Slider', touch: { kind: 'slide', phase: 'move', value: 9 } });
    assert.deepEqual(parsePreviewMessage({ type: 'panelClicked', panelId: 'p' }), { type: 'panelClicked', panelId: 'p' });
    for (const bad of [null, { type: 'touch', widgetId: 'w', widgetType: 'Slider', touch: { kind: 'slide', phase: 'move', value: '9' } },
      { type: 'touch', widgetId: 'w', widgetType: 'ToggleButton', touch: { kind: 'toggle', value: 'maybe' } }, { type: 'touch', widgetId: 1 }, { type: 'eval' }]) {
      assert.equal(parsePreviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
