/** Why an import row was rejected, as a Chinese clerk and an English reader each read it in the report. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';
import { sayProblem, sayProblems, type RowProblem } from '../../shared/imports/problems.ts';
import { badRowsReport, type BadRow } from '../../shared/imports/run-import.ts';

const errorsOf = (kind: keyof typeof importKinds, fields: Record<string, string>) => {
  const parsed = importKinds[kind].parse(fields);
  if (!('errors' in parsed)) throw new Error('the row was taken');
  return parsed.errors;
};

describe('import problems', () => {
  it('says a field left empty, too long, not among the choices or a date written wrong, in Chinese', () => {
    const entity = errorsOf('entities', { id: 'e1', name: 'x'.repeat(300), segment: 'catering' });
    expect(sayProblems(entity, 'zh-CN')).toBe('name：最多 200 个字符；district：必填，此格为空');
    expect(sayProblems(entity, 'en')).toBe('name: At most 200 characters; district: Required');
    const [result] = errorsOf('sampling-results', { entityId: 'e1', sampleNo: 'S1', product: 'Milk', date: '2017-03-01', result: 'maybe' });
    expect(sayProblem(result!, 'zh-CN')).toMatch(/^result：应为以下之一：pass、fail/);
    const formats = errorsOf('entities', { id: 'e 1', name: 'Shop', segment: 'catering', district: 'Huangpu', creditCode: '91310104MA1K3YJ12X' });
    expect(sayProblems(formats, 'zh-CN')).toBe('creditCode：不是有效的统一社会信用代码：应为 18 位，最后一位是 GB 32100-2015 规定的校验码；id：编号为 1–64 个字母、数字或“_”“.”“:”“-”，以字母或数字开头');
    const [date] = errorsOf('lives-violations', { business_id: '7004', date: '02/29/2024', description: 'x' });
    expect(sayProblem(date!, 'zh-CN')).toBe('date：日期应写作 YYYYMMDD');
    expect(sayProblem(date!, 'en')).toBe('date: A date is written YYYYMMDD');
    const [day] = errorsOf('lives-violations', { business_id: '7004', date: '20230229', description: 'x' });
    expect(sayProblem(day!, 'zh-CN')).toBe('date：不是日历上存在的日期，请核对年、月、日');
  });

  it('says what the reader found wrong with a row or a file in Chinese too', () => {
    const problems: [RowProblem, string][] = [
      [{ code: 'not-utf8', field: 'name', encoding: 'gbk', text: '示例面馆' }, 'name不是有效的 UTF-8 编码：看起来是 GBK/GB18030（中文版 Excel 或 WPS 导出），读作“示例面馆”。请将文件另存为'],
      [{ code: 'extra-column', value: '额外', column: 5, header: ['id', 'name', 'segment', 'district'] }, '此行第 5 列有“额外”，超出表头的 4 列（id、name、segment、district）'],
      [{ code: 'duplicate', of: 2 }, '与第 2 行重复：同一条记录只保留一次'],
      [{ code: 'not-registered', field: 'business_id', id: 'sf-9999' }, 'business_id：没有登记编号为“sf-9999”的主体'],
    ];
    for (const [problem, chinese] of problems) expect(sayProblem(problem, 'zh-CN')).toContain(chinese);
  });

  it('writes the report with the Chinese reason beside the English one, and the codes with their values', () => {
    const bad: BadRow = { row: 2, field: 'name', reason: 'name: Required', problems: errorsOf('entities', { id: 'e2', segment: 'catering', district: 'Huangpu' }), raw: 'e2,,catering,Huangpu' };
    const report = badRowsReport.header + badRowsReport.lines([bad]);
    expect(report.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = parse(report.slice(1)) as string[][];
    expect(header).toEqual(['行号（不含标题行） row (header not counted)', '字段 field', '原因', 'reason', '原始内容 raw', '代码 code']);
    expect(row!.slice(0, 5)).toEqual(['2', 'name', 'name：必填，此格为空', 'name: Required', 'e2,,catering,Huangpu']);
    expect(JSON.parse(row![5]!)).toEqual([{ code: 'field', field: 'name', issue: 'invalid_type' }]);
  });
});
