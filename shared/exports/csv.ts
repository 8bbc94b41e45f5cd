/**
 * Lists as CSV that Excel opens correctly in Chinese (UTF-8 with a byte-order mark, CRLF rows), and that cannot
 * run as a formula when opened: a text cell starting with =, +, -, @, tab or carriage return gets a leading
 * apostrophe (OWASP's advice on CSV injection). Numbers stay numbers.
 */
// The browser build takes csv-stringify's own browser bundle (package.json "imports"): the node one needs Buffer.
import { stringify } from '#csv-stringify';

export type Cell = string | number | null | undefined;

/** `=HYPERLINK("http://x")` → `'=HYPERLINK("http://x")`; anything else unchanged. */
export const neutralise = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? cell : neutralise(cell ?? ''))));
  // A line break inside a cell must be quoted too, or Excel starts a new row there.
  return stringify(cells, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
