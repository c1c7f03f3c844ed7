import { parseXcli } from './schema/xcli';
const block = ['xCommand Dial Number: "x" CallType: Video', 'xStatus Audio Volume', '# note', 'xCommand UserInterface Extensions Panel Save PanelId: "p"', '<a/>', '.'];
const lines: string[] = []; while (lines.length < 100_000) lines.push(...block);
const text = lines.join('\n');
for (let i = 0; i < 3; i++) { const t = process.hrtime.bigint(); parseXcli(text); console.log(Number(process.hrtime.bigint() - t) / 1e6, 'ms'); }
const t = process.hrtime.bigint(); text.split('\n').map(l => l.split(' ')); console.log('split', Number(process.hrtime.bigint() - t) / 1e6, 'ms');
