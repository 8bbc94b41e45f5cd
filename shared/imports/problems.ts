/**
 * Why an import row was rejected, as a code and its values (as a clue's evidence is), said in Chinese and English
 * by this one catalogue. The rejected-rows report carries both sentences side by side and the code with its values,
 * so the clerk who opens it in Excel reads their own language and a program reads the code.
 */
import type * as z from 'zod/mini';
import { datePatterns, type DateFormat } from '../dates.ts';
import type { Language } from '../codes/messages.ts';

/** What bytes that are not UTF-8 most likely are: a Chinese Excel or WPS export, or a Western one. */
export type GuessedEncoding = 'gbk' | 'latin1';

/** A field's value against its rule (a zod issue as the row schema raised it), with the schema's English sentence. */
export interface FieldRule {
  issue: z.core.$ZodIssue['code'];
  origin?: string;
  minimum?: number;
  maximum?: number;
  values?: string[];
  /** The date format a date was not written in. */
  dateFormat?: DateFormat;
  /** The rule's own Chinese, where the schema gives one (`params: { zh }` on a refinement, {@link inChinese} on a format). */
  zh?: string;
  en: string;
}

export type RowProblem =
  | { code: 'utf32-file'; encoding: string }
  | { code: 'not-utf8'; field?: string; encoding: GuessedEncoding; text: string }
  | { code: 'extra-column'; value: string; column: number; header: string[] }
  | { code: 'short-row'; columns: number; header: string[] }
  | { code: 'not-json-object' }
  | { code: 'not-json'; detail: string }
  | { code: 'duplicate'; of: number }
  | { code: 'not-registered'; field: string; id: string }
  | ({ code: 'field'; field: string } & FieldRule);

const resave = {
  en: 'Re-save the file as UTF-8 (in Excel: Save As → "CSV UTF-8"; in WPS: Save As → CSV, encoding UTF-8)',
  zh: '请将文件另存为 UTF-8 编码（Excel：另存为 →“CSV UTF-8（逗号分隔）”；WPS：另存为 → CSV，编码选 UTF-8）',
};
const encodingName = {
  gbk: { en: 'GBK/GB18030 (a Chinese Excel or WPS export)', zh: 'GBK/GB18030（中文版 Excel 或 WPS 导出）' },
  latin1: { en: 'Windows-1252/Latin-1', zh: 'Windows-1252/Latin-1（西文软件导出）' },
};

const formatsInChinese = new Map<string, string>();

/**
 * A format rule's pattern, with its words in Chinese for the rejected-rows report, declared beside its English
 * (a regex's issue carries its pattern, not params): `z.regex(inChinese(/^…$/, '…'), 'English words')`.
 */
export function inChinese(pattern: RegExp, zh: string): RegExp {
  formatsInChinese.set(String(pattern), zh);
  return pattern;
}

/** A zod issue of a row's schema as a field problem: its code and values, and the schema's sentence. */
export function fieldProblem(issue: z.core.$ZodIssue): RowProblem {
  const rule: FieldRule = { issue: issue.code, en: issue.message };
  if ('origin' in issue && typeof issue.origin === 'string') rule.origin = issue.origin;
  if (issue.code === 'too_small') rule.minimum = Number(issue.minimum);
  if (issue.code === 'too_big') rule.maximum = Number(issue.maximum);
  if (issue.code === 'invalid_value') rule.values = issue.values.map(String);
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    const format = (Object.keys(datePatterns) as DateFormat[]).find((f) => String(datePatterns[f]) === issue.pattern);
    if (format) rule.dateFormat = format;
    const zh = issue.pattern && formatsInChinese.get(issue.pattern);
    if (zh) rule.zh = zh;
  }
  if (issue.code === 'custom' && typeof issue.params?.zh === 'string') rule.zh = issue.params.zh;
  return { code: 'field', field: issue.path.join('.') || '(row)', ...rule };
}

const unit = (origin: string | undefined) => (origin === 'string' ? '个字符' : origin === 'array' ? '项' : '');

function ruleInChinese(rule: FieldRule): string {
  switch (rule.issue) {
    case 'invalid_type':
      return '必填，此格为空';
    case 'too_small':
      return rule.origin === 'string' && (rule.minimum ?? 0) <= 1 ? '不能为空（空格和不可见字符不算）' : `至少 ${rule.minimum} ${unit(rule.origin)}`;
    case 'too_big':
      return `最多 ${rule.maximum} ${unit(rule.origin)}`;
    case 'invalid_value':
      return `应为以下之一：${(rule.values ?? []).join('、')}`;
    case 'invalid_format':
      return rule.dateFormat ? `日期应写作 ${rule.dateFormat}` : (rule.zh ?? `格式不对（${rule.en}）`);
    default:
      return rule.zh ?? `不符合规则（${rule.en}）`;
  }
}

/** The problem said in one language: the sentence of the report's reason column in that language. */
export function sayProblem(problem: RowProblem, language: Language): string {
  const zh = language === 'zh-CN';
  switch (problem.code) {
    case 'utf32-file':
      return zh ? `文件是 ${problem.encoding} 编码，此处不能读取。${resave.zh}。` : `The file is ${problem.encoding}, which is not read here. ${resave.en}.`;
    case 'not-utf8': {
      const what = problem.field ?? (zh ? '此行' : 'The line');
      const encoding = encodingName[problem.encoding];
      return zh
        ? `${what}不是有效的 UTF-8 编码：看起来是 ${encoding.zh}，读作“${problem.text}”。${resave.zh}`
        : `${what} is not valid UTF-8: it looks like ${encoding.en}, where it reads "${problem.text}". ${resave.en}`;
    }
    case 'extra-column':
      return zh
        ? `此行第 ${problem.column} 列有“${problem.value}”，超出表头的 ${problem.header.length} 列（${problem.header.join('、')}）`
        : `The row has "${problem.value}" in column ${problem.column}, beyond the header's ${problem.header.length} columns (${problem.header.join(', ')})`;
    case 'short-row':
      return zh
        ? `此行有 ${problem.columns} 列，表头有 ${problem.header.length} 列（${problem.header.join('、')}）`
        : `The row has ${problem.columns} columns, the header has ${problem.header.length} (${problem.header.join(', ')})`;
    case 'not-json-object':
      return zh ? '此行不是 JSON 对象' : 'The line is not a JSON object';
    case 'not-json':
      return zh ? `此行不是有效的 JSON：${problem.detail}` : `The line is not valid JSON: ${problem.detail}`;
    case 'duplicate':
      return zh ? `与第 ${problem.of} 行重复：同一条记录只保留一次` : `duplicate of row ${problem.of}: the same record is kept once`;
    case 'not-registered':
      return zh
        ? `${problem.field}：没有登记编号为“${problem.id}”的主体；请先导入该主体，或查看其所在行未导入的原因`
        : `${problem.field}: no company "${problem.id}" is registered; import it first, or see why its own row was rejected`;
    case 'field':
      return `${problem.field}${zh ? '：' : ': '}${zh ? ruleInChinese(problem) : problem.en}`;
  }
}

/** A row's problems said in one language, one after the other. */
export const sayProblems = (problems: readonly RowProblem[], language: Language) => problems.map((p) => sayProblem(p, language)).join(language === 'zh-CN' ? '；' : '; ');

/** The problems as a program reads them: each code with its values (the sentences are the reason columns'). */
export const problemCodes = (problems: readonly RowProblem[]) =>
  JSON.stringify(
    problems.map((problem) => {
      if (problem.code !== 'field') return problem;
      const { en: _en, zh: _zh, ...rule } = problem;
      return rule;
    }),
  );

/** The column a problem is about, or `(row)` / `(file)` when it is the whole row's or the file's. */
export const fieldOf = (problem: RowProblem) => ('field' in problem && problem.field ? problem.field : problem.code === 'utf32-file' ? '(file)' : '(row)');

/** Every column a row's problems are about, each once, in the order of the problems (the reasons' order). */
export const fieldsOf = (problems: readonly RowProblem[]) => [...new Set(problems.map(fieldOf))].join(', ');
