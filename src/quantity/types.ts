// A quantity found in a text: the number words and their modifiers, the value the contract asks for
// (section 4), and the noun counted. Numbers that are not head counts (dates, years, ages, percentages,
// unit names, durations, measures) are still reported, with `unit` saying what they are, so that later
// stages can tell «الفرقة 17» from «17 عنصراً» without guessing again.

export type QuantityKind = 'exact' | 'vague' | 'about' | 'at_least' | 'range';

export type QuantityUnit = 'date' | 'year' | 'percent' | 'age' | 'ordinal' | 'label' | 'duration' | 'time' | 'measure';

export interface CountedNoun {
  tokenStart: number;
  tokenEnd: number;
  rawStart: number;
  rawEnd: number;
  /** normalised word key without clitics («العناصر» → «عناصر», «رجلاً» after 11–99 → «رجل») */
  key: string;
}

export interface Quantity {
  /** indices into AnalyzedText.tokens, end exclusive */
  tokenStart: number;
  tokenEnd: number;
  /** span in the raw text: raw.slice(rawStart, rawEnd) === text */
  rawStart: number;
  rawEnd: number;
  text: string;
  value: number;
  min: number;
  max: number;
  approximate: boolean;
  kind: QuantityKind;
  /** lexicon entry ids (and `digits`) that built it, joined by «+» */
  rule: string;
  /** set when the number is not a count of people or things */
  unit?: QuantityUnit;
  noun?: CountedNoun;
  /** the number carries the article («الرجال الثلاثة», «الرجال ال 19», «الشبان السبعة الآخرين»): it
   * refers back to people already mentioned, usually a subset or a repeat of an earlier count */
  definite?: true;
}
