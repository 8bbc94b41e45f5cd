/**
 * `npm run import -- <kind> <file> [--restart] [--no-evaluate]`: imports a CSV or NDJSON file into the local stack's
 * table, with a progress line and rows/s; facts are evaluated by the warning models and triggers chunk by chunk. Bad rows go to an error report (row, field, reason, the row as read); good rows are
 * kept. Killed half-way, the same command resumes after the last committed chunk; `--restart` starts over (the
 * rows already imported are simply written again: imports are idempotent).
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { importKindLabels } from '../shared/imports/kind-labels.ts';
import { importKinds, type ImportKindName } from '../shared/imports/kinds.ts';
import { readRows } from '../shared/imports/read-rows.ts';
import { badRowsReport, runImport } from '../shared/imports/run-import.ts';
import { DynamoImportSink } from '../shared/store/dynamodb-import-sink.ts';
import { evaluatingAfterWrite } from '../shared/risk/jobs.ts';
import { mainTable } from '../shared/store/resources.ts';
import { localRiskServices } from './risk-services.ts';

const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');

const usage = `usage: npm run import -- <kind> <file.csv|file.ndjson> [--restart] [--no-evaluate]
  --no-evaluate   do not run the warning models and triggers on the imported facts as they land (a bulk load of
                  history; run npm run job -- warn and -- trigger afterwards)
kinds:
${Object.entries(importKindLabels).map(([name, label]) => `  ${name.padEnd(20)} ${label.en.name}: ${label.en.description}`).join('\n')}`;

async function main(args: string[]): Promise<number> {
  const [kindName, file] = args.filter((a) => !a.startsWith('--'));
  if (!kindName || !file || !(kindName in importKinds)) {
    console.error(usage);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No file at ${file}.`);
    return 2;
  }
  const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'ndjson';
  const stateDir = join(dataDir, 'imports');
  mkdirSync(stateDir, { recursive: true });
  const stem = `${basename(file)}.${kindName}`;
  const reportFile = join(stateDir, `${stem}.errors.csv`);
  const checkpointFile = join(stateDir, `${stem}.checkpoint.json`);
  const { size, mtimeMs } = statSync(file);
  const fingerprint = { file: resolve(file), size, mtimeMs };

  let resumeAfterRow = 0;
  if (!args.includes('--restart') && existsSync(checkpointFile)) {
    const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as typeof fingerprint & { lastRow: number };
    if (checkpoint.file === fingerprint.file && checkpoint.size === size && checkpoint.mtimeMs === mtimeMs) {
      resumeAfterRow = checkpoint.lastRow;
      console.error(`Resuming after row ${resumeAfterRow.toLocaleString()} (an earlier run stopped there; --restart to start over).`);
    } else console.error('The file changed since the interrupted run: starting over.');
  }
  if (resumeAfterRow === 0) writeFileSync(reportFile, badRowsReport.header);

  const { services, client, stop } = await localRiskServices(dataDir, (line) => process.stderr.write(`\n${line}\n`));
  const written = new DynamoImportSink(client, mainTable.localName, () => new Date().toISOString());
  // The event path: each chunk's facts are evaluated by the warning models and triggers as it lands.
  const sink = args.includes('--no-evaluate') ? written : evaluatingAfterWrite(written, services.jobs);
  const started = performance.now();
  let lastPrinted = 0;
  const tty = process.stderr.isTTY;
  const progress = (counts: { rows: number; imported: number; rejected: number; skipped: number }, final = false) => {
    const now = performance.now();
    if (!final && now - lastPrinted < 1_000) return;
    lastPrinted = now;
    const rate = Math.round((counts.rows - counts.skipped) / ((now - started) / 1000 || 1));
    const line = `${kindName}: ${counts.rows.toLocaleString()} rows · ${counts.imported.toLocaleString()} imported · ${counts.rejected.toLocaleString()} rejected${counts.skipped ? ` · ${counts.skipped.toLocaleString()} done before` : ''} · ${rate.toLocaleString()} rows/s`;
    process.stderr.write(tty && !final ? `\r${line}` : `${tty ? '\r' : ''}${line}\n`);
  };

  try {
    const counts = await runImport({
      kind: importKinds[kindName as ImportKindName],
      rows: readRows(format, createReadStream(file)),
      sink,
      resumeAfterRow,
      onCommitted: ({ lastRow, badRows, counts: soFar }) => {
        if (badRows.length) appendFileSync(reportFile, badRowsReport.lines(badRows));
        writeFileSync(checkpointFile, JSON.stringify({ ...fingerprint, lastRow }));
        progress(soFar);
      },
    });
    progress(counts, true);
    rmSync(checkpointFile, { force: true });
    console.log(
      `Imported ${counts.imported.toLocaleString()} of ${(counts.rows - counts.skipped).toLocaleString()} rows` +
        (counts.rejected ? `; ${counts.rejected.toLocaleString()} rejected, each with its row and reason in ${reportFile}` : '; none rejected') +
        '.',
    );
    return 0;
  } finally {
    await stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`Import failed: ${error.message}. Run the same command again to resume.`);
      process.exitCode = 1;
    },
  );
}
