/**
 * Demo data for the local stack: companies, inspectors and inspections with codes in every state, created through
 * the same use cases the API calls (so the data is what the API would have made). Runs once per data folder.
 */
import type { Principal } from '../shared/auth/principal.ts';
import { addDays, localDay } from '../shared/dates.ts';
import { issueCode } from '../shared/codes/issuance.ts';
import { revokeCode } from '../shared/codes/revocation.ts';
import { creditCodeCheckCharacter } from '../shared/entities/credit-code.ts';
import { upsertEntity, upsertInspector } from '../shared/entities/registry.ts';
import * as inspections from '../shared/inspections/service.ts';
import { announceDrawBody } from '../shared/api/schemas.ts';
import { announceDraw, executeDraw, runDrawJob, type DrawServices } from '../shared/draws/service.ts';
import type { DrawJob } from '../shared/draws/record.ts';
import { postAlert, registerDevice, type AlertServices } from '../shared/alerts/service.ts';
import type { RiskServices } from '../shared/risk/services.ts';
import type { Language } from '../shared/codes/messages.ts';
import { departmentNames, districtNames, labelOf } from '../shared/labels.ts';
import { factId, type Fact } from '../shared/facts/model.ts';
import { DynamoImportSink } from '../shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '../shared/store/dynamodb-scoring-store.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';

const food = 'food-safety';
const equipment = 'special-equipment';
const quality = 'product-quality';

const withCheckCharacter = (first17: string) => first17 + creditCodeCheckCharacter(first17);

export const demoEntities = [
  { id: 'demo-canteen', name: '浦江示范餐饮有限公司 Pujiang Demo Catering Co.', creditCode: withCheckCharacter('91310101MA1FPX0A1'), segment: 'catering', district: 'Huangpu', address: '上海市黄浦区示范路 1 号' },
  { id: 'demo-bakery', name: '东湖烘焙食品有限公司 Donghu Bakery Ltd.', creditCode: withCheckCharacter('91310104MA1K3YJ12'), segment: 'food-production', district: 'Xuhui', address: '上海市徐汇区东湖路 8 号' },
  { id: 'demo-lifts', name: '申城电梯维保有限公司 Shencheng Lift Services', creditCode: withCheckCharacter('91310115MA1H7TQ2X'), segment: 'special-equipment', district: 'Pudong', address: '上海市浦东新区张江路 88 号' },
  { id: 'demo-pharmacy', name: '康宁大药房有限公司 Kangning Pharmacy', creditCode: withCheckCharacter('91310106MA1G8RW3N'), segment: 'drugs', district: "Jing'an", address: '上海市静安区南京西路 300 号' },
];

export const demoInspectors = [
  { id: 'insp-wang', name: '王敏 Wang Min', department: food, district: 'Huangpu', certificateNo: 'SH-FS-20190321', qualifications: ['catering', 'food-production'] },
  { id: 'insp-li', name: '李强 Li Qiang', department: food, district: 'Xuhui', certificateNo: 'SH-FS-20200415', qualifications: ['catering', 'food-production'] },
  { id: 'insp-sun', name: '孙丽 Sun Li', department: food, district: 'Xuhui', certificateNo: 'SH-FS-20230302', qualifications: ['food-production', 'special-food'] },
  { id: 'insp-zhao', name: '赵磊 Zhao Lei', department: equipment, district: 'Pudong', certificateNo: 'SH-SE-20180102', qualifications: ['special-equipment'] },
  { id: 'insp-chen', name: '陈静 Chen Jing', department: equipment, district: 'Pudong', certificateNo: 'SH-SE-20210710', qualifications: ['special-equipment'] },
  { id: 'insp-liu', name: '刘洋 Liu Yang', department: quality, district: "Jing'an", certificateNo: 'SH-PQ-20170905', qualifications: ['drugs', 'special-equipment'] },
  { id: 'insp-zhou', name: '周婷 Zhou Ting', department: quality, district: "Jing'an", certificateNo: 'SH-PQ-20221111', qualifications: ['drugs'] },
].map((inspector) => ({ ...inspector, recusals: [], active: true }));

/** A dozen catering companies on one street, the pool of the demo draw, graded by their records (`recordFor`). */
const demoStreet = Array.from({ length: 12 }, (_, i) => ({
  id: `demo-street-${i + 1}`,
  name: `南京东路餐饮${i + 1}号店 Nanjing Road Eatery No. ${i + 1}`,
  segment: 'catering',
  district: 'Huangpu',
  grade: (['A', 'B', 'B', 'C', 'C', 'D'] as const)[i % 6]!,
}));

type Grade = 'A' | 'B' | 'C' | 'D';

/**
 * What the authority holds on record of a company that earns this grade from the shipped models: inspection
 * scores, violations, samples, complaints, a fine — the facts an import would have brought. The scoring run grades
 * the demo from them, so each grade has its score and its explanation like any other.
 */
function recordFor(entityId: string, grade: Grade, today: string): Fact[] {
  const fact = (kind: Fact['kind'], daysAgo: number, value?: number, detail?: string): Fact => {
    const body = { entityId, kind, date: addDays(today, -daysAgo), ...(value === undefined ? {} : { value }), ...(detail ? { detail } : {}), source: 'demo' };
    return { ...body, id: factId(body) };
  };
  const records: Record<Grade, Fact[]> = {
    A: [fact('inspection', 270, 98), fact('inspection', 545, 96), fact('sampling', 210, 0), fact('sampling', 450, 0)],
    B: [fact('inspection', 270, 88), fact('violation', 270, undefined, 'Low risk: floors'), fact('sampling', 210, 0)],
    C: [fact('inspection', 270, 80), fact('violation', 270, undefined, 'Moderate risk: storage'), fact('violation', 330, undefined, 'Low risk: floors')],
    D: [
      fact('inspection', 270, 62),
      fact('violation', 270, undefined, 'High risk: vermin'),
      fact('violation', 635, undefined, 'High risk: vermin'),
      fact('sampling', 210, 1),
      fact('complaint', 180, 1),
      fact('penalty', 240, 20_000),
    ],
  };
  return records[grade];
}

/** Someone who can sign in to the local stack: the OpenID provider's account, and the principal the seed acts as. */
export interface DemoAccount {
  /** Account id = `sub` of its tokens; `login_hint=<id>` signs in as it directly. */
  id: string;
  name: string;
  /** One line under the name on the sign-in page. */
  about: Record<Language, string>;
  principal: Principal;
  /** Listed folded away on the sign-in page (the draw's street), unless the app asks for it by `login_hint`. */
  folded?: boolean;
}

/** An account's line under its name, in the page's language: departments and districts named as everywhere (shared/labels.ts). */
const staff = (id: string, name: string, role: 'supervisor' | 'inspector', department?: string): DemoAccount => ({
  id,
  name,
  about: department
    ? {
        'zh-CN': `${labelOf(departmentNames, department, 'zh-CN')}${role === 'supervisor' ? '负责人' : '执法人员'}`,
        en: `${labelOf(departmentNames, department, 'en')} ${role}`,
      }
    : { 'zh-CN': '全市监管（不限部门）', en: 'City-wide supervisor (every department)' },
  principal: { subject: id, role, ...(department ? { department } : {}), ...(role === 'inspector' ? { inspectorId: id } : {}) },
});

const owner = ({ id, name, district }: { id: string; name: string; district: string }, folded = false): DemoAccount => ({
  id: `${id}-owner`,
  name,
  about: { 'zh-CN': `企业 · ${labelOf(districtNames, district, 'zh-CN')}`, en: `Company · ${labelOf(districtNames, district, 'en')}` },
  principal: { subject: `${id}-owner`, role: 'company', entityId: id },
  ...(folded ? { folded } : {}),
});

/**
 * The demo accounts, declared once: each demo company's owner (the draw's street too), every inspector, the chiefs
 * of two departments and one city-wide supervisor. The seed acts as them and the local OpenID provider signs them in.
 */
export const demoAccounts: DemoAccount[] = [
  ...demoEntities.map((entity) => owner(entity)),
  ...demoStreet.map((entity) => owner(entity, true)),
  ...demoInspectors.map(({ id, name, department }) => staff(id, name, 'inspector', department)),
  staff('demo-food-chief', '林芳 Lin Fang', 'supervisor', food),
  staff('demo-equipment-chief', '郑伟 Zheng Wei', 'supervisor', equipment),
  staff('demo-supervisor', '陈华 Chen Hua', 'supervisor'),
];

const account = (id: string): Principal => demoAccounts.find((a) => a.id === id)!.principal;
const supervisor = account('demo-supervisor');
const company = (entityId: string) => account(`${entityId}-owner`);

const day = 86_400_000;
/** A day counted from today on the authority's calendar: the demo's windows and deadlines are days there, not in UTC. */
const date = (fromToday: number, today: string) => addDays(today, fromToday);

export interface DemoCode {
  state: string;
  entity: string;
  inspectionId: string;
  url: string;
}

export async function seedDemoData(services: DrawServices, risk: RiskServices & AlertServices, baseUrl: string): Promise<{ codes: DemoCode[]; drawId?: string }> {
  if (await services.store.getEntity(demoEntities[0]!.id)) return { codes: [] };
  for (const { id, ...entity } of demoEntities) await upsertEntity(services, supervisor, id, entity);
  for (const { id, ...person } of demoInspectors) await upsertInspector(services, supervisor, id, person);

  const now = Date.now();
  const today = localDay(new Date(now), services.timeZone);
  /** The services with a clock set back by some days, for what happened in the past. */
  const daysAgo = (days: number): DrawServices => ({ ...services, now: () => new Date(now - days * day).toISOString() });
  const codes: DemoCode[] = [];
  async function plan(
    state: string,
    entityId: string,
    departments: string[],
    inspectorIds: string[],
    items: string[],
    startInDays: number,
    clock: DrawServices = services,
  ) {
    const { inspection } = await inspections.createInspection(
      clock,
      supervisor,
      {
        entityId,
        departments,
        items,
        window: { start: date(startInDays, today), end: date(startInDays + 2, today) },
        inspectorIds,
        contact: { name: '市场监管所值班室 Duty office', phone: '+86 21 6000 1234' },
        // The demo's few inspectors cross districts and return to companies: kept only where the rule needs it.
        justification: '演示团队人手有限，跨区并可再次检查 The demo team is small: it crosses districts and returns to its companies.',
      },
      `demo-${state}`,
    );
    const { issued } = await issueCode(clock, inspectorIds[0] ? account(inspectorIds[0]) : supervisor, inspection.id, baseUrl);
    codes.push({ state, entity: inspection.entityName, inspectionId: inspection.id, url: issued.url });
    return inspection.id;
  }

  const kitchenItems = ['后厨卫生 Kitchen hygiene', '食品贮存 Food storage', '从业人员健康证明 Staff health certificates'];
  await plan('scheduled', 'demo-canteen', [food], ['insp-wang', 'insp-li'], kitchenItems, 1);

  const onSite = await plan('on-site', 'demo-bakery', [food], ['insp-li', 'insp-wang'], ['原料进货查验 Incoming material checks', '生产过程控制 Process control'], 0);
  await inspections.checkIn(services, company('demo-bakery'), onSite);

  const joint = await plan('rectifying (joint visit)', 'demo-lifts', [equipment, quality], ['insp-zhao', 'insp-liu'], ['电梯定期检验 Lift periodic test', '维保记录 Maintenance records', '配件质量 Spare-part quality'], -1);
  await inspections.recordResults(services, account('insp-zhao'), joint, {
    outcome: 'rectify',
    findings: [
      {
        item: '维保记录 Maintenance records',
        description: '3 号梯 10 月维保记录缺失 The October maintenance record of lift 3 is missing.',
        severity: 'major',
        guidance: '补齐维保记录并由维保负责人签字 Complete the record, signed by the maintenance lead.',
        deadline: date(14, today),
      },
    ],
  });
  // Each department records its own part; the visit goes to rectification once both are in.
  await inspections.recordResults(services, account('insp-liu'), joint, { outcome: 'compliant', findings: [] });

  const review = await plan('under review', 'demo-pharmacy', [quality], ['insp-liu', 'insp-zhou'], ['药品储存温湿度 Storage temperature and humidity'], -2);
  await inspections.recordResults(services, account('insp-liu'), review, {
    outcome: 'rectify',
    findings: [
      {
        item: '药品储存温湿度 Storage temperature and humidity',
        description: '阴凉库温度记录不全 Cool-room temperature log has gaps.',
        severity: 'minor',
        guidance: '安装自动温湿度记录仪 Install an automatic temperature logger.',
        deadline: date(10, today),
      },
    ],
  });
  await inspections.submitRectification(services, company('demo-pharmacy'), review, {
    note: '已安装自动温湿度记录仪，附照片。 Automatic logger installed; photo attached.',
    files: [{ name: 'logger.jpg', contentType: 'image/jpeg', size: 245_000 }],
  });

  const closed = await plan('closed (compliant)', 'demo-canteen', [food], ['insp-wang', 'insp-li'], kitchenItems, -3);
  // Results are recorded on a day of the visit's window (the rule in shared/inspections/lifecycle.ts): a clock set back to it.
  await inspections.recordResults(daysAgo(3), account('insp-wang'), closed, { outcome: 'compliant', findings: [] });

  const revoked = await plan('revoked', 'demo-bakery', [food], ['insp-wang', 'insp-li'], ['标签标识 Labelling'], 5);
  await revokeCode(services, supervisor, revoked, '计划调整 Plan changed');

  // Planned and coded 70 days ago (a backdated clock), so its code has expired by now.
  await plan('expired', 'demo-lifts', [equipment], ['insp-zhao', 'insp-chen'], ['起重机械 Cranes'], -65, daysAgo(70));

  // The street and the bakery come with their records, and the first scoring run grades them (the nightly job, now).
  for (const { id, grade: _grade, ...entity } of demoStreet) await upsertEntity(services, supervisor, id, entity);
  const records = [...demoStreet.flatMap(({ id, grade }) => recordFor(id, grade, today)), ...recordFor('demo-bakery', 'A', today), ...(await seedBakeryPast(services, now))];
  const { client, tableName } = services.store as DynamoStore;
  await new DynamoImportSink(client, tableName, services.now).write(records.map((fact) => ({ type: 'fact', fact })));
  await services.jobs.send([{ kind: 'score-start', asOf: today }]);
  await services.jobs.idle?.();

  // Two double-random draws over the street, announced and executed with a public beacon: their codes scan.
  const foodChief = account('demo-food-chief');
  /** A draw announced and executed the given days ago (its announcement dated then, by the snapshot run on that clock). */
  const drawStreet = async (title: string, window: { start: string; end: string }, announcedDaysAgo: number, executedDaysAgo: number) => {
    const announcing = daysAgo(announcedDaysAgo);
    const snapshots: DrawJob[] = [];
    const { record } = await announceDraw(
      { ...announcing, jobs: { send: async (jobs) => void snapshots.push(...(jobs as DrawJob[])) } },
      foodChief,
      announceDrawBody.parse({
        title,
        department: food,
        segment: 'catering',
        districts: ['Huangpu'],
        rule: { kind: 'ratio', percent: { A: 5, B: 20, C: 50, D: 100 } },
        window,
        items: ['后厨卫生 Kitchen hygiene', '食品贮存 Food storage'],
        contact: { name: '市场监管所值班室 Duty office', phone: '+86 21 6000 1234' },
        crossDistrict: true,
        // No network here, so no drand: the demo names the operator's beacon, the documented weaker fallback.
        beaconSource: 'operator',
      }),
    );
    for (const job of snapshots) await runDrawJob(announcing, job);
    await executeDraw(daysAgo(executedDaysAgo), foodChief, record.id, `demo beacon ${date(-executedDaysAgo, today)}`);
    await services.jobs.idle?.();
    return record.id;
  };
  // Upcoming visits, drawn today: only the draw's hashes are public until its window has passed.
  await drawStreet('南京东路餐饮双随机抽查 Nanjing Road catering spot checks', { start: date(10, today), end: date(12, today) }, 0, 0);
  // Last fortnight's visits are over (announced three weeks ago, drawn before the window): its files are public, and anyone verifies it.
  const publishedDrawId = await drawStreet('南京东路餐饮双随机抽查（上期） Nanjing Road catering spot checks, last round', { start: date(-14, today), end: date(-12, today) }, 21, 17);
  // Those visits happened: each drawn company's inspectors recorded results on a day of the window.
  for (const { id } of demoStreet) {
    const { items } = await services.store.inspectionsOfEntity(id, { limit: 50 });
    for (const visit of items.filter((i) => i.drawIds?.includes(publishedDrawId))) {
      const n = demoStreet.findIndex((entity) => entity.id === id);
      const outcome = n % 4 === 3 ? 'rectify' : 'compliant';
      const findings =
        outcome === 'rectify'
          ? [{ item: '食品贮存 Food storage', description: '生熟未分开存放 Raw and cooked food stored together.', severity: 'minor' as const, guidance: '分区存放并标识 Separate and label.', deadline: date(7, today) }]
          : [];
      const inspectorId = visit.inspectors[0]!.id;
      await inspections.recordResults(daysAgo(13), { subject: inspectorId, role: 'inspector', inspectorId }, visit.id, { outcome, findings });
    }
  }

  codes.push(...(await seedSmartKitchen(risk, now)));
  return { codes, drawId: publishedDrawId };
}

/**
 * The bakery's past beyond its record: graded B a year and a half ago (before its clean inspections), so its page
 * has a grade history; its licence, a sample test of its bread and a complaint looked into and found groundless add
 * to the timeline. Written before the first scoring run, which then grades it from its record.
 */
async function seedBakeryPast(services: DrawServices, now: number): Promise<Fact[]> {
  const dayAgo = (days: number) => localDay(new Date(now - days * day), services.timeZone);
  const store = services.store as DynamoStore;
  await new DynamoScoringStore(store.client, store.tableName).writeGrades([
    {
      entityId: 'demo-bakery',
      grade: 'B',
      score: 76.5,
      coverage: 0.7,
      model: 'food-production',
      asOf: dayAgo(541),
      gradedAt: new Date(now - 540 * day).toISOString(),
      explanation: { categories: [], costliest: [{ id: 'violations-3y', name: '三年违规项数 Violations found in 3 years', value: 1, pointsLost: 9.5 }], noData: [] },
      gradeChanged: true,
    },
  ]);
  return (
    [
      { kind: 'licence', date: dayAgo(900), until: dayAgo(-925), detail: 'SC11231010400123 食品生产许可证 Food production licence' },
      { kind: 'sampling', date: dayAgo(175), value: 0, detail: '面包 微生物指标 Bread, microbiology' },
      { kind: 'complaint', date: dayAgo(60), value: 0, detail: '消费者反映面包有异味 A customer reported an odd smell' },
    ] as const
  ).map((fact): Fact => {
    const content = { entityId: 'demo-bakery', source: 'demo', ...fact };
    return { ...content, id: factId(content) };
  });
}

/**
 * The risk side: the bakery, an A-grade food maker (by its record), has an AI camera box in its workshop; two rodent sightings an
 * hour apart open a clue (rodent-sighting) and fire a trigger inspection (repeated-kitchen-alerts) with its code.
 */
async function seedSmartKitchen(risk: RiskServices & AlertServices, now: number): Promise<DemoCode[]> {
  await registerDevice(risk, supervisor, 'demo-kitchen-cam', { name: '车间智能摄像盒 Workshop AI camera box', entityId: 'demo-bakery', cameras: ['workshop-1', 'store-room'], active: true });
  const camera = { role: 'device' as const, subject: 'demo-kitchen-cam', deviceId: 'demo-kitchen-cam' };
  for (const [reference, hoursAgo] of [['demo-rodent-1', 2], ['demo-rodent-2', 1]] as const) {
    const at = new Date(now - hoursAgo * 3_600_000).toISOString();
    await postAlert(risk, camera, { reference, entityId: 'demo-bakery', cameraId: 'store-room', type: 'rodent', at, confidence: 0.93 });
  }
  await risk.jobs.idle?.();
  const { items } = await risk.store.inspectionsOfEntity('demo-bakery', { limit: 50 });
  return items
    .filter((i) => i.trigger && i.code)
    .map((i) => ({ state: 'trigger inspection', entity: i.entityName, inspectionId: i.id, url: `${risk.publicBaseUrl}/c/${i.code}` }));
}
