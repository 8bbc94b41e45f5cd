/**
 * Rows from a CSV (with a header) or NDJSON stream, one at a time, never the whole file in memory. Each row comes
 * with its number (1 = the first data row) and either its fields or why it cannot be read: invalid UTF-8, a ragged
 * row, a line that is not JSON. Nothing stops the stream but the end of the file.
 */
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type RawRow = { row: number; fields: Record<string, string> } | { row: number; problem: { field?: string; reason: string }; raw: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeField(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export async function* readCsvRows(stream: Readable): AsyncGenerator<RawRow> {
  const parser = stream.pipe(parse({ encoding: null, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
  // pipe() does not pass a source's error on: without this a file that cannot be read would hang the import.
  stream.once('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  let row = 0;
  for await (const record of parser as AsyncIterable<Buffer[]>) {
    if (!header) {
      header = record.map((f) => f.toString('utf8').trim());
      continue;
    }
    row++;
    const raw = record.map((f) => f.toString('latin1')).join(',');
    if (record.length !== header.length) {
      yield { row, problem: { reason: `has ${record.length} columns, the header has ${header.length}` }, raw };
      continue;
    }
    const fields: Record<string, string> = {};
    let problem: { field: string; reason: string } | undefined;
    record.forEach((bytes, i) => {
      const text = decodeField(bytes);
      if (text !== undefined) fields[header![i]!] = text;
      else problem ??= { field: header![i]!, reason: `is not valid UTF-8 (read as Latin-1 it says "${bytes.toString('latin1')}"); re-save the file as UTF-8` };
    });
    yield problem ? { row, problem, raw } : { row, fields };
  }
}

export async function* readNdjsonRows(stream: Readable): AsyncGenerator<RawRow> {
  let row = 0;
  let failure: Error | undefined;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  stream.once('error', (error) => {
    failure = error;
    lines.close();
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    row++;
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        yield { row, problem: { reason: 'is not a JSON object' }, raw: line };
        continue;
      }
      yield { row, fields: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCell(v)])) };
    } catch (error) {
      yield { row, problem: { reason: `is not valid JSON: ${(error as Error).message}` }, raw: line };
    }
  }
  if (failure) throw failure;
}

/** An NDJSON value as the text a CSV cell would hold: a list of strings as `a; b` (what list fields read), else JSON. */
const asCell = (value: unknown) =>
  typeof value === 'string' ? value : Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.join('; ') : JSON.stringify(value);

export const readRows = (format: 'csv' | 'ndjson', stream: Readable) => (format === 'csv' ? readCsvRows(stream) : readNdjsonRows(stream));
