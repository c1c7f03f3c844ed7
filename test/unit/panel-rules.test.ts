/**
 * The UI extension panel rules (schema/panels/): the XML reader keeps going through broken and half-typed input with
 * exact ranges; each rule with a panel it refuses and one it takes; the `Location` a product lacks, from the
 * published schema; and the panels real macros save (../shared/real-macros) check clean.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkPanel, type PanelDiagnostic } from '../../schema/panels/check';
import { parseOptions } from '../../schema/panels/format';
import { allElements, parseXml } from '../../schema/panels/xml';
import { listedPanel, panelFromListing, panelsFromListing, panelXml, samePanel } from '../../schema/panels/listing';
import { readPanelDocument } from '../../schema/panels/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { requirePublished } from '../support/publishedSchemas';

const widget = (type: string, extra = '', id = 'w1') => `<Widget><WidgetId>${id}</WidgetId><Type>${type}</Type>${extra}</Widget>`;
const panel = (rows: string, head = '<Location>HomeScreen</Location><Icon>Lightbulb</Icon><Name>Lights</Name>') =>
  `<Extensions><Version>1.11</Version><Panel><PanelId>lights</PanelId>${head}<Page><Name>Main</Name><PageId>main</PageId><Row><Name>Row</Name>${rows}</Row></Page></Panel></Extensions>`;
const codes = (ds: PanelDiagnostic[]) => ds.map(d => `${d.severity}:${d.code}`);
const only = (text: string, code: string) => checkPanel(text).filter(d => d.code === code);

describe('panel XML reader', () => {
  it('gives each element its exact range, its text decoded, and self-closing elements', () => {
    const text = '<Extensions><Panel><Name>A &amp; B</Name><Name/></Panel></Extensions>';
    const doc = parseXml(text);
    const [name, empty] = doc.roots[0].children[0].children;
    assert.equal(text.slice(name.nameStart, name.nameEnd), 'Name');
    assert.equal(name.text, 'A & B');
    assert.equal(text.slice(name.textStart, name.textEnd), 'A &amp; B');
    assert.equal(empty.selfClosing, true);
    assert.deepEqual(doc.problems, []);
  });

  it('keeps going through broken XML: each break is named where it is, and what follows is still read', () => {
    const text = '<Extensions><Panel><Name>x</Nme><Page></Page></Panel></Extensions>';
    const doc = parseXml(text);
    assert.deepEqual(doc.problems.map(p => text.slice(p.start, p.end)), ['</Nme>', 'Name']);
    assert.ok([...allElements(doc.roots)].some(c => c.name === 'Page'), 'the page after the break is read');
  });

  it('half-typed: the elements open at the end are known (what completion asks)', () => {
    const doc = parseXml('<Extensions><Panel><Page><Row><Widget><Ty');
    assert.deepEqual(doc.openAtEnd.map(e => e.name), ['Extensions', 'Panel', 'Page', 'Row', 'Widget']);
  });

  it('offsets start at the base given (a panel inside a macro\'s string)', () => {
    const doc = parseXml('<Extensions/>', 100);
    assert.equal(doc.roots[0].nameStart, 101);
  });
});

describe('panel rules', () => {
  it('a complete panel of every widget type checks clean', () => {
    const rows = [
      widget('Button', '<Name>Go</Name><Options>size=1;icon=play</Options>', 'b'),
      widget('ToggleButton', '<Options>size=1</Options>', 't'),
      widget('Slider', '<Options>size=2</Options>', 's'),
      widget('GroupButton', '<Options>size=4;columns=3</Options><ValueSpace><Value><Key>1</Key><Name>One</Name></Value></ValueSpace>', 'g'),
      widget('Spinner', '<Options>size=2;style=plusminus</Options>', 'sp'),
      widget('DirectionalPad', '<Name>OK</Name>', 'd'),
      widget('Text', '<Options>size=4;fontSize=normal;align=left</Options>', 'x'),
      widget('Spacer', '<Options>size=1</Options>', 'y'),
    ].join('');
    assert.deepEqual(checkPanel(panel(rows)), []);
  });

  it('the root is <Extensions>', () => {
    assert.deepEqual(codes(checkPanel('<Panel/>')), ['error:root']);
    assert.deepEqual(codes(checkPanel('')), ['error:root']);
  });

  it('unknown elements, and elements in the wrong place', () => {
    assert.match(only(panel(widget('Button', '<Colour>red</Colour>')), 'unknown-element')[0].message, /<Colour> is not an element of the panel format: a <Widget> takes <WidgetId>, <Name>, <Type>, <Options>, <ValueSpace>/);
    assert.match(only(panel(widget('Button', '<PageId>p</PageId>')), 'misplaced')[0].message, /<PageId> does not belong in a <Widget>/);
    assert.deepEqual(only(panel(widget('Button')), 'unknown-element'), []);
  });

  it('an empty id is marked at its element\'s name (a range that starts before it ends)', () => {
    const text = panel('<Widget><WidgetId></WidgetId><Type>Button</Type></Widget>');
    const [d] = only(text, 'id');
    assert.ok(d.start < d.end);
    assert.equal(text.slice(d.start, d.end), 'WidgetId');
  });

  it('an option after an entity is marked where it is written', () => {
    const text = panel(widget('Button', '<Options>icon=play&amp;x;size=9</Options>'));
    const bad = only(text, 'option').find(d => /size/.test(d.message))!;
    assert.equal(text.slice(bad.start, bad.end), 'size=9');
  });

  it('required elements: a widget without its id or type', () => {
    const missing = only(panel('<Widget><Type>Button</Type></Widget>'), 'missing');
    assert.match(missing[0].message, /<Widget> needs a <WidgetId>/);
    assert.deepEqual(only(panel(widget('Button')), 'missing'), []);
  });

  it('widget types', () => {
    assert.match(only(panel(widget('Knob')), 'widget-type')[0].message, /"Knob" is not a widget type: Button, ToggleButton/);
    assert.deepEqual(only(panel(widget('Slider')), 'widget-type'), []);
  });

  it('duplicate WidgetId, PageId and PanelId', () => {
    const twice = only(panel(widget('Button', '', 'same') + widget('Slider', '', 'same')), 'duplicate-id');
    assert.match(twice[0].message, /WidgetId "same" is used twice/);
    const pages = `<Extensions><Panel><PanelId>p</PanelId><Page><PageId>a</PageId></Page><Page><PageId>a</PageId></Page></Panel></Extensions>`;
    assert.equal(only(pages, 'duplicate-id').length, 1);
    assert.deepEqual(only(panel(widget('Button', '', 'a') + widget('Slider', '', 'b')), 'duplicate-id'), []);
  });

  it('options a widget type does not take, unknown options and values out of range', () => {
    const text = panel(widget('Slider', '<Options>size=2;icon=play</Options>'));
    const [bad] = only(text, 'option');
    assert.match(bad.message, /a Slider takes no icon option \(it takes size\)/);
    assert.equal(text.slice(bad.start, bad.end), 'icon=play', 'the option itself is marked');
    assert.match(only(panel(widget('Button', '<Options>size=5</Options>')), 'option')[0].message, /size takes 1 to 4, not "5"/);
    assert.match(only(panel(widget('Button', '<Options>icon=rocket</Options>')), 'option')[0].message, /icon takes arrow_down/);
    assert.match(only(panel(widget('Text', '<Options>colour=red</Options>')), 'option')[0].message, /"colour" is not an option/);
    assert.deepEqual(only(panel(widget('Button', '<Options>size=2;icon=play</Options>')), 'option'), []);
    assert.deepEqual(parseOptions(' size=1; icon = end '), [{ key: 'size', value: '1', at: 1 }, { key: 'icon', value: 'end', at: 9 }]);
  });

  it('a page\'s options', () => {
    const page = (o: string) => `<Extensions><Panel><Page><Name>P</Name><Options>${o}</Options></Page></Panel></Extensions>`;
    assert.deepEqual(only(page('hideRowNames=1'), 'option'), []);
    assert.match(only(page('hideRowNames=yes'), 'option')[0].message, /hideRowNames takes 0, 1/);
  });

  it('a group button: its buttons in a ValueSpace, which no other type has', () => {
    assert.match(checkPanel(panel(widget('GroupButton'))).find(d => d.code === 'missing')!.message, /a GroupButton without a <ValueSpace> has no buttons/);
    assert.match(only(panel(widget('Button', '<ValueSpace><Value><Key>1</Key></Value></ValueSpace>')), 'misplaced')[0].message, /a Button has no <ValueSpace>/);
  });

  it('values: the older Type, an Order, a colour, an ActivityType, the format version', () => {
    const head = (h: string) => panel(widget('Button'), h);
    assert.match(only(head('<Type>Homescreen</Type>'), 'value')[0].message, /<Type> takes Home, Statusbar, InCall, Never, Global/);
    assert.deepEqual(only(head('<Type>Statusbar</Type>'), 'value'), []);
    assert.match(only(head('<Order>first</Order>'), 'value')[0].message, /whole number/);
    const color = only(head('<Color>#A8660</Color>'), 'value');
    assert.equal(color[0].severity, 'warning', 'a colour the device cannot read is misrendered, not refused');
    assert.deepEqual(only(head('<Color>#A866FF</Color>'), 'value'), []);
    assert.match(only(head('<ActivityType>App</ActivityType>'), 'value')[0].message, /Custom, WebApp/);
    assert.equal(checkPanel(panel(widget('Button')).replace('1.11', '1.12')).find(d => d.code === 'version')?.severity, 'info');
    assert.equal(checkPanel(panel(widget('Button')).replace('1.11', 'one')).find(d => d.code === 'version')?.severity, 'error');
  });

  it('a second element where the device reads one', () => {
    assert.deepEqual(codes(checkPanel(panel(widget('Button', '<Name>a</Name><Name>b</Name>')))), ['warning:repeated']);
  });

  it('Location and Icon from the device\'s own schema: a Location its software lacks is an error', async function () {
    // The schemas' Panel Update Location: 10.19 lacks ControlPanel, 11.27 has it, 26.4 adds RoomScheduler.
    const [v10, v11, v26] = await Promise.all(['10.19.4.2', '11.27.2.0', '26.4.1-March-2026'].map(async v => new SchemaIndex(await requirePublished(this, v))));
    const at = (l: string) => panel(widget('Button'), `<Location>${l}</Location>`);
    assert.match(checkPanel(at('ControlPanel'), { index: v10, product: 'hopen' }).find(d => d.code === 'product')!.message,
      /Location "ControlPanel" is not on this device \(RoomOS 10\.19\.4\.2, hopen\): it takes HomeScreen, CallControls, HomeScreenAndCallControls, Hidden/);
    assert.deepEqual(checkPanel(at('ControlPanel'), { index: v11, product: 'hopen' }), []);
    assert.equal(checkPanel(at('RoomScheduler'), { index: v11, product: 'hopen' })[0]?.code, 'value', 'not a Location 11.27 knows');
    const board = v26.lookup('Command', 'UserInterface Extensions Panel Update')!.variants[0].products[0];
    assert.deepEqual(checkPanel(at('RoomScheduler'), { index: v26, product: board }), []);
    assert.match(checkPanel(at('HomeScreen'), { index: v26, product: 'hopen' })[0].message, /RoomOS 26\.4\.1-March-2026 lists no UserInterface Extensions Panel Update for hopen/);
    assert.match(checkPanel(panel(widget('Button'), '<Icon>Rocket</Icon>'), { index: v11, product: 'hopen' })[0].message, /<Icon> takes Briefing, Camera/);
  });

  it('an older schema without Location for panels: a Location there is a warning that names <Type>', async function () {
    const index = new SchemaIndex(await requirePublished(this, '9.15.17.4'));
    const [d] = checkPanel(panel(widget('Button'), '<Location>HomeScreen</Location>'), { index, product: 'hopen' });
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /has no Location for panels: its devices place a panel with <Type>/);
  });
});

describe('panel listing and XML', () => {
  it('a panel survives the listing (the assumed shape) and XML both ways', () => {
    const text = panel(widget('GroupButton', '<Options>size=4;columns=2</Options><ValueSpace><Value><Key>a</Key><Name>A &amp; B</Name></Value></ValueSpace>', 'g') + widget('Slider', '', 's'), '<Location>HomeScreen</Location><Order>2</Order><Name>Lights</Name>');
    const model = readPanelDocument(text).panels[0];
    const listed = listedPanel('lights', model, 1);
    assert.equal(listed.Order, 2);
    assert.deepEqual(panelsFromListing({ Extensions: { Panel: [listed] } }).get('lights')!.pages, model.pages);
    assert.ok(samePanel(panelFromListing(listed), model));
    const again = readPanelDocument(panelXml('lights', model)).panels[0];
    assert.ok(samePanel(again, model));
    assert.deepEqual(checkPanel(panelXml('lights', model)), []);
    assert.ok(!samePanel(again, { ...model, pages: [] }));
  });
});

describe('panels real macros save', () => {
  const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'real-macros');
  it('check without an error (literal ones; those with ${} are not checked, as in the editor)', function () {
    if (!existsSync(corpus)) { console.log(`    skipped: ${corpus} not found`); this.skip(); }
    let checked = 0;
    for (const dir of readdirSync(corpus, { withFileTypes: true }).filter(d => d.isDirectory())) {
      for (const file of readdirSync(path.join(corpus, dir.name)).filter(f => f.endsWith('.js'))) {
        const source = readFileSync(path.join(corpus, dir.name, file), 'utf8');
        for (const m of source.matchAll(/`(\s*<Extensions>[\s\S]*?<\/Extensions>\s*)`/g)) {
          if (m[1].includes('${')) continue;
          checked++;
          const errors = checkPanel(m[1]).filter(d => d.severity === 'error');
          assert.deepEqual(errors, [], `${dir.name}/${file}`);
        }
      }
    }
    assert.ok(checked >= 5, `${checked} literal panels found`);
  });
});
