/**
 * What each import kind is called and which columns its file has, in both languages: the one declaration the
 * import use case (shared/imports/kinds.ts, which parses the rows) and the console's Imports page both read. Free of
 * anything but text, so the browser can load it (kinds.ts cannot: it reaches node:crypto through the facts' ids).
 * Column names are the file's own and stay as written in either language.
 */
import type { Language } from '../codes/messages.ts';

interface KindLabel {
  name: string;
  description: string;
}

export const importKindLabels = {
  entities: {
    'zh-CN': { name: '市场主体', description: 'id、name（名称）、creditCode（统一社会信用代码，可空，校验位会核对）、segment（行业）、district（辖区）、address（地址）、legalRepresentative（法定代表人）' },
    en: { name: 'Market entities', description: 'id, name, creditCode (optional, check digit verified), segment, district, address, legalRepresentative' },
  },
  inspectors: {
    'zh-CN': { name: '执法人员', description: 'id、name（姓名）、department（部门）、district（辖区）、certificateNo（执法证号）、qualifications 与 recusals（资质、回避对象，写作 "a; b"）、active（是否在岗）' },
    en: { name: 'Inspectors', description: 'id, name, department, district, certificateNo, qualifications and recusals as "a; b", active' },
  },
  'lives-businesses': {
    'zh-CN': { name: 'LIVES 商户（businesses.csv）', description: 'business_id、name、address、city、state、postal_code（邮编，作辖区）、latitude、longitude、phone_number' },
    en: { name: 'LIVES businesses (businesses.csv)', description: 'business_id, name, address, city, state, postal_code, latitude, longitude, phone_number' },
  },
  'lives-inspections': {
    'zh-CN': { name: 'LIVES 检查（inspections.csv）', description: 'business_id、score（0–100，常为空）、date（YYYYMMDD；YYYY-MM-DD 及带时刻的写法亦可）、type（检查类型）' },
    en: { name: 'LIVES inspections (inspections.csv)', description: 'business_id, score (0-100, often empty), date (YYYYMMDD; YYYY-MM-DD and a time of day read too), type' },
  },
  'lives-violations': {
    'zh-CN': { name: 'LIVES 违规（violations.csv）', description: 'business_id、date（YYYYMMDD；YYYY-MM-DD 及带时刻的写法亦可）、description（违规描述）' },
    en: { name: 'LIVES violations (violations.csv)', description: 'business_id, date (YYYYMMDD; YYYY-MM-DD and a time of day read too), description' },
  },
  departments: {
    'zh-CN': { name: '监管部门', description: 'id（执法人员与计划引用的编号）、name（名称）、districts（所辖辖区，写作 "a; b"）' },
    en: { name: 'Departments', description: 'id (as inspectors and plans refer to it), name, districts as "a; b"' },
  },
  licences: {
    'zh-CN': { name: '许可证', description: 'entityId（主体编号）、licenceNo（许可证号）、type（类型）、issuedOn（发证日期）、expiresOn（有效期至，YYYY-MM-DD）' },
    en: { name: 'Licences', description: 'entityId, licenceNo, type, issuedOn, expiresOn (YYYY-MM-DD)' },
  },
  'sampling-results': {
    'zh-CN': { name: '抽样检验结果', description: 'entityId（主体编号）、sampleNo（样品编号）、product（产品）、date（日期）、result（pass 合格 或 fail 不合格）' },
    en: { name: 'Product sampling results', description: 'entityId, sampleNo, product, date, result (pass or fail)' },
  },
  'quality-spot-checks': {
    'zh-CN': { name: '质量监督抽查', description: 'entityId（主体编号）、checkNo（抽查编号）、product（产品）、date（日期）、result（pass 或 fail）；与抽样检验合并计数' },
    en: { name: 'Product quality spot checks', description: 'entityId, checkNo, product, date, result (pass or fail); counted with the samples' },
  },
  complaints: {
    'zh-CN': { name: '投诉举报', description: 'entityId（主体编号）、caseNo（案件号）、date（日期）、type（complaint 投诉 或 report 举报）、verified（是否属实：true/false）、summary（摘要）' },
    en: { name: 'Complaints and reports (tip-offs)', description: 'entityId, caseNo, date, type (complaint or report), verified (true/false), summary' },
  },
  'debtor-list': {
    'zh-CN': { name: '失信被执行人名单', description: 'entityId（主体编号）、listedOn（列入日期）、removedOn（移出日期，可空）、who（entity 主体 或 legal-representative 法定代表人）、caseNo（案号）' },
    en: { name: 'Untrustworthy-judgment-debtor list', description: 'entityId, listedOn, removedOn (optional), who (entity or legal-representative), caseNo' },
  },
  'abnormal-operations': {
    'zh-CN': { name: '经营异常名录', description: 'entityId（主体编号）、listedOn（列入日期）、removedOn（移出日期，可空）、reason（原因）' },
    en: { name: 'Abnormal-operation directory', description: 'entityId, listedOn, removedOn (optional), reason' },
  },
  'serious-illegal-list': {
    'zh-CN': { name: '严重违法失信名单', description: 'entityId（主体编号）、listedOn（列入日期）、removedOn（移出日期，可空）、reason（原因）' },
    en: { name: 'Serious illegal and untrustworthy entities', description: 'entityId, listedOn, removedOn (optional), reason' },
  },
  'court-cases': {
    'zh-CN': { name: '裁判文书与执行记录', description: 'entityId（主体编号）、caseNo（案号）、filedOn（立案日期）、type（lawsuit-as-defendant 被诉、enforcement 被执行、consumption-restriction 限制高消费）、closedOn（结案日期，可空：此前视为未结）' },
    en: { name: 'Court cases and enforcement records', description: 'entityId, caseNo, filedOn, type (lawsuit-as-defendant, enforcement, consumption-restriction), closedOn (optional: open until then)' },
  },
  'tax-credit-ratings': {
    'zh-CN': { name: '纳税信用等级', description: 'entityId（主体编号）、year（年度）、level（A、B、M、C、D）；次年春季公布' },
    en: { name: 'Tax credit ratings', description: 'entityId, year, level (A, B, M, C, D); published the next spring' },
  },
  penalties: {
    'zh-CN': { name: '行政处罚决定', description: 'entityId（主体编号）、caseNo（案号）、decidedOn（决定日期，YYYY-MM-DD）、amount（罚没金额，元；警告为 0）、violation（违法行为）' },
    en: { name: 'Administrative penalty decisions', description: 'entityId, caseNo, decidedOn (YYYY-MM-DD), amount (yuan, 0 for a warning), violation' },
  },
  'licence-changes': {
    'zh-CN': { name: '变更登记', description: 'entityId（主体编号）、changedOn（变更日期，YYYY-MM-DD）、field（address、legal-representative、shareholder、registered-capital、name、business-scope）、before（变更前）、after（变更后）' },
    en: { name: 'Registration and licence changes', description: 'entityId, changedOn (YYYY-MM-DD), field (address, legal-representative, shareholder, registered-capital, name, business-scope), before, after' },
  },
  'annual-reports': {
    'zh-CN': { name: '年度报告', description: 'entityId（主体编号）、year（年度）、filedOn（报送日期，YYYY-MM-DD）；次年 6 月 30 日前报送为按时' },
    en: { name: 'Annual reports filed', description: 'entityId, year, filedOn (YYYY-MM-DD); on time when filed by 30 June of the next year' },
  },
  recalls: {
    'zh-CN': { name: '产品召回', description: 'entityId（主体编号）、recallNo（召回编号）、date（日期，YYYY-MM-DD）、product（产品）、level（1、2 或 3 级：1 级最严重）' },
    en: { name: 'Product recalls', description: 'entityId, recallNo, date (YYYY-MM-DD), product, level (1, 2 or 3: 1 the most serious)' },
  },
} as const satisfies Record<string, Record<Language, KindLabel>>;

export type ImportKindName = keyof typeof importKindLabels;
