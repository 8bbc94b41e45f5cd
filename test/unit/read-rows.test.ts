import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';
import { fieldOf, sayProblem } from '../../shared/imports/problems.ts';
import { readRows, type RawRow } from '../../shared/imports/read-rows.ts';

/** Each row, its problem as the report's English column says it (with its column where it names one). */
const all = async (rows: AsyncIterable<RawRow>) => {
  const out = [];
  for await (const row of rows) {
    if (!('problem' in row)) out.push(row);
    else {
      const field = fieldOf(row.problem);
      out.push({ ...row, problem: { ...(field === '(row)' ? {} : { field }), reason: sayProblem(row.problem, 'en') } });
    }
  }
  return out;
};

describe('reading rows', () => {
  it('reads CSV with a header, and says which field of which row is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('id,name\n1,Caf'), Buffer.from([0xe9]), Buffer.from('\n2,"Tea, House"\n3\n')]);
    expect(await all(readRows('csv', Readable.from([bytes])))).toEqual([
      { row: 1, problem: { field: 'name', reason: expect.stringContaining('"Café"') }, raw: '1,Café' },
      { row: 2, fields: { id: '2', name: 'Tea, House' } },
      { row: 3, problem: { reason: 'The row has 1 columns, the header has 2 (id, name)' }, raw: '3' },
    ]);
  });

  it('reads NDJSON, keeping going past a line that is not JSON', async () => {
    const rows = await all(readRows('ndjson', Readable.from(['{"id":"1","n":2}\n', 'oops\n', '\n', '[1]\n'])));
    expect(rows.map((r) => ('fields' in r ? r.fields : (r.problem as { reason: string }).reason))).toEqual([{ id: '1', n: '2' }, expect.stringContaining('not valid JSON'), 'The line is not a JSON object']);
  });

  it('reads an NDJSON list of strings as a list cell, so an inspector keeps every qualification', async () => {
    const rows = await all(readRows('ndjson', Readable.from(['{"id":"1","qualifications":["catering","food-production"],"recusals":[]}\n'])));
    expect(rows).toMatchObject([{ fields: { qualifications: 'catering; food-production', recusals: '' } }]);
    const parsed = importKinds.inspectors.parse({ id: 'i1', name: 'A', department: 'food-safety', district: 'Pudong', certificateNo: 'SH-FS-000001', ...(rows[0] as { fields: Record<string, string> }).fields });
    expect(parsed).toMatchObject({ record: { inspector: { qualifications: ['catering', 'food-production'] } } });
  });

  it.each(['csv', 'ndjson'] as const)('fails (rather than hangs) when the %s source cannot be read', async (format) => {
    await expect(all(readRows(format, createReadStream('/nonexistent/file')))).rejects.toThrow(/ENOENT/);
  });

  describe('byte-order marks and UTF-16, as spreadsheets save text', () => {
    const csv = 'id,name\r\ne1,示例便利店\r\n';
    const ndjson = '{"id":"e1","name":"示例便利店"}\r\n';
    const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
    const encodings = {
      'UTF-8 with a BOM': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'UTF-16 LE with a BOM': (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'UTF-16 BE with a BOM': (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
      'UTF-16 LE without a BOM': (text: string) => Buffer.from(text, 'utf16le'),
    };

    it.each(Object.entries(encodings))('reads CSV in %s, every row', async (_, encode) => {
      expect(await all(readRows('csv', Readable.from([encode(csv)])))).toEqual([{ row: 1, fields: { id: 'e1', name: '示例便利店' } }]);
    });

    it.each(Object.entries(encodings))('reads NDJSON in %s, every row', async (_, encode) => {
      expect(await all(readRows('ndjson', Readable.from([encode(ndjson)])))).toEqual([{ row: 1, fields: { id: 'e1', name: '示例便利店' } }]);
    });

    it('reads Excel\'s "Unicode text": UTF-16 with a BOM, tab-separated', async () => {
      const bytes = encodings['UTF-16 LE with a BOM']('id\tname\tdistrict\r\ne1\t示例, 便利店\t徐汇区\r\n');
      expect(await all(readRows('csv', Readable.from([bytes])))).toEqual([{ row: 1, fields: { id: 'e1', name: '示例, 便利店', district: '徐汇区' } }]);
    });

    it('reads a semicolon-separated CSV, as Excel writes it where the decimal mark is a comma', async () => {
      expect(await all(readRows('csv', Readable.from(['id;name;score\n1;Café, Bar;9,5\n'])))).toEqual([{ row: 1, fields: { id: '1', name: 'Café, Bar', score: '9,5' } }]);
    });

    it('finds the mark when the file arrives one byte at a time', async () => {
      const bytes = encodings['UTF-16 LE with a BOM'](csv);
      expect(await all(readRows('csv', Readable.from([...bytes].map((b) => Buffer.from([b])))))).toEqual([{ row: 1, fields: { id: 'e1', name: '示例便利店' } }]);
    });

    it('refuses a UTF-32 file as a whole, saying how to re-save it', async () => {
      const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00]);
      expect(await all(readRows('csv', Readable.from([bytes])))).toEqual([{ row: 1, problem: { field: '(file)', reason: expect.stringMatching(/UTF-32.*Save As → "CSV UTF-8"/) }, raw: '' }]);
    });

    it('reads the Excel "CSV UTF-8" sample (05) whole', async () => {
      const rows = await all(readRows('csv', createReadStream(new URL('../fixtures/cases/05-excel-csv-utf8-bom-entities.csv', import.meta.url))));
      expect(rows).toEqual([
        { row: 1, fields: { id: 'h-bom-01', name: '示例便利店', creditCode: '91310115MA1K3XY08Y', segment: 'retail', district: '徐汇区' } },
        { row: 2, fields: { id: 'h-bom-02', name: '示例面馆', creditCode: '', segment: 'catering', district: '徐汇区' } },
      ]);
    });
  });

  describe('Excel\'s trailing commas', () => {
    it('keeps every row of the trailing-comma sample (07)', async () => {
      const rows = await all(readRows('csv', createReadStream(new URL('../fixtures/cases/07-trailing-comma-rows.csv', import.meta.url))));
      expect(rows).toEqual([
        { row: 1, fields: { id: 'h-tc-01', name: '示例包子铺', segment: 'catering', district: '长宁区' } },
        { row: 2, fields: { id: 'h-tc-02', name: '示例水果店', segment: 'retail', district: '长宁区' } },
      ]);
    });

    it('accepts any number of empty trailing fields, on the header too, and skips rows of empty cells, numbering rows as Excel does less the header', async () => {
      const rows = await all(readRows('csv', Readable.from(['id,name,,\n1,a,,\n2,b\n,,,\n\n3,c, ,\n'])));
      // Excel shows "3,c" on its row 6: the blank rows between count.
      expect(rows).toEqual([
        { row: 1, fields: { id: '1', name: 'a' } },
        { row: 2, fields: { id: '2', name: 'b' } },
        { row: 5, fields: { id: '3', name: 'c' } },
      ]);
      const lines = await all(readRows('ndjson', Readable.from(['{"id":"1"}\n\n{"id":"2"}\n'])));
      expect(lines).toEqual([
        { row: 1, fields: { id: '1' } },
        { row: 3, fields: { id: '2' } },
      ]);
    });

    it('reads column names typed in full width or with invisible characters as meant', async () => {
      expect(await all(readRows('csv', Readable.from(['ｉｄ,\u200bname\u3000\n1,a\n'])))).toEqual([{ row: 1, fields: { id: '1', name: 'a' } }]);
    });

    it('refuses a value beyond the header, naming its column and what it holds', async () => {
      const rows = await all(readRows('csv', Readable.from(['id,name\n1,示例,,额外\n'])));
      expect(rows).toEqual([{ row: 1, problem: { reason: 'The row has "额外" in column 4, beyond the header\'s 2 columns (id, name)' }, raw: '1,示例,,额外' }]);
    });
  });

  describe('text that is not UTF-8', () => {
    const gbk = Buffer.from([0xca, 0xbe, 0xc0, 0xfd, 0xb1, 0xe3, 0xc0, 0xfb, 0xb5, 0xea]); // 示例便利店 in GBK

    it('says a Chinese export is GBK/GB18030, shows what it says, and how to re-save', async () => {
      const bytes = Buffer.concat([Buffer.from('id,name,district\n1,'), gbk, Buffer.from(',徐汇区\n')]);
      const [row] = await all(readRows('csv', Readable.from([bytes])));
      expect(row).toEqual({
        row: 1,
        problem: { field: 'name', reason: expect.stringMatching(/^name is not valid UTF-8: it looks like GBK\/GB18030.*reads "示例便利店".*Save As → "CSV UTF-8"/) },
        // The valid UTF-8 of the same row is shown as the text it is, never as Latin-1 mojibake.
        raw: '1,示例便利店,徐汇区',
      });
    });

    it('still says GBK when a rarer character lies outside GB2312', async () => {
      const bytes = Buffer.concat([Buffer.from('name\n'), gbk, Buffer.from([0x81, 0x40]), Buffer.from('\n')]);
      const [row] = await all(readRows('csv', Readable.from([bytes])));
      expect(row).toMatchObject({ problem: { reason: expect.stringContaining('GBK/GB18030') } });
    });

    it('says a Western export is Windows-1252/Latin-1', async () => {
      const bytes = Buffer.concat([Buffer.from('id,name\n1,TROPISUE'), Buffer.from([0xd1]), Buffer.from('O\n')]);
      const [row] = await all(readRows('csv', Readable.from([bytes])));
      expect(row).toMatchObject({ problem: { field: 'name', reason: expect.stringContaining('Windows-1252/Latin-1, where it reads "TROPISUEÑO"') }, raw: '1,TROPISUEÑO' });
    });

    it('reports an NDJSON line that is not UTF-8 with its likely encoding, and reads on', async () => {
      const bytes = Buffer.concat([Buffer.from('{"name":"'), gbk, Buffer.from('"}\n{"name":"示例"}\n')]);
      const rows = await all(readRows('ndjson', Readable.from([bytes])));
      expect(rows).toEqual([
        { row: 1, problem: { reason: expect.stringContaining('The line is not valid UTF-8: it looks like GBK/GB18030') }, raw: '{"name":"示例便利店"}' },
        { row: 2, fields: { name: '示例' } },
      ]);
    });
  });
});
