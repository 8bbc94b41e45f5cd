/**
 * Synthetic city data for benchmarks and demos: deterministic per seed (an integer PRNG, the same on any machine),
 * with segment and district mixes shaped like a large Chinese city's market register. Rows come one at a time, so
 * 2.9 million never sit in memory together.
 */
import { districtNames, labelOf } from '../labels.ts';
import { creditCodeCheckCharacter } from '../entities/credit-code.ts';

/** mulberry32: a small, fast, well-distributed 32-bit generator; enough for test data, not for draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, weighted: readonly (readonly [T, number])[]): T => {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1]![0];
};

/** Segments and their share of registered entities (per mille). */
export const segments = [
  ['catering', 310],
  ['retail', 290],
  ['food-production', 60],
  ['food-circulation', 90],
  ['drugs', 40],
  ['medical-devices', 30],
  ['cosmetics', 35],
  ['special-equipment', 45],
  ['industrial-products', 60],
  ['services', 40],
] as const;

/** Shanghai's sixteen districts, weighted roughly by registered businesses. */
export const districts = [
  ['Pudong', 230], ['Minhang', 90], ['Jiading', 80], ['Songjiang', 75], ['Baoshan', 70], ['Qingpu', 60], ['Fengxian', 60], ['Jingan', 50],
  ['Xuhui', 50], ['Huangpu', 45], ['Changning', 40], ['Putuo', 40], ['Yangpu', 40], ['Hongkou', 35], ['Jinshan', 30], ['Chongming', 25],
] as const;

const nameParts = {
  prefix: ['华', '东', '申', '浦', '新', '金', '恒', '瑞', '嘉', '鑫', '宏', '德', '泰', '盛', '永', '联'],
  middle: ['源', '海', '达', '丰', '安', '隆', '兴', '诚', '和', '宇', '光', '润', '信', '远', '佳', '顺'],
  trade: {
    catering: '餐饮管理',
    retail: '商贸',
    'food-production': '食品',
    'food-circulation': '食品经营',
    drugs: '医药',
    'medical-devices': '医疗器械',
    cosmetics: '化妆品',
    'special-equipment': '机电设备',
    'industrial-products': '实业',
    services: '服务',
  } as Record<string, string>,
};

/** Credit-code alphabet without I, O, S, V, Z. */
const codeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface SyntheticEntity {
  id: string;
  name: string;
  creditCode: string;
  segment: string;
  district: string;
  address: string;
}

export function* syntheticEntities(count: number, seed: number): Generator<SyntheticEntity> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const segment = pick(random, segments);
    const district = pick(random, districts);
    const first17 = `91310${String(100 + Math.floor(random() * 900))}MA1${Array.from({ length: 6 }, () => codeAlphabet[Math.floor(random() * codeAlphabet.length)]).join('')}`;
    const name = `上海${nameParts.prefix[Math.floor(random() * 16)]}${nameParts.middle[Math.floor(random() * 16)]}${nameParts.trade[segment]}有限公司`;
    yield {
      id: `E${String(i + 1).padStart(8, '0')}`,
      name: `${name} No.${i + 1}`,
      creditCode: first17 + creditCodeCheckCharacter(first17),
      segment,
      district,
      address: `上海市${labelOf(districtNames, district, 'zh-CN')}${nameParts.prefix[Math.floor(random() * 16)]}${nameParts.middle[Math.floor(random() * 16)]}路${1 + Math.floor(random() * 2000)}号`,
    };
  }
}

const departments = [
  ['food-safety', ['catering', 'food-production', 'food-circulation', 'special-food', 'food-additives']],
  ['drugs-and-devices', ['drugs', 'medical-devices', 'cosmetics']],
  ['special-equipment', ['special-equipment']],
  ['product-quality', ['industrial-products', 'retail']],
  ['market-order', ['retail', 'services', 'catering']],
] as const;

/** About one inspector per 700 entities, spread over departments and districts. */
export function* syntheticInspectors(entityCount: number, seed: number) {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const count = Math.max(20, Math.round(entityCount / 700));
  for (let i = 0; i < count; i++) {
    const [department, qualifications] = departments[i % departments.length]!;
    yield {
      id: `I${String(i + 1).padStart(6, '0')}`,
      name: `执法人员 Inspector ${i + 1}`,
      department,
      district: pick(random, districts),
      certificateNo: `SH-${department.slice(0, 2).toUpperCase()}-${String(100000 + i)}`,
      qualifications: [...qualifications],
      recusals: [],
      active: random() > 0.03,
    };
  }
}

/** The day generated histories lead up to, fixed so that files never depend on when they are generated. */
export const referenceDay = '2026-01-01';

const dayBefore = (random: () => number, maxDays: number) => new Date(Date.parse(`${referenceDay}T00:00:00Z`) - Math.floor(random() * maxDays) * 86_400_000).toISOString().slice(0, 10);
/** Calendar years later; 29 February lands on 1 March in a common year. */
const plusYears = (date: string, years: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};
const foodish = new Set(['catering', 'food-production', 'food-circulation']);
/** Makers and sellers of products the quality spot checks (质量监督抽查) cover. */
const spotChecked = new Set(['industrial-products', 'cosmetics', 'medical-devices', 'retail']);

/** The import kinds of generated facts, in the order they import. */
export const syntheticFactKinds = ['licences', 'sampling-results', 'complaints', 'debtor-list', 'abnormal-operations', 'annual-reports', 'licence-changes', 'penalties', 'recalls', 'quality-spot-checks', 'tax-credit-ratings', 'serious-illegal-list', 'court-cases'] as const;

/**
 * Facts for generated entities, one file per import kind: a licence each (issued within five years, valid five),
 * product samples for food businesses (about 8 % failing), complaints and reports (most firms none, a few many;
 * 40 % verified), about 1.5 % of firms on the debtor list (60 % through their legal representative), and about
 * 2 % in the abnormal-operation directory (half of them removed again).
 *
 * Then the sources that follow one hidden risk per entity, so that they agree as real records do: a skewed random
 * part (most firms low) raised by what the sources above already say about it (failed samples, verified complaints,
 * debtor and abnormal listings). From it: annual reports for the last three years (late more often the riskier),
 * registration changes (address, legal representative, shareholders: more the riskier; about half also a harmless
 * one, which shows the register was read), administrative penalties (none for most, several for the riskiest) and,
 * for food makers and traders, product recalls; for product makers and sellers, quality spot checks (failing from
 * 3 % to 40 % with the risk); tax credit ratings of the last two years (lower the riskier) and, for the riskiest,
 * the serious-illegal list; court cases (lawsuits, enforcements, for the riskiest a consumption restriction). A
 * separate random stream, so the facts above stay as they were.
 */
export function* syntheticFacts(entities: Iterable<SyntheticEntity>, seed: number): Generator<{ kind: (typeof syntheticFactKinds)[number]; row: Record<string, unknown> }> {
  const random = seededRandom(seed ^ 0x27d4eb2f);
  const hidden = seededRandom(seed ^ 0x5bd1e995);
  const reportYears = [2022, 2023, 2024];
  for (const entity of entities) {
    let signals = 0;
    const said = function* <T extends { kind: (typeof syntheticFactKinds)[number]; row: Record<string, unknown> }>(fact: T, weight: number) {
      signals += weight;
      yield fact;
    };
    const issuedOn = dayBefore(random, 5 * 365);
    yield { kind: 'licences', row: { entityId: entity.id, licenceNo: `L${entity.creditCode.slice(8, 17)}`, type: `${entity.segment} licence`, issuedOn, expiresOn: plusYears(issuedOn, 5) } };
    if (foodish.has(entity.segment)) {
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        const row = { entityId: entity.id, sampleNo: `S${entity.id}-${n}`, product: 'sample', date: dayBefore(random, 3 * 365), result: random() < 0.08 ? 'fail' : 'pass' };
        yield* said({ kind: 'sampling-results', row }, row.result === 'fail' ? 0.3 : 0);
      }
    }
    // Heavy-tailed: 70 % none, then fewer and fewer.
    for (let n = 0; random() < (n === 0 ? 0.3 : 0.45); n++) {
      const row = { entityId: entity.id, caseNo: `C${entity.id}-${n}`, date: dayBefore(random, 365), type: random() < 0.8 ? 'complaint' : 'report', verified: random() < 0.4 };
      yield* said({ kind: 'complaints', row }, row.verified ? 0.15 : 0);
    }
    if (random() < 0.015) {
      yield* said({ kind: 'debtor-list', row: { entityId: entity.id, listedOn: dayBefore(random, 2 * 365), who: random() < 0.6 ? 'legal-representative' : 'entity', caseNo: `(2025)沪执${entity.id}` } }, 0.4);
    }
    if (random() < 0.02) {
      const listedOn = dayBefore(random, 2 * 365);
      const removed = random() < 0.5 ? { removedOn: listedOn < '2025-07-01' ? '2025-07-01' : referenceDay } : {};
      yield* said({ kind: 'abnormal-operations', row: { entityId: entity.id, listedOn, ...removed, reason: random() < 0.7 ? '通过登记的住所无法联系 Unreachable at the registered address' : '未按规定报送年度报告 Annual report not filed' } }, 0.4);
    }
    const risk = Math.min(1, hidden() ** 2 + signals);
    for (const year of reportYears) {
      const late = hidden() < 0.04 + 0.7 * risk;
      yield { kind: 'annual-reports', row: { entityId: entity.id, year, filedOn: late ? `${year + 1}-0${7 + Math.floor(hidden() * 3)}-15` : `${year + 1}-0${3 + Math.floor(hidden() * 4)}-10` } };
    }
    const changes: string[] = hidden() < 0.5 ? ['business-scope'] : [];
    while (changes.length < 8 && hidden() < 0.2 + 0.6 * risk) changes.push(pick(hidden, [['address', 5], ['legal-representative', 3], ['shareholder', 2]] as const));
    // One change of a field a day: a second on the same day would be the same record.
    const changed = new Set<string>();
    for (const [n, field] of changes.entries()) {
      const changedOn = dayBefore(hidden, 3 * 365);
      if (changed.has(`${field} ${changedOn}`)) continue;
      changed.add(`${field} ${changedOn}`);
      yield { kind: 'licence-changes', row: { entityId: entity.id, changedOn, field, before: `${field} ${n}`, after: `${field} ${n + 1}` } };
    }
    for (let n = 0; n < 5 && hidden() < 0.6 * risk; n++) {
      yield { kind: 'penalties', row: { entityId: entity.id, caseNo: `沪市监罚〔2025〕${entity.id}-${n}`, decidedOn: dayBefore(hidden, 3 * 365), amount: pick(hidden, [[0, 3], [5000, 4], [20000, 2], [100000, 1]] as const), violation: 'generated' } };
    }
    if (spotChecked.has(entity.segment)) {
      for (let n = Math.floor(hidden() * 3); n > 0; n--) {
        yield { kind: 'quality-spot-checks', row: { entityId: entity.id, checkNo: `Q${entity.id}-${n}`, product: 'checked product', date: dayBefore(hidden, 3 * 365), result: hidden() < 0.03 + 0.37 * risk ? 'fail' : 'pass' } };
      }
    }
    for (const year of [2023, 2024]) {
      const level = pick(hidden, [['A', 3 * (1 - risk)], ['B', 4], ['M', 1], ['C', 1 + 3 * risk], ['D', 4 * risk * risk]] as const);
      yield { kind: 'tax-credit-ratings', row: { entityId: entity.id, year, level } };
    }
    if (risk > 0.6 && hidden() < 0.3) {
      yield { kind: 'serious-illegal-list', row: { entityId: entity.id, listedOn: dayBefore(hidden, 2 * 365), reason: '严重违法失信 Repeated serious violations' } };
    }
    for (let n = 0; n < 4 && hidden() < 0.1 + 0.5 * risk; n++) {
      const filedOn = dayBefore(hidden, 3 * 365);
      const type = pick(hidden, [['lawsuit-as-defendant', 3], ['enforcement', 1 + 3 * risk], ['consumption-restriction', 2 * risk * risk]] as const);
      const closed = hidden() < 0.8 - 0.5 * risk ? { closedOn: filedOn < '2025-07-01' ? '2025-07-01' : referenceDay } : {};
      yield { kind: 'court-cases', row: { entityId: entity.id, caseNo: `(2025)沪${entity.id}号${n}`, filedOn, type, ...closed } };
    }
    if (foodish.has(entity.segment) && hidden() < 0.2 * risk) {
      yield { kind: 'recalls', row: { entityId: entity.id, recallNo: `R${entity.id}`, date: dayBefore(hidden, 3 * 365), product: 'sample product', level: pick(hidden, [['1', 1], ['2', 3], ['3', 6]] as const) } };
    }
  }
}
