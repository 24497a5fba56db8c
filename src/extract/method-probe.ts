// A systematic test of method and charge coverage that does not depend on the dev reports: the surface
// forms of every method and accusation id of contract section 8 (probe/forms-ar.ts, probe/forms-en.ts)
// put into sentence frames of the kinds reports use (probe/frames.ts), run through `extract`, and
// scored per id on whether an incident of the sentence carries the id. Every third form of each list,
// every third frame and every third charge cue is held out: a sentence is held out when any of its parts
// is, and for those only figures are reported. Counter-sentences use the words in another sense.
import { extract } from '../index.ts';
import { CHARGE_FORMS_AR, METHOD_FORMS_AR } from './probe/forms-ar.ts';
import { CHARGE_FORMS_EN, METHOD_FORMS_EN } from './probe/forms-en.ts';
import { COUNTERS, CUES_AR, CUES_EN, FRAMES_AR, FRAMES_EN } from './probe/frames.ts';
import type { ChargeCue, ProbeForm, ProbeFrame } from './probe/types.ts';

export type Lang = 'ar' | 'en';
export type Kind = 'method' | 'accusation';

export interface ProbeRow {
  lang: Lang;
  kind: Kind;
  id: string;
  form: string;
  frame: string;
  cue: string | null;
  held: boolean;
  sentence: string;
  /** an incident came out of the sentence */
  incident: boolean;
  /** an incident carries the id */
  found: boolean;
  /** the ids of its kind the incidents carry */
  got: string[];
}

const held = <T>(list: T[], x: T) => list.indexOf(x) % 3 === 2;

function fill(frame: ProbeFrame, form: string): string {
  const core = frame.slot === 'act' ? form.replace('{A}', frame.a ?? '').replace('{V}', frame.v ?? '') : form;
  const s = frame.text.replace('{f}', core);
  // an English sentence opening with the form starts with a capital letter
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function withCue(cue: ChargeCue, frame: ProbeFrame, form: string): string {
  const c = frame.victims === 'many' ? cue.many : cue.one;
  if (c.endsWith('+')) return `${c.slice(0, -1)}${form}`;
  return `${c} ${form}`;
}

function score(
  lang: Lang,
  kind: Kind,
  f: ProbeForm,
  frame: string,
  cue: string | null,
  isHeld: boolean,
  sentence: string,
): ProbeRow {
  const incidents = extract({ text: sentence, lang }).incidents;
  const got: string[] = [
    ...new Set(incidents.flatMap((i) => (kind === 'method' ? i.methods : i.accusations).map((m) => m.id))),
  ];
  return {
    lang,
    kind,
    id: f.id,
    form: f.text,
    frame,
    cue,
    held: isHeld,
    sentence,
    incident: incidents.length > 0,
    found: got.includes(f.id),
    got,
  };
}

interface LangData {
  methods: ProbeForm[];
  charges: ProbeForm[];
  frames: ProbeFrame[];
  cues: ChargeCue[];
}

const DATA: Record<Lang, LangData> = {
  ar: { methods: METHOD_FORMS_AR, charges: CHARGE_FORMS_AR, frames: FRAMES_AR, cues: CUES_AR },
  en: { methods: METHOD_FORMS_EN, charges: CHARGE_FORMS_EN, frames: FRAMES_EN, cues: CUES_EN },
};

/** Every method form in every frame of its slot; every charge form in every charge frame, with the cues
 * taken in turn (form i, frame j: cue (i + j) mod n, or the next one that fits a noun or a gerund). */
export function runProbe(langs: Lang[] = ['ar', 'en']): ProbeRow[] {
  const rows: ProbeRow[] = [];
  for (const lang of langs) {
    const d = DATA[lang];
    for (const f of d.methods) {
      for (const fr of d.frames.filter((x) => x.slot === f.slot)) {
        const h = held(d.methods, f) || held(d.frames, fr);
        rows.push(score(lang, 'method', f, fr.id, null, h, fill(fr, f.text)));
      }
    }
    const chargeFrames = d.frames.filter((x) => x.slot === 'charge');
    d.charges.forEach((f, i) => {
      chargeFrames.forEach((fr, j) => {
        let k = (i + j) % d.cues.length;
        while ((d.cues[k]!.gerund && !f.gerund) || (d.cues[k]!.noun && f.gerund)) k = (k + 1) % d.cues.length;
        const cue = d.cues[k]!;
        const h = held(d.charges, f) || held(d.frames, fr) || held(d.cues, cue);
        rows.push(score(lang, 'accusation', f, fr.id, cue.one, h, fill(fr, withCue(cue, fr, f.text))));
      });
    });
  }
  return rows;
}

export interface Figures {
  sentences: number;
  /** share of sentences with an incident */
  incident: number;
  /** share of sentences whose incident carries the id */
  found: number;
}

export function figures(rows: ProbeRow[]): Figures {
  const n = rows.length || 1;
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return {
    sentences: rows.length,
    incident: r(rows.filter((x) => x.incident).length),
    found: r(rows.filter((x) => x.found).length),
  };
}

/** Per id: found share among its sentences. */
export function perId(rows: ProbeRow[]): Map<string, Figures> {
  const ids = [...new Set(rows.map((r) => r.id))];
  return new Map(ids.map((id) => [id, figures(rows.filter((r) => r.id === id))]));
}

export interface CounterRow {
  id: string;
  kind: Kind;
  text: string;
  held: boolean;
  /** the counter's id came out of the sentence */
  misfire: boolean;
}

/** Counter-sentences: the id must not come out. Every third one (in list order) is held out. */
export function runCounter(): CounterRow[] {
  return COUNTERS.map((c, i) => {
    const lang: Lang = /[\u0600-\u06ff]/.test(c.text) ? 'ar' : 'en';
    const incidents = extract({ text: c.text, lang }).incidents;
    const ids: string[] = incidents.flatMap((x) => (c.kind === 'method' ? x.methods : x.accusations).map((m) => m.id));
    return { id: c.id, kind: c.kind, text: c.text, held: i % 3 === 2, misfire: ids.includes(c.id) };
  });
}
