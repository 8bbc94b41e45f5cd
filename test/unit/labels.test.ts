import { describe, expect, it } from 'vitest';
import { departmentNames, inLanguage, labelOf } from '../../shared/labels.ts';

describe('labels in the reader’s language', () => {
  it('names a department in Chinese or English, and shows an unknown id as it is', () => {
    expect(labelOf(departmentNames, 'food-safety', 'zh-CN')).toBe('食品安全监管处');
    expect(labelOf(departmentNames, 'food-safety', 'en')).toBe('Food safety');
    expect(labelOf(departmentNames, 'harbour-police', 'en')).toBe('harbour-police');
  });

  it('reads the reader’s half of text written in both languages, Chinese first', () => {
    expect(inLanguage('后厨卫生 Kitchen hygiene', 'en')).toBe('Kitchen hygiene');
    expect(inLanguage('后厨卫生 Kitchen hygiene', 'zh-CN')).toBe('后厨卫生');
    expect(inLanguage('浦江示范餐饮有限公司 Pujiang Demo Catering Co.', 'en')).toBe('Pujiang Demo Catering Co.');
    expect(inLanguage('3 号梯 10 月维保记录缺失 The October record of lift 3 is missing.', 'en')).toBe('The October record of lift 3 is missing.');
  });

  it('leaves text in one language whole', () => {
    expect(inLanguage('Kitchen hygiene', 'zh-CN')).toBe('Kitchen hygiene');
    expect(inLanguage('后厨卫生', 'en')).toBe('后厨卫生');
  });

  it('leaves a name that merely mixes scripts whole, in both languages', () => {
    for (const name of ['测试抽查 newcomer3', '测试抽查 Newcomer3', '测试 Round 3 第二批', '黄浦区 iPhone 维修点', '抽查 A1 批次'])
      for (const language of ['zh-CN', 'en'] as const) expect(inLanguage(name, language), name).toBe(name);
    expect(inLanguage('王敏 Wang Min', 'zh-CN')).toBe('王敏');
    expect(inLanguage('王敏 Wang Min', 'en')).toBe('Wang Min');
  });
});
