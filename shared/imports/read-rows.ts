/**
 * Rows from a CSV (with a header) or NDJSON stream, one at a time, never the whole file in memory. Each row comes
 * with its number — a CSV's row after the header, blank rows counted (Excel's row number less one), an NDJSON file's
 * line — and either its fields or why it cannot be read: text that is not UTF-8
 * (with the encoding it most likely is), a ragged row, a line that is not JSON. Nothing stops the stream but the end
 * of the file.
 *
 * Files come as spreadsheets write them: a byte-order mark first (Excel's "CSV UTF-8" always writes one; its
 * "Unicode text" is UTF-16 and tab-separated), CRLF line ends, semicolons where the decimal mark is a comma, and an
 * empty field after a trailing comma on every row. All are read as meant.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { codeText } from '../text.ts';
import type { GuessedEncoding, RowProblem } from './problems.ts';

/** A row's fields, or why it cannot be read (naming the field, or the row, or the file). */
export type RawRow = { row: number; fields: Record<string, string> } | { row: number; problem: RowProblem; raw: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The byte-order marks files begin with, longest first (a UTF-32 LE mark begins like a UTF-16 LE one). */
const byteOrderMarks = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32BE' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

/** How a file's bytes are written, from its first bytes: a byte-order mark, or ASCII interleaved with NULs (UTF-16 without one). */
function sniff(head: Buffer): { encoding: string; skip: number } {
  const mark = byteOrderMarks.find(({ bytes }) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b));
  if (mark) return { encoding: mark.encoding, skip: mark.bytes.length };
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return { encoding: 'utf-16le', skip: 0 };
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return { encoding: 'utf-16be', skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/**
 * The file's bytes as UTF-8 without a byte-order mark: UTF-8 passes through byte for byte (so a field that is not
 * valid UTF-8 can still be reported on its own), UTF-16 is transcoded. UTF-32 is refused, with how to re-save.
 */
async function* utf8Bytes(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let decoder: TextDecoder | undefined;
  let sniffed = false;
  for await (const chunk of source) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!sniffed) {
      head = Buffer.concat([head, bytes]);
      if (head.length < 4) continue;
      bytes = head;
      const { encoding, skip } = sniff(head);
      if (encoding.startsWith('UTF-32')) throw new UnreadableFile(encoding);
      if (encoding !== 'utf-8') decoder = new TextDecoder(encoding);
      bytes = bytes.subarray(skip);
      sniffed = true;
    }
    yield decoder ? Buffer.from(decoder.decode(bytes, { stream: true })) : bytes;
  }
  if (!sniffed && head.length > 0) {
    const { encoding, skip } = sniff(head);
    yield encoding === 'utf-8' ? head.subarray(skip) : Buffer.from(new TextDecoder(encoding).decode(head.subarray(skip)));
  } else if (decoder) yield Buffer.from(decoder.decode());
}

/** A whole file that cannot be read as text (UTF-32): reported as the one problem of its first row. */
export class UnreadableFile extends Error {
  constructor(readonly encoding: string) {
    super(`The file is ${encoding}, which is not read here`);
  }
}

/**
 * A CSV file's separator, from its header line: a comma, or what Excel writes in its "Unicode text" (a tab) and,
 * in locales whose decimal mark is a comma, in its "CSV" (a semicolon). A tie is a comma.
 */
function separatorOf(headerLine: Buffer) {
  const counts = ([',', '\t', ';'] as const).map((separator) => ({ separator, count: headerLine.toString('utf8').split(separator).length - 1 }));
  return counts.reduce((best, next) => (next.count > best.count ? next : best)).separator;
}

/** The first line of a byte stream (all of it if it has one line), and the whole stream again. */
async function firstLine(bytes: AsyncGenerator<Buffer>) {
  const head: Buffer[] = [];
  for (let next = await bytes.next(); !next.done; next = await bytes.next()) {
    head.push(next.value);
    if (next.value.includes(0x0a)) break;
  }
  const read = Buffer.concat(head);
  const end = read.indexOf(0x0a);
  async function* whole() {
    yield read;
    yield* bytes;
  }
  return { line: end < 0 ? read : read.subarray(0, end), whole: whole() };
}

/**
 * Whether bytes read as GBK: every byte above ASCII starts a valid two-byte pair, and most pairs lie in GB2312's area
 * (both bytes 0xA1-0xFE), where the common Chinese characters are. A Latin-1 "Ñ" before a letter makes a valid pair
 * too, but outside that area.
 */
function looksLikeGbk(bytes: Buffer) {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (lead === 0x80 || lead === 0xff || trail < 0x40 || trail === 0x7f || trail === 0xff) return false;
    pairs++;
    if (lead >= 0xa1 && trail >= 0xa1) common++;
    i++;
  }
  return common * 2 > pairs;
}

/**
 * What bytes that are not UTF-8 most likely say, for the report: Chinese exports are GBK/GB18030 (Excel's and
 * WPS's "CSV" on a Chinese Windows), anything else is taken as Windows-1252/Latin-1 (Western exports).
 */
export function describeUndecodable(bytes: Buffer): { encoding: GuessedEncoding; text: string } {
  return looksLikeGbk(bytes) ? { encoding: 'gbk', text: new TextDecoder('gb18030').decode(bytes) } : { encoding: 'latin1', text: new TextDecoder('windows-1252').decode(bytes) };
}

/** A field's text: UTF-8 when valid, else what it most likely says (for showing the row, never for storing it). */
const readable = (bytes: Buffer) => decodeField(bytes) ?? describeUndecodable(bytes).text;

function decodeField(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A row as the report shows it: each field as text, quoted where CSV needs it. */
const rawRow = (record: Buffer[]) => record.map((bytes) => readable(bytes)).map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

/** Yields one problem row for a file that cannot be read at all; rethrows anything else (a source that fails). */
async function* unlessUnreadable(rows: AsyncGenerator<RawRow>): AsyncGenerator<RawRow> {
  try {
    yield* rows;
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    yield { row: 1, problem: { code: 'utf32-file', encoding: error.encoding }, raw: '' };
  }
}

async function* csvRows(stream: Readable): AsyncGenerator<RawRow> {
  const { line, whole } = await firstLine(utf8Bytes(stream));
  const bytes = Readable.from(whole, { objectMode: false });
  const parser = bytes.pipe(parse({ encoding: null, bom: false, delimiter: separatorOf(line), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  // pipe() does not pass a source's error on: without this a file that cannot be read would hang the import.
  bytes.once('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  let row = 0;
  for await (const record of parser as AsyncIterable<Buffer[]>) {
    const blank = record.every((bytes) => readable(bytes).trim() === '');
    if (!header) {
      if (blank) continue;
      // Column names are code-like: "ｎａｍｅ" typed in full width, or with a stray zero-width space, means "name".
      header = record.map((f) => codeText(readable(f)));
      // Excel ends the header with a comma too when a column beyond the data was ever touched.
      while (header.length > 1 && header.at(-1) === '') header.pop();
      continue;
    }
    // Counted, so that a row's number is Excel's less the header, but a row of empty cells (",,,," — Excel writes
    // them for formatted blank rows) or an empty line is no row to import.
    row++;
    if (blank) continue;
    const raw = rawRow(record);
    const extra = record.slice(header.length).findIndex((bytes) => readable(bytes).trim() !== '');
    if (extra >= 0) {
      const column = header.length + extra + 1;
      yield { row, problem: { code: 'extra-column', value: readable(record[column - 1]!), column, header }, raw };
      continue;
    }
    if (record.length < header.length) {
      yield { row, problem: { code: 'short-row', columns: record.length, header }, raw };
      continue;
    }
    const fields: Record<string, string> = {};
    let problem: RowProblem | undefined;
    header.forEach((name, i) => {
      const text = decodeField(record[i]!);
      if (text !== undefined) fields[name] = text;
      else problem ??= { code: 'not-utf8', field: name, ...describeUndecodable(record[i]!) };
    });
    yield problem ? { row, problem, raw } : { row, fields };
  }
}

/** Lines of a byte stream, split on LF (a CR before it dropped), as bytes: each decoded on its own. */
async function* lines(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of bytes) {
    rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let end: number;
    while ((end = rest.indexOf(0x0a)) >= 0) {
      yield rest.subarray(0, end > 0 && rest[end - 1] === 0x0d ? end - 1 : end);
      rest = rest.subarray(end + 1);
    }
  }
  if (rest.length) yield rest;
}

async function* ndjsonRows(stream: Readable): AsyncGenerator<RawRow> {
  let row = 0;
  for await (const bytes of lines(utf8Bytes(stream))) {
    const line = decodeField(bytes);
    // Blank lines count, so that the number is the line's in an editor.
    row++;
    if ((line ?? 'x').trim() === '') continue;
    if (line === undefined) {
      yield { row, problem: { code: 'not-utf8', ...describeUndecodable(bytes) }, raw: readable(bytes) };
      continue;
    }
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        yield { row, problem: { code: 'not-json-object' }, raw: line };
        continue;
      }
      yield { row, fields: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCell(v)])) };
    } catch (error) {
      yield { row, problem: { code: 'not-json', detail: (error as Error).message }, raw: line };
    }
  }
}

/** An NDJSON value as the text a CSV cell would hold: a list of strings as `a; b` (what list fields read), else JSON. */
const asCell = (value: unknown) =>
  typeof value === 'string' ? value : Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.join('; ') : JSON.stringify(value);

export const readCsvRows = (stream: Readable) => unlessUnreadable(csvRows(stream));
export const readNdjsonRows = (stream: Readable) => unlessUnreadable(ndjsonRows(stream));
export const readRows = (format: 'csv' | 'ndjson', stream: Readable) => (format === 'csv' ? readCsvRows(stream) : readNdjsonRows(stream));
