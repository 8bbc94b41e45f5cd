/**
 * What people read for the ids the data carries: departments, segments and districts in Chinese and English.
 * One catalogue for every screen (the web app imports it; the generator names addresses from it). An id missing
 * here is shown as it is rather than hidden.
 */
import type { Language } from './codes/messages.ts';

type Bilingual = { zh: string; en: string };

export const departmentNames: Record<string, Bilingual> = {
  'food-safety': { zh: '食品安全监管处', en: 'Food safety' },
  'drugs-and-devices': { zh: '药品医疗器械监管处', en: 'Drugs and medical devices' },
  'special-equipment': { zh: '特种设备安全监察处', en: 'Special equipment safety' },
  'product-quality': { zh: '产品质量监督处', en: 'Product quality' },
  'market-order': { zh: '市场秩序处', en: 'Market order' },
};

export const segmentNames: Record<string, Bilingual> = {
  catering: { zh: '餐饮服务', en: 'Catering' },
  retail: { zh: '零售', en: 'Retail' },
  'food-production': { zh: '食品生产', en: 'Food production' },
  'food-circulation': { zh: '食品流通', en: 'Food distribution' },
  'special-food': { zh: '特殊食品', en: 'Special foods' },
  'food-additives': { zh: '食品添加剂', en: 'Food additives' },
  drugs: { zh: '药品经营', en: 'Drugs' },
  'medical-devices': { zh: '医疗器械', en: 'Medical devices' },
  cosmetics: { zh: '化妆品', en: 'Cosmetics' },
  'special-equipment': { zh: '特种设备', en: 'Special equipment' },
  'industrial-products': { zh: '工业产品', en: 'Industrial products' },
  services: { zh: '服务业', en: 'Services' },
};

export const districtNames: Record<string, Bilingual> = {
  Pudong: { zh: '浦东新区', en: 'Pudong' },
  Minhang: { zh: '闵行区', en: 'Minhang' },
  Jiading: { zh: '嘉定区', en: 'Jiading' },
  Songjiang: { zh: '松江区', en: 'Songjiang' },
  Baoshan: { zh: '宝山区', en: 'Baoshan' },
  Qingpu: { zh: '青浦区', en: 'Qingpu' },
  Fengxian: { zh: '奉贤区', en: 'Fengxian' },
  Jingan: { zh: '静安区', en: "Jing'an" },
  "Jing'an": { zh: '静安区', en: "Jing'an" },
  Xuhui: { zh: '徐汇区', en: 'Xuhui' },
  Huangpu: { zh: '黄浦区', en: 'Huangpu' },
  Changning: { zh: '长宁区', en: 'Changning' },
  Putuo: { zh: '普陀区', en: 'Putuo' },
  Yangpu: { zh: '杨浦区', en: 'Yangpu' },
  Hongkou: { zh: '虹口区', en: 'Hongkou' },
  Jinshan: { zh: '金山区', en: 'Jinshan' },
  Chongming: { zh: '崇明区', en: 'Chongming' },
};

/** Each district once, under the spelling the data uses ("Jing'an"): what a district filter offers. */
export const districtIds = [...new Map(Object.entries(districtNames).map(([id, name]) => [name.en, id])).values()];

const side = (language: Language): keyof Bilingual => (language === 'en' ? 'en' : 'zh');

export const labelOf = (catalogue: Record<string, Bilingual>, id: string, language: Language) => catalogue[id]?.[side(language)] ?? id;

/**
 * Chinese (no Latin letters), then English: a first word of letters only starting with a capital, and no Chinese
 * after it. "测试抽查 newcomer3" or "测试 Round3 第二批" are one name in mixed script, not a pair.
 */
const bilingual = /^([^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)\s+([A-Z][A-Za-z'’.-]*(?![^\s,;:!?)])[^\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*)$/u;

/**
 * Free text entered in both languages, Chinese first ("后厨卫生 Kitchen hygiene", as planners write check items and
 * company names): the reader's half. Text that is not in that form comes back whole.
 */
/** Whether free text is written in both languages, Chinese first, as {@link inLanguage} splits it. */
export const isBilingual = (text: string) => bilingual.test(text);

export function inLanguage(text: string, language: Language): string {
  const split = bilingual.exec(text);
  if (!split) return text;
  return language === 'en' ? split[2]! : split[1]!;
}
