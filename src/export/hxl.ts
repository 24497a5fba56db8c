// HXL-tagged CSV: a human header row, then a row of HXL hashtags (https://hxlstandard.org), then
// one row per incident. Multi-valued cells join with «; ».
import { ACLED_EVENT } from '../schema.ts';
import { countryInfo } from '../acled-coding/actors.ts';
import { actorsByRole, countValue, eventDate, isoDay, primaryLocation, round6, type ExportIncident } from './fields.ts';

export const HXL_COLUMNS = [
  ['event_id', '#event+id'],
  ['type', '#event+type'],
  ['acled_event_type', '#event+type+acled'],
  ['acled_sub_event_type', '#event+type+sub+acled'],
  ['date', '#date+occurred'],
  ['date_end', '#date+occurred+end'],
  ['time_precision', '#date+precision'],
  ['country', '#country+name'],
  ['country_code', '#country+code'],
  ['admin1', '#adm1+name'],
  ['admin2', '#adm2+name'],
  ['admin3', '#adm3+name'],
  ['location', '#loc+name'],
  ['latitude', '#geo+lat'],
  ['longitude', '#geo+lon'],
  ['geo_precision', '#geo+precision'],
  ['killed', '#affected+killed'],
  ['injured', '#affected+injured'],
  ['arrested', '#affected+arrested'],
  ['abducted', '#affected+abducted'],
  ['displaced', '#affected+displaced'],
  ['perpetrator', '#org+perpetrator'],
  ['victim', '#org+victim'],
  ['target', '#org+target'],
  ['violations', '#event+violation'],
  ['methods', '#event+method'],
  ['accusations', '#event+accusation'],
  ['summary', '#description+en'],
  ['confidence', '#meta+confidence'],
  ['status', '#status+review'],
  ['document_id', '#meta+source+id'],
] as const;

export type HxlRow = Array<string | number>;

const joinIds = (xs: string[]) => [...new Set(xs)].join('; ');

export function toHxlRow(inc: ExportIncident): HxlRow {
  const loc = primaryLocation(inc);
  const acled = inc.acled ?? ACLED_EVENT[inc.type];
  const country = countryInfo(loc?.country ?? null);
  const num = (v: number | null) => (v === null ? '' : v);
  return [
    inc.id,
    inc.type,
    acled?.event_type ?? '',
    acled?.sub_event_type ?? '',
    eventDate(inc) ?? '',
    isoDay(inc.time?.end) ?? '',
    inc.time?.precision ?? '',
    country?.name ?? loc?.country ?? '',
    country?.iso3 ?? '',
    loc?.admin1 ?? '',
    loc?.admin2 ?? '',
    loc?.admin3 ?? '',
    loc?.name ?? '',
    loc?.lat != null ? round6(loc.lat) : '',
    loc?.lon != null ? round6(loc.lon) : '',
    loc?.precision ?? '',
    num(countValue(inc, 'killed')),
    num(countValue(inc, 'injured')),
    num(countValue(inc, 'arrested')),
    num(countValue(inc, 'abducted')),
    num(countValue(inc, 'displaced')),
    joinIds(actorsByRole(inc, 'perpetrator').map((a) => a.id)),
    joinIds(actorsByRole(inc, 'victim').map((a) => a.id)),
    joinIds(actorsByRole(inc, 'target').map((a) => a.id)),
    joinIds(inc.violations),
    joinIds(inc.methods.map((m) => m.id)),
    joinIds(inc.accusations.map((a) => a.id)),
    inc.summary_en,
    inc.confidence,
    inc.status ?? '',
    inc.documentId ?? '',
  ];
}
