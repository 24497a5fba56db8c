// Amounts: digits (with dates, times and thousands separators), composed number words, vague words
// and duals, before their context says what they count.
import type { QuantityUnit } from './types.ts';
import type { NumberWord, VagueWord } from './vocabulary.ts';
import { TokenReader } from './token-reader.ts';

export const ARTICLE_TOKEN = /^(?:[وف]?[بلك]?ال|[وف]?لل)$/;

export interface Amount {
  start: number;
  end: number;
  value: number;
  ids: string[];
  approximate: boolean;
  vague: VagueWord | null;
  scale: number;
  /** the amount is a single word «واحد»/«اثنين»: Arabic puts the noun before it */
  nounBefore: boolean;
  /** the number carries the article («الثلاثة», «ال 19»): it follows a definite noun it counts */
  definite: boolean;
  /** the first word carries «و»/«ف» («وواحد»): nothing before it is its noun */
  conj: boolean;
  dualNoun: string | null;
  digits: boolean;
  /** raw digits without separators (for the year test) */
  plainDigits: string | null;
  unit: QuantityUnit | null;
}

export class AmountReader extends TokenReader {
  digitsAt(i: number): Amount | null {
    const t = this.tokens;
    // normalisation maps Arabic-Indic and Persian digits to ASCII; other \p{N} (², 𐄇, Ⅻ) are not figures
    if (i >= t.length || !t[i]!.numeric || !/^[0-9]+$/.test(t[i]!.norm)) return null;
    let text = t[i]!.norm;
    let value = Number(text);
    let end = i + 1;
    let unit: QuantityUnit | null = null;
    let plainDigits: string | null = text;
    // 3/5/2020, 2020-05-03 → a date; 9:30 → a time
    if (end < t.length && t[end]!.numeric) {
      const g = this.gap(i);
      if (g === '/' || (g === '-' && end + 1 < t.length && t[end + 1]!.numeric && this.gap(end) === '-')) {
        while (end < t.length && t[end]!.numeric && this.gap(end - 1) === g) end++;
        return this.digitAmount(i, end, value, 'date', null);
      }
      if (g === ':') return this.digitAmount(i, end + 1, value, 'time', null);
    }
    // thousands separators «1,963», «١٬٥٠٠»; a dot before three digits groups thousands in Arabic
    // text («1.500») but is a decimal point in English («1.5 million»)
    while (end < t.length && t[end]!.numeric && /^[0-9]+$/.test(t[end]!.norm)) {
      const g = this.gap(end - 1);
      const next = t[end]!.norm;
      if (g === ',' && next.length === 3) {
        text += next;
        value = Number(text);
        plainDigits = null;
        end++;
      } else if (g === '.' && next.length === 3 && this.a.lang === 'ar' && !/\./.test(text)) {
        text += next;
        value = Number(text);
        plainDigits = null;
        end++;
      } else if (g === '.' && !text.includes('.') && (next.length !== 3 || this.a.lang === 'en')) {
        text += `.${next}`;
        value = Number(text);
        plainDigits = null;
        end++;
        break;
      } else break;
    }
    if (text.replace('.', '').length > 9) unit = 'label'; // phone numbers, ids
    return this.digitAmount(i, end, value, unit, plainDigits);
  }

  private digitAmount(
    i: number,
    end: number,
    value: number,
    unit: QuantityUnit | null,
    plainDigits: string | null,
  ): Amount {
    return {
      start: i,
      end,
      value,
      ids: ['digits'],
      approximate: false,
      vague: null,
      scale: 1,
      nounBefore: false,
      definite: false,
      conj: false,
      dualNoun: null,
      digits: true,
      plainDigits,
      unit,
    };
  }

  /** digits or number words, composed («ثلاثة وأربعين», «مئتي ألف», «twenty-one», «1.5 million») */
  numberPhraseAt(i: number): Amount | null {
    const t = this.tokens;
    if (i >= t.length) return null;
    let amount: Amount | null = null;
    let total = 0;
    let current = 0;
    let prev: { role: NumberWord['role'] | 'digits'; value: number; added: number };
    const ids: string[] = [];
    let approximate = false;
    let end: number;
    let firstArticle = false;
    let firstConj = false;
    if (t[i]!.numeric) {
      amount = this.digitsAt(i);
      if (!amount || amount.unit) return amount;
      current = amount.value;
      prev = { role: 'digits', value: amount.value, added: amount.value };
      end = amount.end;
      ids.push('digits');
    } else {
      const n = this.numberAt(i);
      if (!n || (n.w.role === 'scale' && n.w.plural)) return null;
      if (n.w.role === 'teen_only' && !this.tenFollows(i + 1)) return null;
      // «one of them», «one another» are not counts
      if (
        n.w.id === 'num.one' &&
        !t[i]!.arabic &&
        i + 1 < t.length &&
        ['of', 'another', 'by', 'or'].includes(t[i + 1]!.norm)
      )
        return null;
      firstArticle = n.s.article;
      firstConj = n.s.conj;
      ids.push(n.w.id);
      approximate = n.w.approximate;
      if (n.w.role === 'scale') total = n.w.value;
      else current = n.w.value;
      prev = { role: n.w.role, value: n.w.value, added: n.w.value };
      end = i + 1;
    }
    const arabic = t[i]!.arabic || (end < t.length && t[end]!.arabic);
    // continue the compound
    for (;;) {
      if (end >= t.length) break;
      let j = end;
      let conj = false;
      if (!this.blankGap(j - 1) && !(!arabic && this.gap(j - 1) === '-')) break;
      // a separate «و» / «and» token
      if ((t[j]!.norm === 'و' || t[j]!.norm === 'and') && j + 1 < t.length && this.blankGap(j)) {
        conj = true;
        j++;
      }
      if (t[j]!.numeric) break;
      const found = this.numberAt(j);
      if (!found) break;
      const n =
        found.w.scaleAfterNumber && !conj && !found.s.conj
          ? {
              s: found.s,
              w: { ...found.w, id: `${found.w.id}.as_scale`, role: 'scale' as const, value: found.w.scaleAfterNumber },
            }
          : found;
      if (arabic) {
        if (n.s.prep) break;
        if (n.s.article && !(firstArticle && (n.s.conj || conj))) break;
        if (n.s.conj) conj = true;
      } else if (n.s.stem !== t[j]!.norm) break;
      const how = join(prev, n.w, conj, arabic);
      if (!how) break;
      if (how === 'teen') {
        current += 10;
        prev = { role: 'unit', value: prev.value + 10, added: 10 };
      } else if (how === 'mul_unit') {
        current = current - prev.value + prev.value * n.w.value;
        prev = { role: 'hundred', value: prev.value * n.w.value, added: prev.value * n.w.value };
      } else if (how === 'scale') {
        const group = (current || 1) * n.w.value;
        total += group;
        current = 0;
        prev = { role: 'scale', value: group, added: group };
      } else {
        current += n.w.value;
        prev = { role: n.w.role, value: n.w.value, added: n.w.value };
      }
      if (n.w.approximate) approximate = true;
      ids.push(n.w.id);
      end = j + 1;
    }
    if (prev.role === 'teen_only') return null;
    const value = total + current;
    const digits = amount?.digits ?? false;
    const single = end - i === 1 && !digits;
    return {
      start: i,
      end,
      value,
      ids,
      approximate,
      vague: null,
      scale: 1,
      nounBefore: single && arabic && (value === 1 || value === 2),
      definite: firstArticle,
      conj: firstConj,
      dualNoun: null,
      digits,
      plainDigits: ids.length === 1 && amount ? amount.plainDigits : null,
      unit: null,
    };
  }

  private tenFollows(j: number): boolean {
    const n = this.numberAt(j);
    return !!n && n.w.role === 'ten' && !n.s.conj && this.plain(j - 1);
  }

  vagueAt(i: number): Amount | null {
    const m = this.phraseAt(this.ix.vague, i);
    if (!m) return null;
    let end = m.end;
    let scale = 1;
    const ids = [m.p.value.id];
    // «عشرات الآلاف», «hundreds of thousands»
    let j = end;
    if (j < this.tokens.length && this.tokens[j]!.norm === 'of' && this.plain(j - 1)) j++;
    if (j < this.tokens.length && this.plain(j - 1)) {
      const n = this.numberAt(j);
      if (n && n.w.role === 'scale' && !n.s.prep) {
        scale = n.w.value;
        ids.push(n.w.id);
        end = j + 1;
      } else {
        const vv = this.phraseAt(this.ix.vague, j);
        if (vv && vv.p.value.value >= 1000 && vv.end === j + 1) {
          scale = vv.p.value.value;
          ids.push(vv.p.value.id);
          end = vv.end;
        }
      }
    }
    return {
      start: i,
      end,
      value: m.p.value.value * scale,
      ids,
      approximate: true,
      vague: m.p.value,
      scale,
      nounBefore: false,
      definite: false,
      conj: false,
      dualNoun: null,
      digits: false,
      plainDigits: null,
      unit: null,
    };
  }

  dualAt(i: number): Amount | null {
    if (i >= this.tokens.length || this.tokens[i]!.numeric) return null;
    for (const s of this.stems(i)) {
      const d = this.v.duals.get(s.stem);
      if (!d) continue;
      let end = i + 1;
      const ids = [d.id];
      // «رجلين اثنين»: the number word repeats the dual
      const n = this.numberAt(end);
      if (n && n.w.value === 2 && n.w.role === 'unit' && !n.s.conj && this.plain(i)) {
        ids.push(n.w.id);
        end++;
      }
      return {
        start: i,
        end,
        value: 2,
        ids,
        approximate: false,
        vague: null,
        scale: 1,
        nounBefore: false,
        definite: s.article,
        conj: s.conj,
        dualNoun: d.noun,
        digits: false,
        plainDigits: null,
        unit: null,
      };
    }
    return null;
  }

  amountAt(i: number): Amount | null {
    const t = this.tokens;
    if (i >= t.length) return null;
    // «الـ100», «ال 19»: a bare article token belongs to the number it introduces
    if (ARTICLE_TOKEN.test(t[i]!.norm) && i + 1 < t.length && t[i + 1]!.numeric && this.blankGap(i)) {
      const a = this.numberPhraseAt(i + 1);
      if (a) return { ...a, start: i, definite: true };
    }
    // «a hundred», «a dozen», «an estimated» is a modifier handled elsewhere
    if ((t[i]!.norm === 'a' || t[i]!.norm === 'one') && i + 1 < t.length && this.plain(i)) {
      const n = this.numberAt(i + 1);
      if (n && (n.w.role === 'scale' || n.w.role === 'hundred') && !n.w.plural) {
        const a = this.numberPhraseAt(i + 1);
        if (a) return { ...a, start: i };
      }
    }
    const num = this.numberPhraseAt(i);
    const vague = this.vagueAt(i);
    // «a number of» is vague, though its first word alone is the English article counted as one
    if (num && vague && vague.end > num.end) return vague;
    return num ?? vague ?? this.dualAt(i);
  }
}

function decimalPlace(v: number): number {
  return 10 ** Math.floor(Math.log10(Math.max(1, v)));
}

type Join = 'teen' | 'mul_unit' | 'scale' | 'add';

/** How a number word joins the compound before it, or null when it starts a new number. */
function join(
  prev: { role: NumberWord['role'] | 'digits'; value: number; added: number },
  next: NumberWord,
  conj: boolean,
  arabic: boolean,
): Join | null {
  if (next.role === 'scale') return !conj && prev.role !== 'scale' ? 'scale' : null;
  if (next.role === 'teen_only') return null;
  if (prev.role === 'digits') return null;
  if (next.role === 'ten' && arabic) {
    // «خمسة عشر», «أحد عشر», «اثنا عشر»
    return !conj && (prev.role === 'teen_only' || (prev.role === 'unit' && prev.value < 10)) ? 'teen' : null;
  }
  if (next.role === 'hundred' && !conj && prev.role === 'unit' && prev.value < (arabic ? 10 : 20)) return 'mul_unit';
  if (prev.role === 'teen_only') return null;
  if (arabic) {
    if (!conj) return null;
    // «ثلاثة وأربعين»: units come before tens in Arabic
    if ((prev.role === 'unit' || prev.role === 'ten') && next.role === 'tens' && prev.value < 10) return 'add';
    if (prev.added >= 100 && next.value < decimalPlace(prev.added)) return 'add';
    return null;
  }
  if (prev.role === 'tens' && next.role === 'unit' && next.value < 10 && !conj) return 'add';
  if (prev.added >= 100 && next.value < decimalPlace(prev.added)) return 'add';
  return null;
}
