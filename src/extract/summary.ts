// summary_en: one English line built from the fields (never from the Arabic text), so a reader
// without Arabic sees who did what to whom, how many, where and when.
import type { CountKey, Incident, IncidentType } from '../schema.ts';

const VERB: Record<IncidentType, string> = {
  armed_clash: 'clashed with',
  government_regains_territory: 'regained territory from',
  non_state_overtakes_territory: 'took territory from',
  air_strike: 'carried out an air strike',
  shelling: 'shelled',
  explosive_device: 'explosive device',
  suicide_bomb: 'suicide bombing',
  chemical_weapon: 'chemical attack',
  grenade: 'grenade attack',
  attack: 'attacked',
  execution: 'executed',
  abduction: 'abducted',
  sexual_violence: 'sexual violence against',
  peaceful_protest: 'peaceful protest',
  protest_with_intervention: 'protest dispersed',
  excessive_force_against_protesters: 'used excessive force against protesters',
  violent_demonstration: 'violent demonstration',
  mob_violence: 'mob violence',
  arrests: 'arrested',
  looting: 'looting or destruction of property',
  agreement: 'agreement',
  group_change: 'change within the group (defections, desertions, splits)',
  headquarters_established: 'established a base',
  non_violent_transfer: 'non-violent transfer of territory',
  disrupted_weapons_use: 'disrupted weapons use',
  forced_recruitment: 'forced recruitment of',
  forced_labour: 'forced labour imposed on',
  coercion: 'coercive measures against',
  displacement: 'displacement of',
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

export function summarize(inc: Pick<Incident, 'type' | 'actors' | 'counts' | 'locations' | 'time' | 'methods'>): string {
  const perp = names([...new Set(inc.actors.filter((a) => a.role === 'perpetrator').map((a) => a.name))]);
  const victims = names([...new Set(inc.actors.filter((a) => a.role !== 'perpetrator').map((a) => a.name.toLowerCase()))]);
  const parts: string[] = [];
  parts.push(perp ? `${perp}: ${VERB[inc.type]}` : VERB[inc.type].replace(/^./, (c) => c.toUpperCase()));
  if (victims) parts.push(victims);
  const counts = (Object.keys(inc.counts) as CountKey[])
    .filter((k) => inc.counts[k])
    .map((k) => {
      const c = inc.counts[k]!;
      return `${c.approximate ? 'about ' : ''}${c.value} ${COUNT_WORD[k]}`;
    });
  let line = parts.join(' ');
  if (counts.length) line += ` (${counts.join(', ')})`;
  if (inc.methods.length) line += `, by ${inc.methods.map((m) => m.id.replace(/_/g, ' ')).join(', ')}`;
  const place = inc.locations[0];
  if (place) line += ` in ${place.name}`;
  if (inc.time?.start) line += inc.time.start === inc.time.end ? ` on ${inc.time.start}` : ` between ${inc.time.start} and ${inc.time.end}`;
  return line;
}
