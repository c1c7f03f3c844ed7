/**
 * UI extension panels in the real language server over stdio (core schema): `.panel.xml` files (language
 * `xapi-panel`) get completion of elements by their parent, of widget types, of options by the widget's type and of
 * Location values from the schema, diagnostics from the panel rules, and hover; a macro's literal `Panel Save` body
 * gets the same, and a body with `${}` gets none.
 */
import assert from 'node:assert/strict';
import { LspClient } from './support/lspClient';
import { CompletionRequest } from 'vscode-languageserver-protocol/node';
import { completeAt, diagnose, freshUri, hoverAt, labels } from './support/requests';
import { marked } from './support/markers';

const HEAD = '<Extensions><Version>1.11</Version><Panel><PanelId>p</PanelId>';
const ROW = (inner: string) => `${HEAD}<Page><Name>P</Name><Row><Name>R</Name>${inner}</Row></Page></Panel></Extensions>`;

describe('language server over stdio: UI extension panels', function () {
  this.timeout(60_000);
  let c: LspClient;
  before(async () => { c = await LspClient.start(); });
  after(async () => { await c?.stop(); });

  describe('.panel.xml', () => {
    it('completes the elements a parent takes, as snippets that close themselves', async () => {
      const items = await completeAt(c, 'xapi-panel', `${HEAD}<Page><Row><Widget><|`);
      assert.deepEqual(labels(items), ['WidgetId', 'Name', 'Type', 'Options', 'ValueSpace']);
      // A snippet where the client takes them; this test client does not, so the server sends plain text.
      assert.match(items.find(i => i.label === 'Type')!.textEdit!.newText, /^Type>(\$0)?<\/Type>$/);
      const panel = labels(await completeAt(c, 'xapi-panel', `${HEAD}<|`));
      assert.ok(panel.includes('Location') && panel.includes('Page') && !panel.includes('Widget'), panel.join());
      assert.deepEqual(labels(await completeAt(c, 'xapi-panel', '<|')), ['Extensions']);
    });

    it('completes widget types, a type\'s options and an option\'s values', async () => {
      assert.deepEqual(labels(await completeAt(c, 'xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>|'))),
        ['Button', 'ToggleButton', 'Slider', 'GroupButton', 'Spinner', 'DirectionalPad', 'Text', 'Spacer']);
      assert.deepEqual(labels(await completeAt(c, 'xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>Text</Type><Options>size=4;|'))), ['fontSize', 'align'],
        'a Text\'s options but the one given');
      assert.deepEqual(labels(await completeAt(c, 'xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>Spinner</Type><Options>style=|'))), ['vertical', 'horizontal', 'plusminus']);
    });

    it('completes Location from the schema in force', async () => {
      const items = labels(await completeAt(c, 'xapi-panel', `${HEAD}<Location>|`));
      assert.ok(items.includes('HomeScreen') && items.includes('Hidden'), items.join());
    });

    it('diagnoses what the device would refuse, where it is', async () => {
      const text = ROW('<Widget><WidgetId>a</WidgetId><Type>Slider</Type><Options>icon=play</Options></Widget><Widget><WidgetId>a</WidgetId><Type>Knob</Type></Widget>');
      const { diagnostics } = await diagnose(c, 'xapi-panel', text);
      assert.deepEqual(diagnostics.map(d => d.code).sort(), ['panel-duplicate-id', 'panel-option', 'panel-widget-type']);
      const option = diagnostics.find(d => d.code === 'panel-option')!;
      const line = text.split('\n')[option.range.start.line];
      assert.equal(line.slice(option.range.start.character, option.range.end.character), 'icon=play');
      assert.equal((await diagnose(c, 'xapi-panel', ROW('<Widget><WidgetId>a</WidgetId><Type>Slider</Type></Widget>'))).diagnostics.length, 0);
    });

    it('hovers an element, a widget type and an option', async () => {
      assert.match((await hoverAt(c, 'xapi-panel', `${HEAD}<Lo|cation>HomeScreen</Location>`))!, /\*\*<Location>\*\* — Where its button is/);
      assert.match((await hoverAt(c, 'xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>Sli|der</Type></Widget>')))!, /\*\*Slider\*\* — A slider, 0 to 255.*pressed, changed, released/s);
      assert.match((await hoverAt(c, 'xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>Text</Type><Options>fontS|ize=small</Options></Widget>')))!, /\*\*fontSize\*\*/);
    });
  });

  describe('a macro\'s literal Panel Save body', () => {
    const macro = (body: string, quote = '`') => `import xapi from 'xapi';\nxapi.Command.UserInterface.Extensions.Panel.Save({ PanelId: 'p' }, ${quote}${body}${quote});\n`;

    it('gets the panel diagnostics at their place in the file (proxy and string style)', async () => {
      const body = ROW('<Widget><WidgetId>w</WidgetId><Type>Knob</Type></Widget>');
      const { diagnostics } = await diagnose(c, 'javascript', macro(body));
      const [d] = diagnostics.filter(x => x.code === 'panel-widget-type');
      assert.ok(d, JSON.stringify(diagnostics));
      const line = macro(body).split('\n')[d.range.start.line];
      assert.equal(line.slice(d.range.start.character, d.range.end.character), 'Knob');
      const stringStyle = `import xapi from 'xapi';\nxapi.command('UserInterface Extensions Panel Save', { PanelId: 'p' }, '${body}');\n`;
      assert.deepEqual((await diagnose(c, 'javascript', stringStyle)).diagnostics.map(x => x.code), ['panel-widget-type']);
    });

    it('a template literal in a file with CRLF line breaks is checked too, at the right place', async () => {
      const body = ROW('<Widget><WidgetId>w</WidgetId>\r\n<Type>Knob</Type></Widget>');
      const text = macro(body).replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n');
      const [d] = (await diagnose(c, 'javascript', text)).diagnostics.filter(x => x.code === 'panel-widget-type');
      assert.ok(d);
      assert.equal(text.split('\r\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'Knob');
    });

    it('`<`, `=` and `;` ask for completion in panel XML only', async () => {
      const ask = async (languageId: string, src: string, triggerCharacter: string) => {
        const m = marked(src);
        const uri = freshUri(languageId);
        await c.open(uri, languageId, m.text);
        const res = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: m.line, character: m.character }, context: { triggerKind: 2, triggerCharacter } });
        await c.close(uri);
        return Array.isArray(res) ? res : res?.items ?? [];
      };
      assert.deepEqual(await ask('javascript', `import xapi from 'xapi';\nconst level =|`, '='), []);
      assert.ok((await ask('xapi-panel', ROW('<Widget><WidgetId>w</WidgetId><Type>Spinner</Type><Options>style=|'), '=')).some(i => i.label === 'plusminus'));
      assert.ok((await ask('javascript', macro(ROW('<Widget><|')), '<')).some(i => i.label === 'WidgetId'));
    });

    it('gets none when its text is not known here (a template with ${})', async () => {
      const body = ROW('<Widget><WidgetId>${id}</WidgetId><Type>Knob</Type></Widget>');
      const { diagnostics } = await diagnose(c, 'javascript', `const id = 'w';\n${macro(body)}`);
      assert.deepEqual(diagnostics.filter(d => String(d.code).startsWith('panel-')), []);
    });

    it('completes inside the body', async () => {
      const items = await completeAt(c, 'javascript', macro(ROW('<Widget><WidgetId>w</WidgetId><Type>|</Type></Widget>')));
      assert.ok(labels(items).includes('GroupButton'), labels(items).join());
    });
  });
});
