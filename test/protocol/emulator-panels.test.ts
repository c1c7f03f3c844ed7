/**
 * UI extension panels on the simulated device, over a real socket: a panel saved whole (pages, rows, widgets) and
 * listed back; one the format's rules refuse is refused; a touch on each kind of widget makes the events a real touch
 * makes (Widget Action, and the older Extensions Event form), in order; toggles, sliders and group buttons keep their
 * value; a panel opened and closed, and its pages, make their events.
 */
import assert from 'node:assert/strict';
import { harness, Harness, RawClient } from './emulator-support';

const PANEL = `<Extensions><Version>1.11</Version><Panel>
  <PanelId>lights</PanelId><Location>HomeScreen</Location><Icon>Lightbulb</Icon><Name>Lights</Name><Order>3</Order>
  <Page><Name>Main</Name><PageId>main</PageId>
    <Row><Name>Power</Name>
      <Widget><WidgetId>power</WidgetId><Type>ToggleButton</Type><Options>size=1</Options></Widget>
      <Widget><WidgetId>level</WidgetId><Type>Slider</Type><Options>size=3</Options></Widget>
    </Row>
    <Row><Name>Scene</Name>
      <Widget><WidgetId>scene</WidgetId><Type>GroupButton</Type><Options>size=4</Options>
        <ValueSpace><Value><Key>warm</Key><Name>Warm</Name></Value><Value><Key>cold</Key><Name>Cold</Name></Value></ValueSpace></Widget>
    </Row>
    <Row><Name>More</Name>
      <Widget><WidgetId>go</WidgetId><Name>Go</Name><Type>Button</Type></Widget>
      <Widget><WidgetId>spin</WidgetId><Type>Spinner</Type><Options>size=2;style=plusminus</Options></Widget>
      <Widget><WidgetId>pad</WidgetId><Type>DirectionalPad</Type></Widget>
    </Row>
  </Page>
  <Page><Name>Other</Name><PageId>other</PageId></Page>
</Panel></Extensions>`;

describe('emulator: UI extension panels', () => {
  let h: Harness;
  let c: RawClient;
  beforeEach(async () => {
    h = await harness();
    c = await RawClient.open(h.emu.url);
    assert.deepEqual((await c.request('xCommand/UserInterface/Extensions/Panel/Save', { PanelId: 'lights', body: PANEL })).result, { status: 'OK' });
  });
  afterEach(async () => { c.close(); await h.stop(); });

  const sub = async (Query: unknown[]): Promise<number> => (await c.request('xFeedback/Subscribe', { Query })).result.Id;
  /** The Extensions events of `n` feedback messages, as `path payload` lines. */
  const eventsOf = async (id: number, n: number) => (await c.eventCount(n, id)).map(e => describe(e.Event.UserInterface.Extensions));
  function describe(ext: Record<string, any>): string {
    const [group, rest] = Object.entries(ext)[0];
    const [name, payload] = Object.entries(rest as Record<string, any>)[0];
    const { id: _id, ...fields } = payload as Record<string, unknown>;
    return `${group} ${name} ${JSON.stringify(fields)}`;
  }

  it('keeps the whole panel, pages included, and lists it back (the assumed listing shape)', async () => {
    const listed = (await c.request('xCommand/UserInterface/Extensions/List')).result.Extensions;
    const [panel] = listed.Panel;
    assert.equal(panel.PanelId, 'lights');
    assert.equal(panel.Order, 3);
    assert.equal(panel.Location, 'HomeScreen');
    assert.deepEqual(panel.Page.map((p: any) => p.PageId), ['main', 'other']);
    const [power, level] = panel.Page[0].Row[0].Widget;
    assert.deepEqual(power, { id: 1, WidgetId: 'power', Type: 'ToggleButton', Options: 'size=1' });
    assert.equal(level.WidgetId, 'level');
    assert.deepEqual(panel.Page[0].Row[1].Widget[0].ValueSpace.Value.map((v: any) => [v.Key, v.Name]), [['warm', 'Warm'], ['cold', 'Cold']]);
    assert.deepEqual([...h.emu.device.savedPanels().keys()], ['lights']);
  });

  it('refuses a panel the format\'s rules refuse, with the reason, and keeps the one it had', async () => {
    const bad = PANEL.replace('<Type>Spinner</Type>', '<Type>Knob</Type>');
    const r = await c.request('xCommand/UserInterface/Extensions/Panel/Save', { PanelId: 'lights', body: bad });
    assert.match(r.error?.data?.Reason ?? r.error?.message ?? '', /Invalid panel: "Knob" is not a widget type/);
    assert.equal(h.emu.device.savedPanels().get('lights')!.pages[0].rows[2].widgets[1].type, 'Spinner');
  });

  it('each kind of widget makes the events a touch makes, in both forms and in order', async () => {
    const ev = await sub(['Event', 'UserInterface', 'Extensions']);
    const d = h.emu.device;
    d.touchWidget('go', { kind: 'press' });
    d.touchWidget('go', { kind: 'release' });
    assert.deepEqual(await eventsOf(ev, 6), [
      'Event Pressed {"Signal":"go"}', 'Widget Action {"Type":"pressed","Value":"","WidgetId":"go"}',
      'Event Released {"Signal":"go"}', 'Widget Action {"Type":"released","Value":"","WidgetId":"go"}',
      'Event Clicked {"Signal":"go"}', 'Widget Action {"Type":"clicked","Value":"","WidgetId":"go"}',
    ]);
    d.touchWidget('power', { kind: 'toggle', value: 'on' });
    d.touchWidget('level', { kind: 'slide', phase: 'start', value: 10 });
    d.touchWidget('level', { kind: 'slide', phase: 'move', value: 300 });
    d.touchWidget('level', { kind: 'slide', phase: 'end', value: 200 });
    d.touchWidget('scene', { kind: 'press', value: 'cold' });
    d.touchWidget('scene', { kind: 'release', value: 'cold' });
    d.touchWidget('spin', { kind: 'press', value: 'increment' });
    d.touchWidget('spin', { kind: 'release', value: 'increment' });
    d.touchWidget('pad', { kind: 'release', value: 'up' });
    const actions = (await eventsOf(ev, 6 + 2 * 11)).filter(l => l.startsWith('Widget Action')).slice(3);
    assert.deepEqual(actions, [
      'Widget Action {"Type":"changed","Value":"on","WidgetId":"power"}',
      'Widget Action {"Type":"pressed","Value":"10","WidgetId":"level"}',
      'Widget Action {"Type":"changed","Value":"255","WidgetId":"level"}',
      'Widget Action {"Type":"released","Value":"200","WidgetId":"level"}',
      'Widget Action {"Type":"pressed","Value":"cold","WidgetId":"scene"}',
      'Widget Action {"Type":"released","Value":"cold","WidgetId":"scene"}',
      'Widget Action {"Type":"pressed","Value":"increment","WidgetId":"spin"}',
      'Widget Action {"Type":"released","Value":"increment","WidgetId":"spin"}',
      'Widget Action {"Type":"clicked","Value":"increment","WidgetId":"spin"}',
      'Widget Action {"Type":"released","Value":"up","WidgetId":"pad"}',
      'Widget Action {"Type":"clicked","Value":"up","WidgetId":"pad"}',
    ]);
    assert.deepEqual(['power', 'level', 'scene', 'spin'].map(id => d.widgetValue(id)), ['on', '200', 'cold', undefined], 'what a touch leaves set');
    assert.throws(() => d.touchWidget('nope', { kind: 'press' }), /No widget with WidgetId nope/);
  });

  it('the older event carries "id:value" when there is a value', async () => {
    const ev = await sub(['Event', 'UserInterface', 'Extensions', 'Event']);
    h.emu.device.touchWidget('power', { kind: 'toggle', value: 'off' });
    assert.deepEqual(await eventsOf(ev, 1), ['Event Changed {"Signal":"power:off"}']);
  });

  it('a panel opened, a page changed, the panel closed: their events; Panel Open from a macro too', async () => {
    const ev = await sub(['Event', 'UserInterface', 'Extensions']);
    h.emu.device.openPanel('lights');
    h.emu.device.openPanel('lights', 'other');
    h.emu.device.closePanel();
    assert.deepEqual(await eventsOf(ev, 11), [
      'Panel Open {"PageId":"main","PanelId":"lights"}', 'Page Action {"PageId":"main","Type":"Opened"}', 'Event PageOpened {"PageId":"main"}',
      'Page Action {"PageId":"main","Type":"Closed"}', 'Event PageClosed {"PageId":"main"}',
      'Panel Open {"PageId":"other","PanelId":"lights"}', 'Page Action {"PageId":"other","Type":"Opened"}', 'Event PageOpened {"PageId":"other"}',
      'Page Action {"PageId":"other","Type":"Closed"}', 'Event PageClosed {"PageId":"other"}', 'Panel Close {}',
    ]);
    const r = await c.request('xCommand/UserInterface/Extensions/Panel/Open', { PanelId: 'nope' });
    assert.match(r.error?.data?.Reason ?? r.error?.message ?? '', /No panel with PanelId nope/);
  });
});
