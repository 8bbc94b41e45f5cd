/**
 * Importing a file put in the files bucket under `imports/<kind>/<file>` (CSV or NDJSON by extension). The worker
 * streams it through the same runImport the local command uses; when its time budget runs out it stops after a
 * committed chunk and queues a continuation from there, so any size finishes within Lambda's 15 minutes per step.
 * Each step writes its own report part, so a step run twice (a redelivery) overwrites its part, never doubles it.
 */
import type { FileStore, ImportProgressStore, JobQueue, TextFiles } from '../store/ports.ts';
import { filesBucket } from '../store/resources.ts';
import { importKinds, type ImportKindName } from './kinds.ts';
import { readRows } from './read-rows.ts';
import { badRowsReport, runImport, type BadRow, type ImportSink } from './run-import.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';
import { importIdOf, rejectedRowsKey, type ImportProgress } from './progress.ts';

export type ImportJob = { kind: 'import'; key: string; fromRow?: number; part?: number; totals?: { imported: number; rejected: number } };

export interface ImportServices {
  files: FileStore & TextFiles;
  sink: ImportSink;
  jobs: JobQueue;
  /** Where each committed chunk's counts go, for the console to show. */
  progress: ImportProgressStore;
  now: () => string;
  /** How long one step may import before it hands over to a continuation. */
  budgetMs: number;
  log?: (line: string) => void;
}

/** `imports/entities/2030-03.csv` → the kind, the file name and where its reports go. */
export function importTarget(key: string) {
  const match = new RegExp(`^${filesBucket.prefixes.imports}([a-z-]+)/(.+)$`).exec(key);
  const kind = match?.[1];
  if (!match || !kind || !(kind in importKinds)) return undefined;
  return { kind: kind as ImportKindName, file: match[2]!, reports: `${filesBucket.prefixes.importReports}${kind}/${match[2]}/` };
}

/** S3 URL-encodes keys in its notifications ("red flower.csv" → "red+flower.csv"): the key as given, else decoded. */
async function openSource(files: TextFiles, key: string) {
  try {
    return { key, stream: await files.stream(key) };
  } catch (error) {
    const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
    if (decoded === key) throw error;
    return { key: decoded, stream: await files.stream(decoded) };
  }
}

export async function runImportJob(services: ImportServices, job: ImportJob): Promise<void> {
  if (!importTarget(job.key)) {
    services.log?.(`import: ${job.key} is not under imports/<kind>/ with a known kind (${Object.keys(importKinds).join(', ')}); skipped`);
    return;
  }
  const source = await openSource(services.files, job.key);
  const key = source.key;
  const target = importTarget(key)!;
  const record = (progress: Pick<ImportProgress, 'status' | 'rows' | 'imported' | 'rejected'> & Partial<ImportProgress>) =>
    services.progress.recordImport({ id: importIdOf(key), key, kind: target.kind, fileName: key.slice(key.lastIndexOf('/') + 1), updatedAt: services.now(), ...progress });
  const part = job.part ?? 1;
  const earlier = { imported: job.totals?.imported ?? 0, rejected: job.totals?.rejected ?? 0 };
  let progress = { status: 'running' as const, rows: 0, ...earlier };
  try {
    // A continuation leaves the rows its earlier steps read in place until its first chunk counts past them.
    if (part === 1) await record(progress);
    const started = Date.now();
    const badRows: BadRow[] = [];
    const counts = await runImport({
      kind: importKinds[target.kind],
      rows: readRows(/\.csv$/i.test(key) ? 'csv' : 'ndjson', source.stream),
      sink: services.sink,
      ...(job.fromRow ? { resumeAfterRow: job.fromRow } : {}),
      onCommitted: async ({ badRows: chunkBad, counts: sofar }) => {
        badRows.push(...chunkBad);
        // Rows read includes those an earlier step handled, which this one reads again to skip them.
        progress = { ...progress, rows: sofar.rows, imported: earlier.imported + sofar.imported, rejected: earlier.rejected + sofar.rejected };
        await record(progress);
      },
      shouldStop: () => Date.now() - started > services.budgetMs,
    });
    const report = badRowsReport.header + badRowsReport.lines(badRows);
    await services.files.putText(partKey(target.reports, part), report, 'text/csv');
    countMetric(metricNames.importRowsImported, counts.imported);
    countMetric(metricNames.importRowsRejected, counts.rejected);
    const totals = { imported: earlier.imported + counts.imported, rejected: earlier.rejected + counts.rejected };
    if (counts.stoppedAfterRow !== undefined) {
      await services.jobs.send([{ kind: 'import', key, fromRow: counts.stoppedAfterRow, part: part + 1, totals }]);
      services.log?.(`import ${key}: step ${part} stopped after row ${counts.stoppedAfterRow}; continuing`);
      return;
    }
    await services.files.putText(rejectedRowsKey(target.reports), await mergedReport(services.files, target.reports, part), 'text/csv');
    const finishedAt = services.now();
    await services.files.putText(`${target.reports}summary.json`, JSON.stringify({ key, kind: target.kind, ...totals, parts: part, finishedAt }), 'application/json');
    await record({ status: 'done', rows: counts.rows, ...totals, finishedAt });
    services.log?.(`import ${key}: ${totals.imported} imported, ${totals.rejected} rejected (reports in ${target.reports})`);
  } catch (error) {
    // The queue delivers the step again (and sets it aside after repeated failures): a later success overwrites this.
    await record({ ...progress, status: 'failed', error: `${(error as Error).message}. The import is retried a few times; if it still fails, upload the file again or ask the operator to look at the job's logs.` }).catch(() => undefined);
    throw error;
  }
}

const partKey = (reports: string, part: number) => `${reports}part-${String(part).padStart(4, '0')}.csv`;

/**
 * The rejected-rows report of the whole file, one CSV with one header: the steps' parts one after the other. Rejected
 * rows are the exception, so even the report of a file of millions of rows is small enough to assemble in memory.
 */
async function mergedReport(files: TextFiles, reports: string, parts: number) {
  const bodies = await Promise.all(Array.from({ length: parts }, (_, i) => files.getText(partKey(reports, i + 1))));
  return badRowsReport.header + bodies.map((body) => body.slice(body.indexOf('\n') + 1)).join('');
}
