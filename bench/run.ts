/** `npm run bench`: every benchmark, each beside its baseline from the same run; results to bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchColdStart } from './cold-start.ts';
import { benchConsole } from './console.ts';
import { benchDraw } from './draw.ts';
import { benchDrawIssuance } from './draw-issuance.ts';
import { benchEndToEnd } from './end-to-end.ts';
import { benchImport } from './import.ts';
import { benchQr } from './qr.ts';
import { benchScan } from './scan.ts';
import { benchScoring } from './scoring.ts';
import { benchWarnings } from './warnings.ts';
import { benchWeb } from './web.ts';

const benches = { coldStart: benchColdStart, console: benchConsole, draw: benchDraw, drawIssuance: benchDrawIssuance, endToEnd: benchEndToEnd, import: benchImport, qr: benchQr, scan: benchScan, scoring: benchScoring, warnings: benchWarnings, web: benchWeb } as const;
const only = process.argv.slice(2).filter((name): name is keyof typeof benches => name in benches);
const log = (line: string) => console.error(`[bench] ${line}`);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
};
const results: Record<string, unknown> = { machine };
for (const [name, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name as keyof typeof benches)) continue;
  try {
    results[name] = await bench(log);
  } catch (error) {
    // Loud, and the run fails: the other benchmarks still report, this one's figures do not.
    log(`FAILED ${name}: ${(error as Error).message}`);
    results[name] = { failed: (error as Error).message };
    process.exitCode = 1;
  }
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
