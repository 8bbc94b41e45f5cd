/**
 * The field cases (test/fixtures/cases, from shared/cases) through the real import path of the deployed stack: put
 * in the files bucket, imported by the job worker into DynamoDB Local, rejected rows in the report. And the same
 * kinds of input through the API, which reads them with the same schemas.
 */
import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import type { S3FileStore } from '../../shared/store/s3-file-store.ts';
import { supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();
const fixture = (file: string) => readFileSync(new URL(`../fixtures/cases/${file}`, import.meta.url));

/** The days of the facts stored about an entity. */
async function storedFactDates(entityId: string) {
  const store = local.stack.services.store as DynamoStore;
  const { Items = [] } = await store.client.send(
    new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fact)', ExpressionAttributeValues: { ':pk': `ENTITY#${entityId}`, ':fact': 'FACT#' } }),
  );
  return Items.map((item) => item.date as string);
}

/** Puts bytes under imports/<kind>/, runs the import job, and returns its summary and rejected rows (report lines). */
async function importBytes(kind: string, file: string, bytes: Buffer | string) {
  const files = local.stack.services.files as S3FileStore;
  await files.put(`imports/${kind}/${file}`, bytes, 'text/csv');
  await local.stack.jobs.send([{ kind: 'import', key: `imports/${kind}/${file}` }]);
  await local.stack.jobs.idle();
  const summary = JSON.parse(await files.getText(`import-reports/${kind}/${file}/summary.json`)) as { imported: number; rejected: number };
  const report = await files.getText(`import-reports/${kind}/${file}/part-0001.csv`);
  return { summary, report, rejected: report.trim().split('\n').slice(1) };
}

describe('the field cases, imported as the deployed stack imports them', () => {
  it('05: keeps every row of an Excel "CSV UTF-8" file (byte-order mark, CRLF)', async () => {
    const { summary } = await importBytes('entities', '05.csv', fixture('05-excel-csv-utf8-bom-entities.csv'));
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    expect(await local.stack.services.store.getEntity('h-bom-01')).toMatchObject({ name: '示例便利店', creditCode: '91310115MA1K3XY08Y', district: '徐汇区' });
    expect(await local.stack.services.store.getEntity('h-bom-02')).toMatchObject({ name: '示例面馆', segment: 'catering' });
  });

  it('05 saved as UTF-16 ("Unicode text"): the same rows', async () => {
    const text = fixture('05-excel-csv-utf8-bom-entities.csv').subarray(3).toString('utf8').replace(/h-bom-/g, 'h-u16-');
    const { summary } = await importBytes('entities', '05-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    expect(await local.stack.services.store.getEntity('h-u16-01')).toMatchObject({ name: '示例便利店' });
  });

  it('07: keeps every row ending in Excel\'s trailing comma', async () => {
    const { summary } = await importBytes('entities', '07.csv', fixture('07-trailing-comma-rows.csv'));
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    expect(await local.stack.services.store.getEntity('h-tc-01')).toMatchObject({ name: '示例包子铺', segment: 'catering', district: '长宁区' });
    expect(await local.stack.services.store.getEntity('h-tc-02')).toMatchObject({ name: '示例水果店', segment: 'retail' });
  });

  it('reports a GBK row with its encoding and what it says, in a report Excel opens as UTF-8', async () => {
    const gbk = Buffer.from([0xca, 0xbe, 0xc0, 0xfd, 0xc3, 0xe6, 0xb9, 0xdd]); // 示例面馆
    const bytes = Buffer.concat([Buffer.from('id,name,segment,district\r\nh-gbk-01,'), gbk, Buffer.from(',catering,长宁区\r\nh-gbk-02,示例,catering,长宁区,额外\r\n')]);
    const { summary, report, rejected } = await importBytes('entities', 'gbk.csv', bytes);
    expect(summary).toMatchObject({ imported: 0, rejected: 2 });
    expect(report.startsWith('\ufeff行号（不含标题行） row (header not counted),字段 field,原因,reason,原始内容 raw,代码 code')).toBe(true);
    // Why, in Chinese beside English: a clerk at a Chinese desk reads the first, how to re-save included.
    expect(rejected[0]).toMatch(/^1,"name","name不是有效的 UTF-8 编码：看起来是 GBK\/GB18030.*读作“示例面馆”.*另存为.*","name is not valid UTF-8: it looks like GBK\/GB18030 .*reads ""示例面馆"".*Save As → ""CSV UTF-8"".*","h-gbk-01,示例面馆,catering,长宁区","\[\{""code"":""not-utf8"",""field"":""name"",""encoding"":""gbk"",""text"":""示例面馆""\}\]"$/);
    expect(rejected[1]).toContain('The row has ""额外"" in column 5');
  });

  it('names every column at fault on the row\'s one line, and numbers rows as Excel does less the header, blank rows counted', async () => {
    const csv = 'id,name,segment,district\r\nh-two-01,,catering,\r\n,,,\r\nh two 02,示例,catering,长宁区\r\n';
    const { summary, rejected } = await importBytes('entities', 'two-fields.csv', csv);
    expect(summary).toMatchObject({ imported: 0, rejected: 2 });
    // Excel shows h-two-01 on row 2 and "h two 02" on row 4 (a blank row between).
    expect(rejected[0]).toMatch(/^1,"name, district","name：必填，此格为空；district：必填，此格为空","name: Required; district: Required",/);
    expect(rejected[1]).toMatch(/^3,"id",/);
  });

  it('11b: accepts business ids with letters and ZIP+4 postal codes', async () => {
    const { summary } = await importBytes('lives-businesses', '11b.csv', fixture('11b-lives-alnum-business-id.csv'));
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    expect(await local.stack.services.store.getEntity('sf-PR0043120')).toMatchObject({ name: 'SAMPLE NOODLE HOUSE', district: '27601' });
    expect(await local.stack.services.store.getEntity('sf-7003')).toMatchObject({ name: 'SAMPLE DELI', district: '10001' });
  });

  it('12: refuses impossible dates, keeps the real leap day', async () => {
    await importBytes('lives-businesses', '12-businesses.csv', 'business_id,name,postal_code\n7004,SAMPLE BAKERY,94103\n');
    const { summary, rejected } = await importBytes('lives-violations', '12.csv', fixture('12-impossible-dates-violations.csv'));
    expect(summary).toMatchObject({ imported: 1, rejected: 3 });
    expect(rejected.map((line) => line.split(',"')[3])).toEqual([
      'date: 2023-02-29 is not a day on the calendar: February 2023 has 28 days"',
      'date: 2023-04-31 is not a day on the calendar: April 2023 has 30 days"',
      'date: 2024-02-30 is not a day on the calendar: February 2024 has 29 days"',
    ]);
    expect(await storedFactDates('sf-7004')).toEqual(['2024-02-29']);
  });

  it('reports the facts of a business that was rejected or never registered, instead of storing them unseen', async () => {
    const latin1 = Buffer.concat([Buffer.from('business_id,name\n8001,CAF'), Buffer.from([0xc9]), Buffer.from('\n8002,GOOD DINER\n')]);
    expect((await importBytes('lives-businesses', 'orphans-businesses.csv', latin1)).summary).toMatchObject({ imported: 1, rejected: 1 });
    const { summary, rejected } = await importBytes('lives-violations', 'orphans.csv', 'business_id,date,description\n8001,20240105,x\n8002,20240105,y\n9999,20240105,z\n');
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(rejected).toEqual([
      expect.stringMatching(/^1,"business_id","business_id：没有登记编号为“sf-8001”的主体；.*","business_id: no company ""sf-8001"" is registered; import it first, or see why its own row was rejected"/),
      expect.stringMatching(/^3,"business_id",".*","business_id: no company ""sf-9999"" is registered/),
    ]);
    expect(await storedFactDates('sf-8001')).toEqual([]);
    expect(await storedFactDates('sf-8002')).toEqual(['2024-01-05']);
  });
});

describe('the API reads the same kinds of input with the same rules', () => {
  it('refuses a name of zero-width characters with 400 naming the field, and stores a full-width one as meant', async () => {
    const blank = await local.api.request('PUT', '/entities/api-zw', { as: supervisor, body: { name: '\u200b\u200b', segment: 'retail', district: '徐汇区' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toEqual([{ path: 'name', message: 'Must not be empty: spaces and invisible characters do not count' }]);
    const typed = await local.api.request('PUT', '/entities/api-fw', { as: supervisor, body: { name: '\u3000示例便利店\u202e', creditCode: '９１３１０１１５ＭＡ１Ｋ３ＸＹ０８Ｙ', segment: 'retail', district: '徐汇区' } });
    expect(typed.status).toBeLessThan(300);
    expect(await local.stack.services.store.getEntity('api-fw')).toMatchObject({ name: '示例便利店', creditCode: '91310115MA1K3XY08Y' });
  });

  it('refuses a text past its bound with 400 naming the field and the limit', async () => {
    const reply = await local.api.request('PUT', '/entities/api-long', { as: supervisor, body: { name: '示'.repeat(201), segment: 'retail', district: '徐汇区' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details).toEqual([{ path: 'name', message: 'At most 200 characters' }]);
  });
});
