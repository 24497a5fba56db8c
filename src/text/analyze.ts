import { normalize, type NormalizedText } from './normalize.ts';
import { nonProse, tokenize, type Token } from './tokens.ts';
import { segment, type Paragraph, type Sentence } from './segment.ts';

export interface AnalyzedText extends NormalizedText {
  tokens: Token[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  lang: 'ar' | 'en';
}

export function detectLanguage(t: NormalizedText): 'ar' | 'en' {
  let ar = 0;
  let latin = 0;
  const s = t.norm;
  const n = Math.min(s.length, 20000);
  // addresses and file names are Latin in reports of either language
  const skip = nonProse(s.slice(0, n));
  let r = 0;
  for (let i = 0; i < n; i++) {
    while (r < skip.length && skip[r]![1] <= i) r++;
    if (r < skip.length && skip[r]![0] <= i) {
      i = skip[r]![1] - 1;
      continue;
    }
    const c = s.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) ar++;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) latin++;
  }
  return ar >= latin ? 'ar' : 'en';
}

export function analyze(raw: string, lang?: 'ar' | 'en'): AnalyzedText {
  const t = normalize(raw);
  const tokens = tokenize(t);
  const paragraphs = segment(t, tokens);
  const sentences: Sentence[] = [];
  for (const p of paragraphs) for (const s of p.sentences) sentences.push(s);
  return {
    ...t,
    tokens,
    paragraphs,
    sentences,
    lang: lang ?? detectLanguage(t),
  };
}
