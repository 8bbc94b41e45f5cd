/**
 * Language and calendar: zh-CN or English (the browser's language first, then the visible switch, remembered in
 * localStorage — the language only, nothing else), and every date on the authority's time zone through Intl.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { languages, type Language } from '#shared/codes/messages.ts';
import { dayFormat, instantFormat } from '#shared/dates.ts';
import { departmentNames, districtNames, inLanguage, labelOf, segmentNames } from '#shared/labels.ts';
import { catalogues, type Key } from './messages.ts';

const storageKey = 'language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (saved && (languages as readonly string[]).includes(saved)) return saved as Language;
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'zh-CN';
}

export interface I18n {
  language: Language;
  /** The authority's time zone, for what is computed on its calendar ("today"). */
  timeZone: string;
  setLanguage(language: Language): void;
  t(key: Key, values?: Record<string, string | number>): string;
  /** An instant (ISO date-time) as a date and time on the authority's calendar. */
  instant(iso: string): string;
  /** A calendar day (YYYY-MM-DD), which already is the authority's. */
  day(isoDay: string): string;
  department(id: string): string;
  segment(id: string): string;
  district(id: string): string;
  /** Free text written in both languages ("后厨卫生 Kitchen hygiene"): the reader's half. */
  text(bilingual: string): string;
  /** Names listed as the reader's language lists them: "A、B、C" in Chinese, "A, B, C" in English. */
  list(items: string[]): string;
}

/** `{name, plural, one {# file} other {# files}}`: the ICU plural form, one level deep, slots allowed inside. */
const pluralSlot = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const pluralBranch = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

/**
 * A catalogue sentence with its slots filled; a slot without a value stays visible. A count says its noun in the
 * reader's plural (`{count, plural, one {# clue} other {# clues}}`, chosen by Intl.PluralRules of `language`; `#` is
 * the count as given, already formatted or not).
 */
export function fill(sentence: string, values?: Record<string, string | number>, language: Language = 'zh-CN'): string {
  return sentence
    .replace(pluralSlot, (whole, name: string, branches: string) => {
      const value = values?.[name];
      const count = Number(String(value).replace(/[^\d.-]/g, ''));
      if (value === undefined || !Number.isFinite(count)) return whole;
      const forms = new Map([...branches.matchAll(pluralBranch)].map(([, form, text]) => [form!, text!]));
      return (forms.get(`=${count}`) ?? forms.get(new Intl.PluralRules(language).select(count)) ?? forms.get('other') ?? whole).replace(/#/g, String(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));
}

const Context = createContext<I18n | undefined>(undefined);

export function I18nProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const [language, setLanguageState] = useState(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[language];
    const instant = instantFormat(language, timeZone);
    const day = dayFormat(language);
    const listFormat = new Intl.ListFormat(language, { style: 'narrow', type: 'conjunction' });
    return {
      language,
      timeZone,
      setLanguage(next) {
        localStorage.setItem(storageKey, next);
        setLanguageState(next);
      },
      // A key the catalogue lacks (a check a newer server names) shows as itself rather than breaking the page.
      t: (key, values) => fill(catalogue[key] ?? key, values, language),
      instant,
      day,
      department: (id) => labelOf(departmentNames, id, language),
      segment: (id) => labelOf(segmentNames, id, language),
      district: (id) => labelOf(districtNames, id, language),
      text: (bilingual) => inLanguage(bilingual, language),
      list: (items) => listFormat.format(items),
    };
  }, [language, timeZone]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
