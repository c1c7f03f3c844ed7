import { readFileSync } from 'node:fs';
import { service } from './test/lsp/support/service';
const raw = readFileSync('/tmp/lsp/hist.txt', 'utf8').trim().replace(/^history /, '').replace(/\)$/, '');
const hist: string[] = JSON.parse(raw);
hist.push("xapi.Command.Dial({ Nu<div>xapi.status.get('Audio{function f(a, b) { returnlume');\nxapixapi.Status.Call[3].Status.on(s => s);\nconst t = `x ${xapi.Status.Audio.Volume} y`;\nxapi.Co\nial({ Number: ' llType: 'Video' });\n=>'xapi.command('Audio Volume Set', { Level: 500 });\n");
for (let start = 0; start < hist.length - 1; start++) {
  const a = service({ product: 'Room Kit' });
  const uri = 'file:///x.js';
  let v = 1; let inc;
  for (const t of hist.slice(start)) inc = a.diagnostics({ uri, languageId: 'javascript', version: v++, text: t });
  const fresh = service({ product: 'Room Kit' }).diagnostics({ uri, languageId: 'javascript', version: 1, text: hist[hist.length - 1] });
  console.log(start, JSON.stringify(inc) === JSON.stringify(fresh));
  if (JSON.stringify(inc) !== JSON.stringify(fresh)) { console.log(JSON.stringify(inc!.map(d => [d.code, d.range])), '\n', JSON.stringify(fresh.map(d => [d.code, d.range]))); }
}
