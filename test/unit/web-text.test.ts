/** What the web app and the console say: counts in the reader's plural, and the field's own words in Chinese. */
import { describe, expect, it } from 'vitest';
import { fill } from '../../web/src/app/i18n.tsx';
import { catalogues } from '../../web/src/app/messages.ts';
import { consoleCatalogues } from '../../web/src/console/text.ts';

const english = { ...catalogues.en, ...consoleCatalogues.en };
const chinese = { ...catalogues['zh-CN'], ...consoleCatalogues['zh-CN'] };
/** Every slot of a sentence set to the same value. */
const everySlot = (sentence: string, value: number) => Object.fromEntries([...sentence.matchAll(/\{(\w+)/g)].map(([, name]) => [name!, value]));
const countedNouns = /\b1 (companies|inspectors|inspections|clues|files|days|alerts|visits|escalations|assignments|characters|draws|other draws|rows|weeks|months|grade changes)\b/;

describe('counts in English', () => {
  it('say "1 clue" and "2 clues", "Escalated once" and "Escalated 3 times"', () => {
    expect(fill(consoleCatalogues.en.cluesByModelDescription, { total: 1, top: 'Rodents', count: 1 }, 'en')).toBe('1 clue; most from "Rodents" (1).');
    expect(fill(consoleCatalogues.en.cluesByModelDescription, { total: '1,204', top: 'Rodents', count: 7 }, 'en')).toBe('1,204 clues; most from "Rodents" (7).');
    expect(fill(consoleCatalogues.en.overdueCluesHint, { count: 1 }, 'en')).toBe('Escalated once');
    expect(fill(consoleCatalogues.en.overdueCluesHint, { count: 3 }, 'en')).toBe('Escalated 3 times');
    expect(fill(catalogues.en.files, { count: 1 }, 'en')).toBe('1 file');
  });

  it('never say "1 companies" anywhere in the app or the console', () => {
    for (const [key, sentence] of Object.entries(english)) expect(fill(sentence, everySlot(sentence, 1), 'en'), key).not.toMatch(countedNouns);
  });

  it('leave a slot without a value visible rather than guessing', () => {
    expect(fill('{count, plural, one {# file} other {# files}}', {}, 'en')).toBe('{count, plural, one {# file} other {# files}}');
  });
});

describe('words in Chinese', () => {
  it('call the officers who inspect 执法人员 (the field’s term), never 检查人员 or 检查员', () => {
    for (const [key, sentence] of Object.entries(chinese)) expect(sentence, key).not.toMatch(/检查人员|检查员/);
    expect(chinese.notAssigned).toContain('执法人员');
  });
});
