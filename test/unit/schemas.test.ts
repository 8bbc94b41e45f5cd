/**
 * The schemas' building blocks: human text as meant (never empty), code-like values (phones, credit codes) as
 * ASCII, one date parser, and every stored text and list bounded with the bound said. API bodies and import rows
 * are read by the same blocks, so they agree.
 */
import { describe, expect, it } from 'vitest';
import { contact, createInspectionBody, entityBody, evidenceFile, isoDate, limits, postAlertBody, recordResultsBody, text } from '../../shared/api/schemas.ts';
import { importKinds } from '../../shared/imports/kinds.ts';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

const plan = { entityId: 'e1', departments: ['food-safety'], items: ['证照公示'], window: { start: '2030-03-01', end: '2030-03-05' }, inspectorIds: ['i1', 'i2'], contact: { name: '王经理', phone: '021-12345678' } };

describe('human text', () => {
  it.each(['\u200b\u200b', '\u202e', '\u3000\u3000', '\ufeff', ' \u2060 '])('refuses a text with nothing visible in it (%j)', (typed) => {
    expect(messages(text(100).safeParse(typed))).toEqual([': Must not be empty: spaces and invisible characters do not count']);
  });

  it('refuses a contact name, a check item and a department made only of zero-width characters', () => {
    const result = createInspectionBody.safeParse({ ...plan, departments: ['\u200b'], items: ['\u200c\u200d'], contact: { name: '\u200b\u202e', phone: '021-12345678' } });
    expect(messages(result)).toEqual([
      'departments.0: Must not be empty: spaces and invisible characters do not count',
      'items.0: Must not be empty: spaces and invisible characters do not count',
      'contact.name: Must not be empty: spaces and invisible characters do not count',
    ]);
  });

  it('stores what was meant: full-width letters and digits as ASCII, ideographic spaces as one, no bidi overrides', () => {
    expect(createInspectionBody.parse({ ...plan, items: ['\u3000检查第１２项\u202e ＡＢ'] }).items).toEqual(['检查第12项 AB']);
  });

  it('reads an API body and an import row of the same entity alike', () => {
    const typed = { name: '\u200b示例便利店\u3000', creditCode: '９１３１０１１５ＭＡ１Ｋ３ＸＹ０８Ｙ', segment: 'retail', district: '徐汇区\u202c' };
    const imported = importKinds.entities.parse({ id: 'e1', ...typed });
    expect(imported).toEqual({ record: { type: 'entity', id: 'e1', entity: entityBody.parse(typed) } });
    expect(entityBody.parse(typed)).toEqual({ name: '示例便利店', creditCode: '91310115MA1K3XY08Y', segment: 'retail', district: '徐汇区' });
  });

  it('refuses in an import row what the API refuses', () => {
    expect(importKinds.entities.parse({ id: 'e1', name: '\u200b\u200b', segment: 'retail', district: '徐汇区' })).toMatchObject({
      errors: [{ field: 'name', en: 'Must not be empty: spaces and invisible characters do not count' }],
    });
  });

  it('removes the override that disguises an evidence file\'s extension', () => {
    expect(evidenceFile.parse({ name: 'photo\u202egpj.exe', contentType: 'image/jpeg', size: 1 }).name).toBe('photogpj.exe');
  });
});

describe('code-like values', () => {
  it('reads a phone number typed in full width as ASCII', () => {
    expect(contact.parse({ name: '王经理', phone: '＋８６ １３８－００１３－８０００' }).phone).toBe('+86 138-0013-8000');
  });

  it('checks the credit code\'s check digit after normalising it, and still refuses a wrong one', () => {
    expect(entityBody.parse({ name: 'x', creditCode: ' ９１３１ ０１１５ ｍａ１ｋ ３ｘｙ０ ８ｙ ', segment: 's', district: 'd' }).creditCode).toBe('91310115MA1K3XY08Y');
    expect(messages(entityBody.safeParse({ name: 'x', creditCode: '９１３１０１１５ＭＡ１Ｋ３ＸＹ０８Ｘ', segment: 's', district: 'd' }))).toEqual([
      expect.stringMatching(/^creditCode: Not a valid unified social credit code/),
    ]);
  });

  it('reads an id typed in full width or pasted with invisible characters, and still refuses one that is not an id', () => {
    expect(importKinds.licences.parse({ entityId: '\u200bｅ１ ', licenceNo: 'L', type: 't', issuedOn: '2024-01-01', expiresOn: '2025-01-01' })).toMatchObject({ record: { fact: { entityId: 'e1' } } });
    expect(createInspectionBody.safeParse({ ...plan, entityId: 'e 1' }).success).toBe(false);
  });
});

describe('dates', () => {
  it('refuses an impossible date in an API body and in every import with the same words', () => {
    const words = '2023-02-29 is not a day on the calendar: February 2023 has 28 days';
    expect(messages(isoDate.safeParse('2023-02-29'))).toEqual([`: ${words}`]);
    expect(messages(createInspectionBody.safeParse({ ...plan, window: { start: '2023-02-29', end: '2023-03-01' } }))).toEqual([`window.start: ${words}`]);
    expect(importKinds['lives-violations'].parse({ business_id: '1', date: '20230229', description: 'x' })).toMatchObject({ errors: [{ field: 'date', en: words }] });
    expect(importKinds.licences.parse({ entityId: 'e1', licenceNo: 'L', type: 't', issuedOn: '2023-02-29', expiresOn: '2025-01-01' })).toMatchObject({ errors: [{ field: 'issuedOn', en: words }] });
    expect(messages(postAlertBody.safeParse({ reference: 'r', entityId: 'e', cameraId: 'c', type: 'rodent', at: '2023-02-29T10:00:00+08:00' }))).toContain(`at: ${words}`);
  });

  it('accepts a real leap day, typed in full width too', () => {
    expect(isoDate.parse('２０２４－０２－２９')).toBe('2024-02-29');
  });
});

describe('bounds of what is stored', () => {
  const long = (n: number) => '示'.repeat(n);

  it('names the field and the limit of a text too long', () => {
    expect(messages(createInspectionBody.safeParse({ ...plan, items: [long(limits.checkItem + 1)] }))).toEqual([`items.0: At most ${limits.checkItem} characters`]);
  });

  it('names the field and the limit of a list too long', () => {
    const items = Array.from({ length: limits.checkItems + 1 }, (_, i) => `item ${i}`);
    expect(messages(createInspectionBody.safeParse({ ...plan, items }))).toEqual([`items: At most ${limits.checkItems} entries`]);
    const finding = { item: 'x', description: 'x', severity: 'minor', guidance: 'x', deadline: '2030-01-01' };
    const findings = Array.from({ length: limits.findings + 1 }, (_, i) => ({ ...finding, item: `x${i}` }));
    expect(messages(recordResultsBody.safeParse({ outcome: 'rectify', findings }))).toEqual([`findings: At most ${limits.findings} findings`]);
  });

  it('bounds every string and every list of every body', async () => {
    const { routes } = await import('../../shared/api/routes.ts');
    const { toJSONSchema } = await import('zod/mini');
    const unbounded: string[] = [];
    const walk = (schema: Record<string, unknown>, path: string) => {
      if (schema.type === 'string' && schema.maxLength === undefined && schema.pattern === undefined && schema.enum === undefined && schema.format === undefined && schema.const === undefined) unbounded.push(path);
      if (schema.type === 'array' && schema.maxItems === undefined) unbounded.push(path);
      for (const [key, value] of Object.entries(schema)) if (value && typeof value === 'object') walk(value as Record<string, unknown>, `${path}.${key}`);
    };
    for (const [name, route] of Object.entries(routes)) if ('body' in route && route.body) walk(toJSONSchema(route.body as never, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, name);
    expect(unbounded).toEqual([]);
  });
});
