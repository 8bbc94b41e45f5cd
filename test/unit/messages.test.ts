import { describe, expect, it } from 'vitest';
import { messages, pickLanguage } from '../../shared/codes/messages.ts';

describe('scan page language', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.4, zh;q=0.8', 'zh-CN'],
    ['de-DE', 'zh-CN'],
    ['', 'zh-CN'],
    ['en;q=0, zh;q=0.1', 'zh-CN'],
  ])('reads "%s" as %s', (header, expected) => expect(pickLanguage(header)).toBe(expected));

  it('lets ?lang= override the browser', () => {
    expect(pickLanguage('zh-CN', 'en')).toBe('en');
    expect(pickLanguage('en', 'zh-CN')).toBe('zh-CN');
    expect(pickLanguage('en', 'klingon')).toBe('en');
  });

  it('has every sentence in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
    for (const text of [...Object.values(messages.en), ...Object.values(messages['zh-CN'])]) expect(text.trim()).not.toBe('');
  });
});
