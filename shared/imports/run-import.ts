/**
 * Imports rows of one kind: good rows are written in chunks, bad rows are reported with row, field and reason,
 * duplicates within the file are reported against the row they repeat, and a fact about a company that is not
 * registered (never imported, or its own row was rejected) is reported rather than stored where no one sees it. After each chunk is written, its bad rows
 * and the checkpoint (the last row fully handled) are handed out together, so an import killed at any moment
 * resumes after its checkpoint with nothing lost, nothing written twice and nothing reported twice.
 */
import type { RawRow } from './read-rows.ts';
import { identityOf, type ImportKind, type ImportRecord } from './kinds.ts';
import { fieldsOf, problemCodes, sayProblems, type RowProblem } from './problems.ts';

export interface ImportSink {
  write(records: ImportRecord[]): Promise<void>;
  /** Of these entity ids, those with no registered entity. */
  missingEntities(entityIds: string[]): Promise<string[]>;
}

export interface BadRow {
  row: number;
  /**
   * The columns of all its problems, comma-separated (`(row)` or `(file)` for a problem that is not one column's):
   * the clerk fixing the file sees every cell to correct on the row's one line.
   */
  field: string;
  /** The problems in English, as logs and the command line say them. */
  reason: string;
  problems: RowProblem[];
  raw: string;
}

const badRow = (row: number, raw: string, problems: RowProblem[]): BadRow => ({ row, field: fieldsOf(problems), reason: sayProblems(problems, 'en'), problems, raw });

export interface ImportCounts {
  /** Rows read, including those skipped on resume. */
  rows: number;
  imported: number;
  rejected: number;
  /** Rows before the checkpoint of an earlier, interrupted run. */
  skipped: number;
}

export interface ImportRun {
  kind: ImportKind;
  rows: AsyncIterable<RawRow>;
  sink: ImportSink;
  /** Resume: rows up to this one were handled by an earlier run. */
  resumeAfterRow?: number;
  chunkRows?: number;
  /** Called after each chunk is written, with that chunk's bad rows and the new checkpoint. */
  onCommitted(committed: { lastRow: number; badRows: BadRow[]; counts: ImportCounts }): Promise<void> | void;
  /** Asked after each committed chunk: true ends the run there (to continue later from `lastRow`). */
  shouldStop?(): boolean;
}

const rawOf = (fields: Record<string, string>) => JSON.stringify(fields);

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * The rejected-rows report (UTF-8 with a byte-order mark, so Excel reads the Chinese): one line per rejected row —
 * its number, every column at fault, why in Chinese and in English side by side, the row as read, and the problems'
 * codes with their values. One line per row, not per problem: the clerk corrects a row at once, the report's line
 * count is the rejected count the console shows, and the raw row is not repeated. The number's column says how it
 * counts (the header row not counted, blank rows counted), so that a clerk in Excel finds the row in either language.
 */
export const badRowsReport = {
  header: '\uFEFF行号（不含标题行） row (header not counted),字段 field,原因,reason,原始内容 raw,代码 code\n',
  lines: (badRows: BadRow[]) =>
    badRows
      .map((b) => [b.row, csvCell(b.field), csvCell(sayProblems(b.problems, 'zh-CN')), csvCell(b.reason), csvCell(b.raw), csvCell(problemCodes(b.problems))].join(',') + '\n')
      .join(''),
};

export async function runImport(run: ImportRun): Promise<ImportCounts & { stoppedAfterRow?: number }> {
  const chunkRows = run.chunkRows ?? 500;
  const resumeAfter = run.resumeAfterRow ?? 0;
  const counts: ImportCounts = { rows: 0, imported: 0, rejected: 0, skipped: 0 };
  const firstSeen = new Map<string, number>();
  const registered = new Map<string, boolean>();
  let pending: { row: number; raw: string; record: ImportRecord }[] = [];
  let badRows: BadRow[] = [];
  let lastRow = resumeAfter;

  /** Facts whose company is not registered become bad rows; the rest are written. */
  const registeredOnly = async () => {
    const unknown = [...new Set(pending.flatMap(({ record }) => (record.type === 'fact' && !registered.has(record.fact.entityId) ? [record.fact.entityId] : [])))];
    const missing = new Set(unknown.length ? await run.sink.missingEntities(unknown) : []);
    for (const entityId of unknown) registered.set(entityId, !missing.has(entityId));
    const records: ImportRecord[] = [];
    for (const { row, raw, record } of pending) {
      if (record.type !== 'fact' || registered.get(record.fact.entityId)) records.push(record);
      else {
        const field = run.kind.entityField ?? 'entityId';
        badRows.push(badRow(row, raw, [{ code: 'not-registered', field, id: record.fact.entityId }]));
      }
    }
    return records;
  };

  const commit = async () => {
    const records = await registeredOnly();
    badRows.sort((a, b) => a.row - b.row);
    await run.sink.write(records);
    counts.imported += records.length;
    counts.rejected += badRows.length;
    await run.onCommitted({ lastRow, badRows, counts: { ...counts } });
    pending = [];
    badRows = [];
  };

  for await (const raw of run.rows) {
    counts.rows++;
    const resumed = raw.row <= resumeAfter;
    if ('problem' in raw) {
      if (resumed) counts.skipped++;
      else badRows.push(badRow(raw.row, raw.raw, [raw.problem]));
    } else {
      const fields = Object.fromEntries(Object.entries(raw.fields).filter(([, v]) => v.trim() !== ''));
      const parsed = run.kind.parse(fields);
      if ('errors' in parsed) {
        if (resumed) counts.skipped++;
        else badRows.push(badRow(raw.row, rawOf(raw.fields), parsed.errors));
      } else {
        const identity = identityOf(parsed.record);
        const earlier = firstSeen.get(identity);
        if (resumed) {
          counts.skipped++;
          if (earlier === undefined) firstSeen.set(identity, raw.row);
        } else if (earlier !== undefined) {
          badRows.push(badRow(raw.row, rawOf(raw.fields), [{ code: 'duplicate', of: earlier }]));
        } else {
          firstSeen.set(identity, raw.row);
          pending.push({ row: raw.row, raw: rawOf(raw.fields), record: parsed.record });
        }
      }
    }
    if (!resumed) lastRow = raw.row;
    if (pending.length + badRows.length >= chunkRows) {
      await commit();
      if (run.shouldStop?.()) return { ...counts, stoppedAfterRow: lastRow };
    }
  }
  await commit();
  return counts;
}
