// Incidents per ISO week, stacked by type, as a small SVG bar chart (no chart library needed for
// a few hundred bars).
import { useI18n } from '../i18n.ts';
import { typeColour } from '../taxonomy.ts';

export interface TimelineRow {
  week: string;
  type: string;
  n: number;
}

const W = 900;
const H = 160;
const PAD = 24;

export function Timeline(props: { rows: TimelineRow[] }) {
  const { t, num } = useI18n();
  if (props.rows.length === 0) return <p class="muted">{t('timeline.empty')}</p>;
  const weeks = [...new Set(props.rows.map((r) => r.week))].sort();
  // fill the gaps so an empty week shows as one
  const first = Date.parse(weeks[0]!);
  const last = Date.parse(weeks[weeks.length - 1]!);
  const all: string[] = [];
  for (let d = first; d <= last && all.length < 2000; d += 7 * 86_400_000)
    all.push(new Date(d).toISOString().slice(0, 10));
  const byWeek = new Map<string, TimelineRow[]>();
  for (const r of props.rows) byWeek.set(r.week, [...(byWeek.get(r.week) ?? []), r]);
  const max = Math.max(1, ...all.map((w) => (byWeek.get(w) ?? []).reduce((a, r) => a + r.n, 0)));
  const bw = (W - 2 * PAD) / Math.max(all.length, 1);
  const types = [...new Set(props.rows.map((r) => r.type))];
  return (
    <figure class="timeline">
      <figcaption>{t('timeline.title')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-label={t('timeline.title')} dir="ltr">
        <line x1={PAD} y1={H} x2={W - PAD} y2={H} stroke="#999" />
        <text x={PAD - 4} y={12} text-anchor="end" font-size="10" fill="#555">
          {num(max)}
        </text>
        {all.map((w, i) => {
          let y = H;
          return (byWeek.get(w) ?? []).map((r) => {
            const h = ((H - 16) * r.n) / max;
            y -= h;
            return (
              <rect x={PAD + i * bw} y={y} width={Math.max(1, bw - 1)} height={h} fill={typeColour(r.type)}>
                <title>{`${w} · ${t(`type.${r.type}`)}: ${num(r.n)}`}</title>
              </rect>
            );
          });
        })}
        <text x={PAD} y={H + 14} font-size="10" fill="#555">
          {all[0]}
        </text>
        <text x={W - PAD} y={H + 14} font-size="10" fill="#555" text-anchor="end">
          {all[all.length - 1]}
        </text>
      </svg>
      <ul class="legend">
        {types.map((ty) => (
          <li>
            <span class="swatch" style={{ background: typeColour(ty) }} />
            {t(`type.${ty}`)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
