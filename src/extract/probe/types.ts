// Types of the method/charge probe (method-probe.ts).

export type Slot = 'how' | 'act' | 'cause' | 'charge';

/** One surface form of a method or charge id, written for one slot of the frames. */
export interface ProbeForm {
  id: string;
  slot: Slot;
  /** the words; `act` forms carry {A} (doer) and {V} (victim) */
  text: string;
  /** English charges: a gerund phrase («spying»), which also reads after "for allegedly" */
  gerund?: boolean;
}

/** A sentence frame of one slot: `{f}` is where the form goes. */
export interface ProbeFrame {
  id: string;
  slot: Slot;
  text: string;
  /** victim number, for charge cues that carry a pronoun («لاتهامه» / «لاتهامهم») */
  victims?: 'one' | 'many';
  /** `act` frames: the doer and the victim */
  a?: string;
  v?: string;
}

/** A charge cue: the words before the charge; `+` joins the charge without a space («لاتهامه ب+»). */
export interface ChargeCue {
  one: string;
  many: string;
  /** English cues that need a gerund («for allegedly») */
  gerund?: boolean;
  /** English cues that need a noun («over alleged») */
  noun?: boolean;
}

/** A sentence the named id must not come out of (the word in another sense). */
export interface ProbeCounter {
  id: string;
  kind: 'method' | 'accusation';
  text: string;
}
