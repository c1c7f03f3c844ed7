import { parseXcli, validateXcli, multilineFromIndex } from './schema/xcli';
import { SchemaIndex } from './schema/schemaIndex';
import { publishedSchema } from './test/support/publishedSchemas';
import { core } from './schema/sources';
const text = `xCommand Dial Number: "x" CallType: Vidoe
xCommand Audio Volume Set Level: 101
xStatus Call[3] Statu
xConfiguration Video Output Connector[3] MonitorRole: Third
xCommand Dial
xCommand Dial Num
xStatus Audio Volume: 5
xConfiguration Audio Volume
xConfiguration SystemUnit Name:
xCommand Audio Volume
xComand Foo
xFeedback register /Status/Audio/Volume
xFeedback register /Status/Audio/Volme
xFeedback regster
xCommand UserInterface Extensions Panel Save PanelId: "x"
<Extensions/>
.
xCommand Dial Number: "x"
body
.
xCommand Dial Number: "x" Number: "y"
xConfiguration Audio DefaultVolume: 200
xConfiguration SystemUnit Name: "${'a'.repeat(100)}"
xConfiguration Video Input Connector 9 Name: "x"
xCommand Video Input SetMainVideoSource ConnectorId: 1 ConnectorId: 2 ConnectorId: 3 ConnectorId: 1 ConnectorId: 2 ConnectorId: 3
xCommand UserInterface Message Alert Display Text: "x" Duration: abc
`;
(async () => {
  for (const [label, schema] of [['core', core()], ['11.27', await publishedSchema('11.27.2.0')]] as const) {
    if (!schema) continue;
    const index = new SchemaIndex(schema);
    const doc = parseXcli(text, { isMultiline: multilineFromIndex(index) });
    console.log('==', label);
    for (const d of validateXcli(doc, index, { product: 'hopen' })) console.log(`${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message} ${d.suggestions ? JSON.stringify(d.suggestions) : ''}`);
  }
})();
