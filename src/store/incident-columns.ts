// Denormalised columns of an incident: what filters, ordering and search read without parsing JSON.
import type { Incident } from '../schema.ts';
import { indexText, placeKey } from './search-text.ts';

export interface IncidentColumns {
  type: string;
  date_start: string | null;
  date_end: string | null;
  sort_key: string;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  actorIds: string[];
  /** 'p:' keys for every place name and admin area, 'a1:' keys for admin1 */
  placeKeys: string[];
  /** indexed words of summary, evidence and attribution */
  searchBody: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

function day(s: string | null | undefined): string | null {
  return s && DATE.test(s) ? s.slice(0, 10) : null;
}

/** Evidence sentences of an incident, as raw text of its document. */
export function evidenceText(inc: Incident, docText: string): string {
  return inc.evidence
    .map((e) => docText.slice(Math.max(0, e.span[0]), Math.max(0, e.span[1])))
    .filter((s) => s.length > 0)
    .join(' … ');
}

function isEventPlace(role: string | undefined): boolean {
  return role === undefined || role === 'location';
}

export function incidentColumns(inc: Incident, docText: string): IncidentColumns {
  const start = day(inc.time?.start) ?? day(inc.time?.end);
  const end = day(inc.time?.end) ?? start;
  const places = inc.locations.filter((l) => isEventPlace(l.role));
  const first = places.find((l) => l.lat !== null && l.lon !== null) ?? null;
  const keys = new Set<string>();
  for (const l of places) {
    for (const name of [l.name, l.name_ar, l.admin1, l.admin2, l.admin3]) {
      const k = name ? placeKey(name) : '';
      if (k) keys.add(`p:${k}`);
    }
    const a1 = l.admin1 ? placeKey(l.admin1) : '';
    if (a1) keys.add(`a1:${a1}`);
  }
  const body = [inc.summary_en, evidenceText(inc, docText), inc.attribution?.text ?? ''].join(' ');
  return {
    type: inc.type,
    date_start: start,
    date_end: end && start && end < start ? start : end,
    sort_key: start ?? '',
    lat: first?.lat ?? null,
    lon: first?.lon ?? null,
    admin1: places.find((l) => l.admin1)?.admin1 ?? null,
    actorIds: [...new Set(inc.actors.map((a) => a.id))],
    placeKeys: [...keys],
    searchBody: indexText(body),
  };
}
