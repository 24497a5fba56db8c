// Message lookup for the two UI languages. Arabic is the default and sets dir="rtl" on the page;
// text that mixes scripts is wrapped in <bdi> where it is shown.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

export type Lang = 'ar' | 'en';
export type MessageKey = keyof typeof en;

const MESSAGES: Record<Lang, Record<string, string>> = { ar, en };

export function translate(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const msg = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export interface I18n {
  lang: Lang;
  t: (key: string, vars?: Record<string, string | number>) => string;
  setLang: (l: Lang) => void;
  /** numbers and dates in the UI language's digits */
  num: (n: number) => string;
}

export const I18nContext = createContext<I18n>({
  lang: 'ar',
  t: (k, v) => translate('ar', k, v),
  setLang: () => undefined,
  num: (n) => String(n),
});

export const useI18n = () => useContext(I18nContext);

export function initialLang(): Lang {
  const saved = localStorage.getItem('rasid.lang');
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'ar';
}

export function applyLang(lang: Lang): void {
  localStorage.setItem('rasid.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}
