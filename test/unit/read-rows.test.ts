import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';
import { readRows, type RawRow } from '../../shared/imports/read-rows.ts';

const all = async (rows: AsyncIterable<RawRow>) => {
  const out: RawRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('reading rows', () => {
  it('reads CSV with a header, and says which field of which row is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('id,name\n1,Caf'), Buffer.from([0xe9]), Buffer.from('\n2,"Tea, House"\n3,a,b\n')]);
    expect(await all(readRows('csv', Readable.from([bytes])))).toEqual([
      { row: 1, problem: { field: 'name', reason: expect.stringContaining('"Café"') }, raw: '1,Café' },
      { row: 2, fields: { id: '2', name: 'Tea, House' } },
      { row: 3, problem: { reason: 'has 3 columns, the header has 2' }, raw: '3,a,b' },
    ]);
  });

  it('reads NDJSON, keeping going past a line that is not JSON', async () => {
    const rows = await all(readRows('ndjson', Readable.from(['{"id":"1","n":2}\n', 'oops\n', '\n', '[1]\n'])));
    expect(rows.map((r) => ('fields' in r ? r.fields : r.problem.reason))).toEqual([{ id: '1', n: '2' }, expect.stringContaining('not valid JSON'), 'is not a JSON object']);
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
});
