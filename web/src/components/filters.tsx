import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { navigate } from '../router.tsx';
import { STATUSES, TYPES } from '../taxonomy.ts';

export const FILTER_KEYS = ['q', 'type', 'status', 'actor', 'place', 'from', 'to'] as const;

export function filtersFrom(search: URLSearchParams): Record<string, string> {
  const f: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** Filter form; applying it rewrites the current page's query string. */
export function Filters(props: { path: string; value: Record<string, string> }) {
  const { t } = useI18n();
  const [f, setF] = useState<Record<string, string>>(props.value);
  const set = (k: string) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const apply = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
    const s = q.toString();
    navigate(props.path + (s ? `?${s}` : ''));
  };
  return (
    <form class="filters card" onSubmit={apply} aria-label={t('filters.title')}>
      <label>
        {t('filters.q')}
        <input name="q" type="search" dir="auto" value={f.q ?? ''} onInput={set('q')} />
      </label>
      <label>
        {t('filters.type')}
        <select name="type" value={f.type ?? ''} onChange={set('type')}>
          <option value="">{t('filters.any')}</option>
          {TYPES.map((ty) => (
            <option value={ty}>{t(`type.${ty}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.status')}
        <select name="status" value={f.status ?? ''} onChange={set('status')}>
          <option value="">{t('filters.any')}</option>
          {STATUSES.map((s) => (
            <option value={s}>{t(`status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.actor')}
        <input name="actor" dir="auto" value={f.actor ?? ''} onInput={set('actor')} />
      </label>
      <label>
        {t('filters.place')}
        <input name="place" dir="auto" value={f.place ?? ''} onInput={set('place')} />
      </label>
      <label>
        {t('filters.from')}
        <input name="from" type="date" value={f.from ?? ''} onInput={set('from')} />
      </label>
      <label>
        {t('filters.to')}
        <input name="to" type="date" value={f.to ?? ''} onInput={set('to')} />
      </label>
      <div class="buttons">
        <button type="submit" class="primary">
          {t('filters.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setF({});
            navigate(props.path);
          }}
        >
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}
