// summary_en: one English line built from the fields (never from the Arabic text), so a reader
// without Arabic sees who did what to whom, how many, where and when.
import type { CountKey, Incident, IncidentType } from '../schema.ts';

const LABEL: Record<IncidentType, string> = {
  armed_clash: 'armed clash',
  government_regains_territory: 'government regains territory',
  non_state_overtakes_territory: 'non-state group takes territory',
  air_strike: 'air strike',
  shelling: 'shelling',
  explosive_device: 'explosive device',
  suicide_bomb: 'suicide bombing',
  chemical_weapon: 'chemical attack',
  grenade: 'grenade attack',
  attack: 'attack',
  execution: 'execution',
  abduction: 'abduction',
  sexual_violence: 'sexual violence',
  peaceful_protest: 'peaceful protest',
  protest_with_intervention: 'protest with intervention',
  excessive_force_against_protesters: 'excessive force against protesters',
  violent_demonstration: 'violent demonstration',
  mob_violence: 'mob violence',
  arrests: 'arrests',
  looting: 'looting or property destruction',
  agreement: 'agreement',
  group_change: 'change in armed group (defection, desertion, split)',
  headquarters_established: 'base established',
  non_violent_transfer: 'non-violent transfer of territory',
  disrupted_weapons_use: 'disrupted weapons use',
  forced_recruitment: 'forced recruitment',
  forced_labour: 'forced labour',
  coercion: 'coercion',
  displacement: 'displacement',
};

const COUNT_WORD: Record<CountKey, string> = {
  killed: 'killed',
  injured: 'injured',
  arrested: 'arrested',
  displaced: 'displaced',
  deserted: 'deserted',
  abducted: 'abducted',
  affected: 'affected',
};

function names(ids: string[]): string {
  if (ids.length <= 1) return ids[0] ?? '';
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

export function summarize(
  inc: Pick<Incident, 'type' | 'actors' | 'counts' | 'locations' | 'time' | 'methods'>,
): string {
  const perp = names([...new Set(inc.actors.filter((a) => a.role === 'perpetrator').map((a) => a.name))]);
  const victims = names([
    ...new Set(inc.actors.filter((a) => a.role !== 'perpetrator').map((a) => a.name.toLowerCase())),
  ]);
  const label = LABEL[inc.type];
  let line = perp ? `${perp}: ${label}` : label.replace(/^./, (c) => c.toUpperCase());
  if (victims) line += ` against ${victims}`;
  const counts = (Object.keys(inc.counts) as CountKey[])
    .filter((k) => inc.counts[k])
    .map((k) => {
      const c = inc.counts[k]!;
      return `${c.approximate ? 'about ' : ''}${c.value} ${COUNT_WORD[k]}`;
    });
  if (counts.length) line += ` (${counts.join(', ')})`;
  if (inc.methods.length) line += `, by ${inc.methods.map((m) => m.id.replace(/_/g, ' ')).join(', ')}`;
  const place = inc.locations[0];
  if (place) line += ` in ${place.name}`;
  if (inc.time?.start)
    line +=
      inc.time.start === inc.time.end ? ` on ${inc.time.start}` : ` between ${inc.time.start} and ${inc.time.end}`;
  return line;
}
