/** Every sentence of the scan page, per language. Adding a language is adding an entry here. */

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const zhCN = {
  title: '检查码',
  registered: '这是一次已登记的合法检查',
  registeredHint: '请核对执法人员出示的执法证件与下列信息一致。',
  entity: '被检查对象',
  departments: '检查部门',
  window: '检查时间',
  items: '检查事项',
  inspectors: '执法人员',
  certificate: '执法证号',
  contact: '联系协调',
  status: '当前进度',
  validUntil: '检查码有效期至',
  results: '检查结果',
  findings: '发现的问题',
  guidance: '整改要求',
  deadline: '整改期限',
  severity: '严重程度',
  rectifications: '整改情况',
  noFindings: '未发现问题。',
  detailsHint: '检查结果和整改要求仅对被检查企业及执法人员显示。',
  submitted: '提交于',
  reviewComment: '审核意见',
  basis: '检查依据',
  basisDraw: '双随机抽查：抽取过程公开，任何人都可以核验',
  basisTrigger: '触发式检查',
  verifyDraw: '核验抽签',
  signIn: '以本企业身份登录',
  signInHint: '登录后可确认执法人员到场、查看整改要求并上传整改照片。',
  switchLanguage: 'English',
  notFoundTitle: '未找到此检查码',
  authorityContact: '向市场监管部门核实：12315 投诉举报热线',
  notFoundBody: '此检查码未在系统中登记。未亮码的检查不合法，您可以拒绝，并向市场监管部门核实。',
  goneRevokedTitle: '此检查码已撤销',
  goneRevokedBody: '此次检查已被撤销。如有执法人员到场，请向市场监管部门核实。',
  goneExpiredTitle: '此检查码已过期',
  goneExpiredBody: '此次检查的有效期已过。如需了解检查结果，请联系检查部门。',
  status_scheduled: '已安排，待检查',
  'status_on-site': '检查进行中',
  status_rectifying: '待整改',
  'status_under-review': '整改材料审核中',
  status_closed: '已结束',
  outcome_compliant: '合格',
  outcome_rectify: '责令整改',
  'outcome_non-compliant': '不合格',
  severity_minor: '轻微',
  severity_major: '较重',
  severity_critical: '严重',
  rectification_submitted: '待审核',
  rectification_accepted: '已通过',
  rectification_rejected: '未通过',
  to: '至',
};

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  title: 'Inspection code',
  registered: 'This is a registered, legitimate inspection',
  registeredHint: "Check that the inspectors' credentials match the details below.",
  entity: 'Inspected company',
  departments: 'Departments',
  window: 'When',
  items: 'What is checked',
  inspectors: 'Inspectors',
  certificate: 'Certificate no.',
  contact: 'To coordinate',
  status: 'Status',
  validUntil: 'Code valid until',
  results: 'Results',
  findings: 'Findings',
  guidance: 'What to fix',
  deadline: 'Fix by',
  severity: 'Severity',
  rectifications: 'Rectification',
  noFindings: 'No problems found.',
  detailsHint: 'Results and what to fix are shown only to the inspected company and the inspectors.',
  submitted: 'Submitted',
  reviewComment: 'Review',
  basis: 'Why this inspection',
  basisDraw: 'A double-random draw: published, and anyone can verify it',
  basisTrigger: 'Trigger inspection',
  verifyDraw: 'Verify the draw',
  signIn: 'Sign in as this company',
  signInHint: 'Signed in, you confirm the inspectors are here, read what to fix and send rectification photos.',
  switchLanguage: '中文',
  notFoundTitle: 'Code not found',
  authorityContact: 'Check with the market-supervision authority: hotline 12315',
  notFoundBody:
    'This code is not registered. An inspection without a registered code is not legitimate: you may refuse it and check with the market-supervision authority.',
  goneRevokedTitle: 'This code was revoked',
  goneRevokedBody: 'This inspection was cancelled. If inspectors arrive, check with the market-supervision authority.',
  goneExpiredTitle: 'This code has expired',
  goneExpiredBody: 'The validity of this inspection has passed. Contact the inspecting department for its results.',
  status_scheduled: 'Scheduled',
  'status_on-site': 'Inspection under way',
  status_rectifying: 'Awaiting rectification',
  'status_under-review': 'Rectification under review',
  status_closed: 'Closed',
  outcome_compliant: 'Compliant',
  outcome_rectify: 'Rectification required',
  'outcome_non-compliant': 'Non-compliant',
  severity_minor: 'Minor',
  severity_major: 'Major',
  severity_critical: 'Critical',
  rectification_submitted: 'Awaiting review',
  rectification_accepted: 'Accepted',
  rectification_rejected: 'Rejected',
  to: 'to',
};

export const messages: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/**
 * The page language: an explicit `?lang=` wins, then the first Accept-Language entry we speak (by q-value),
 * then Chinese, the language of the authorities this is built for.
 */
export function pickLanguage(acceptLanguage: string | undefined, explicit?: string): Language {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}
