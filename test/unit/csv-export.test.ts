import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../shared/exports/csv.ts';

describe('CSV exports', () => {
  it('starts with a UTF-8 byte-order mark so that Excel reads Chinese, with CRLF rows', () => {
    const csv = toCsv(['企业', '数量'], [['东湖烘焙食品有限公司', 2]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('企业,数量\r\n东湖烘焙食品有限公司,2\r\n');
  });

  it('keeps a cell that starts like a formula from running as one', () => {
    for (const attack of ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(attack)).toBe(`'${attack}`);
    expect(toCsv(['note'], [['=1+1'], ['a=1']])).toBe('\ufeffnote\r\n\'=1+1\r\na=1\r\n');
  });

  it('leaves numbers, negative ones too, as numbers', () => {
    expect(toCsv(['n'], [[-3], [null]])).toBe('\ufeffn\r\n-3\r\n\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['t'], [['a,b'], ['say "hi"'], ['two\nlines']])).toBe('\ufefft\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
  });
});
