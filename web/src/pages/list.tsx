import { useEffect, useState } from 'preact/hooks';
import { api, queryString } from '../api.ts';
import { Filters, filtersFrom } from '../components/filters.tsx';
import { RestrictedBadge } from '../components/restricted.tsx';
import { Timeline, type TimelineRow } from '../components/timeline.tsx';
import { useI18n } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { STATUSES } from '../taxonomy.ts';
import type { ListRow } from '../types.ts';

const PAGE = 50;

export function ListPage() {
  const { t, num, lang } = useI18n();
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const offset = Number(search.get('offset') ?? 0) || 0;
  const key = queryString({ ...filters, offset });
  const [data, setData] = useState<{ items: ListRow[]; total: number } | null>(null);
  const [counts, setCounts] = useState<{ total: number; byStatus: Record<string, number> } | null>(null);
  const [timeline, setTimeline] = useState<TimelineRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    const qs = queryString(filters);
    api
      .get<{ items: ListRow[]; total: number }>(`/api/incidents${queryString({ ...filters, limit: PAGE, offset })}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
    const { status: _s, ...withoutStatus } = filters;
    api
      .get<{ total: number; byStatus: Record<string, number> }>(`/api/incidents/counts${queryString(withoutStatus)}`)
      .then(setCounts)
      .catch(() => setCounts(null));
    api
      .get<{ rows: TimelineRow[] }>(`/api/timeline${qs}`)
      .then((r) => setTimeline(r.rows))
      .catch(() => setTimeline(null));
  }, [key]);

  const go = (o: number) => navigate(`/${queryString({ ...filters, offset: o || undefined })}`);

  return (
    <div class="list-page">
      <Filters path="/" value={filters} key={key} />
      <section class="counts card" aria-label={t('filters.status')}>
        {counts && (
          <>
            <strong data-testid="total">{t('list.total', { n: num(counts.total) })}</strong>
            {STATUSES.map((s) => (
              <Link href={`/${queryString({ ...filters, status: s })}`} class={`chip status-${s}`}>
                {t(`status.${s}`)}: {num(counts.byStatus[s] ?? 0)}
              </Link>
            ))}
          </>
        )}
        <ExportLinks filters={filters} />
      </section>
      {timeline && (
        <section class="card">
          <Timeline rows={timeline} />
        </section>
      )}
      {error && <p class="error">{t('error.generic', { message: error })}</p>}
      {data && data.items.length === 0 && <p class="muted">{t('list.empty')}</p>}
      {data && data.items.length > 0 && (
        <section class="card">
          <table class="incidents">
            <thead>
              <tr>
                <th>{t('col.date')}</th>
                <th>{t('col.type')}</th>
                <th>{t('col.place')}</th>
                <th>{t('col.actors')}</th>
                <th>{t('col.counts')}</th>
                <th>{t('col.status')}</th>
                <th>{t('col.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr>
                  <td class="nowrap">
                    <bdi>{i.time?.start ?? '—'}</bdi>
                  </td>
                  <td>
                    <Link href={`/incidents/${encodeURIComponent(i.id)}`}>{t(`type.${i.type}`)}</Link>
                    {i.restricted && (
                      <>
                        {' '}
                        <RestrictedBadge />
                      </>
                    )}
                  </td>
                  <td>
                    {i.locations.slice(0, 2).map((l) => (
                      <bdi class="item">{lang === 'ar' ? (l.name_ar ?? l.name) : l.name}</bdi>
                    ))}
                  </td>
                  <td>
                    {i.actors.slice(0, 3).map((a) => (
                      <bdi class="item" title={t(`role.${a.role}`)}>
                        {a.name}
                      </bdi>
                    ))}
                  </td>
                  <td class="nowrap">
                    {Object.entries(i.counts)
                      .filter(([, v]) => v !== undefined)
                      .map(([k, v]) => (
                        <span class="item">
                          {t(`count.${k}`)}: {num(v!)}
                        </span>
                      ))}
                  </td>
                  <td>
                    <span class={`chip status-${i.status}`}>{t(`status.${i.status}`)}</span>
                  </td>
                  <td class="summary">
                    <bdi lang="en">{i.summary_en}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager">
            <button type="button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - PAGE))}>
              {t('list.prev')}
            </button>
            <span>
              {t('list.page', {
                from: num(offset + 1),
                to: num(Math.min(offset + PAGE, data.total)),
                total: num(data.total),
              })}
            </span>
            <button type="button" disabled={offset + PAGE >= data.total} onClick={() => go(offset + PAGE)}>
              {t('list.next')}
            </button>
          </nav>
        </section>
      )}
    </div>
  );
}

const FORMATS = ['acled', 'geojson', 'hxl', 'jsonl'] as const;

export function ExportLinks(props: { filters: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <span class="exports">
      {t('export.title')}:
      {FORMATS.map((f) => (
        <a class="chip" href={`/api/export${queryString({ ...props.filters, format: f })}`} download>
          {t(`export.${f}`)}
        </a>
      ))}
    </span>
  );
}
