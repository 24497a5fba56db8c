import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Legend, SourceText } from '../components/source-text.tsx';
import { incidentMarks } from '../highlight.ts';
import { useI18n } from '../i18n.ts';
import type { Session } from '../main.tsx';
import { Link } from '../router.tsx';
import { RestrictedBadge } from '../components/restricted.tsx';
import { ACTOR_ROLES, COUNT_KEYS, TYPES } from '../taxonomy.ts';
import type { Actor, Count, DocumentView, Incident, Location, Review } from '../types.ts';

interface View {
  incident: Incident;
  document: { id: string; title: string | null; lang: string } | null;
  cluster: { id: string; incidentIds: string[]; rules: string[] } | null;
}

const EDITABLE = ['type', 'actors', 'locations', 'time', 'counts', 'summary_en'] as const;

export function IncidentPage(props: { id: string; session: Session }) {
  const { t, num } = useI18n();
  const [view, setView] = useState<View | null>(null);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [draft, setDraft] = useState<Incident | null>(null);
  const [history, setHistory] = useState<Review[]>([]);
  const [note, setNote] = useState('');
  const [mergeIds, setMergeIds] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const canEdit = props.session.user?.role === 'editor' || props.session.user?.role === 'admin';
  const base = `/api/incidents/${encodeURIComponent(props.id)}`;

  const load = async () => {
    const v = await api.get<View>(base);
    setView(v);
    setDraft(structuredClone(v.incident));
    setHistory((await api.get<{ items: Review[] }>(`${base}/reviews`)).items);
    if (v.incident.documentId && doc?.document.id !== v.incident.documentId) {
      setDoc(await api.get<DocumentView>(`/api/documents/${encodeURIComponent(v.incident.documentId)}`));
    }
  };
  useEffect(() => {
    setMessage(null);
    load().catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [props.id]);

  const run = async (fn: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await fn();
      setNote('');
      await load();
      setMessage({ kind: 'ok', text: t('incident.saved') });
    } catch (e) {
      setMessage({ kind: 'error', text: t('error.generic', { message: (e as Error).message }) });
    }
  };

  if (!view || !draft) return message ? <p class="error">{message.text}</p> : <p class="muted">{t('loading')}</p>;
  const inc = view.incident;
  const changed = EDITABLE.filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(inc[k]));
  const save = () =>
    run(() => {
      const patch: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, draft[k]]));
      if (note) patch.note = note;
      return api.patch(base, patch);
    });
  const act = (a: string, body: Record<string, unknown> = {}) =>
    run(() => api.post(`${base}/${a}`, note ? { ...body, note } : body));
  const upd = (p: Partial<Incident>) => setDraft({ ...draft, ...p });

  return (
    <div class="incident-page">
      <section class="card source-card">
        <h2>
          {t('incident.source')}{' '}
          {view.document && (
            <Link href={`/documents/${encodeURIComponent(view.document.id)}`} class="small">
              {t('incident.document')}
            </Link>
          )}
        </h2>
        <Legend />
        {doc && (
          <SourceText
            text={doc.document.text}
            lang={doc.document.lang}
            marks={incidentMarks(inc, doc.document.text.length)}
          />
        )}
      </section>

      <section class="card fields-card">
        <h1>
          {t('incident.title')}: {t(`type.${inc.type}`)}{' '}
          <span class={`chip status-${inc.status}`} data-testid="status">
            {t(`status.${inc.status}`)}
          </span>
          {inc.restricted && (
            <RestrictedBadge
              title={`${t('restricted.hint')}${inc.restricted.document ? ` · ${t('restricted.byDocument')}` : ''}`}
            />
          )}
        </h1>
        <p class="summary">
          <bdi lang="en">{inc.summary_en}</bdi>
        </p>
        <p class="muted small">
          {t('incident.confidence')}: {num(Math.round(inc.confidence * 100))}% · <bdi>{inc.id}</bdi>
          {inc.acled && (
            <>
              {' '}
              ·{' '}
              <bdi lang="en">
                ACLED: {inc.acled.event_type} / {inc.acled.sub_event_type}
              </bdi>
            </>
          )}
        </p>
        <EvidencePages incident={inc} />
        {!canEdit && <p class="muted">{t('incident.readOnly')}</p>}
        <fieldset disabled={!canEdit}>
          <legend>{t('incident.fields')}</legend>
          <label>
            {t('field.type')}
            <select name="type" value={draft.type} onChange={(e) => upd({ type: e.currentTarget.value })}>
              {TYPES.map((ty) => (
                <option value={ty}>{t(`type.${ty}`)}</option>
              ))}
            </select>
          </label>

          <h3>{t('field.counts')}</h3>
          <div class="grid counts-grid">
            {COUNT_KEYS.map((k) => (
              <CountInput
                name={k}
                label={t(`count.${k}`)}
                value={draft.counts[k]}
                onChange={(c) => {
                  const counts = { ...draft.counts };
                  if (c) counts[k] = c;
                  else delete counts[k];
                  upd({ counts });
                }}
              />
            ))}
          </div>

          <h3>{t('field.actors')}</h3>
          <ActorsEditor value={draft.actors} onChange={(actors) => upd({ actors })} />

          <h3>{t('field.locations')}</h3>
          <LocationsEditor value={draft.locations} onChange={(locations) => upd({ locations })} />

          <h3>{t('field.time')}</h3>
          <div class="grid">
            <label>
              {t('field.start')}
              <input
                type="date"
                name="time-start"
                value={draft.time?.start?.slice(0, 10) ?? ''}
                onInput={(e) => upd({ time: timeWith(draft, { start: e.currentTarget.value || null }) })}
              />
            </label>
            <label>
              {t('field.end')}
              <input
                type="date"
                name="time-end"
                value={draft.time?.end?.slice(0, 10) ?? ''}
                onInput={(e) => upd({ time: timeWith(draft, { end: e.currentTarget.value || null }) })}
              />
            </label>
            <label>
              {t('field.precision')}
              <select
                name="time-precision"
                value={String(draft.time?.precision ?? '')}
                onChange={(e) =>
                  upd({
                    time: timeWith(draft, { precision: e.currentTarget.value ? Number(e.currentTarget.value) : null }),
                  })
                }
              >
                <option value="">—</option>
                {[1, 2, 3].map((p) => (
                  <option value={String(p)}>{num(p)}</option>
                ))}
              </select>
            </label>
          </div>

          <label>
            {t('incident.summary')}
            <textarea
              name="summary_en"
              dir="ltr"
              lang="en"
              value={draft.summary_en}
              onInput={(e) => upd({ summary_en: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('incident.note')}
            <input name="note" dir="auto" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <div class="buttons">
            <button type="button" class="primary" disabled={changed.length === 0} onClick={save} data-testid="save">
              {t('incident.save')}
            </button>
            {inc.status !== 'verified' && (
              <button type="button" class="ok" onClick={() => act('verify')} data-testid="verify">
                {t('incident.verify')}
              </button>
            )}
            {inc.status !== 'rejected' && (
              <button type="button" class="danger" onClick={() => act('reject')} data-testid="reject">
                {t('incident.reject')}
              </button>
            )}
            {(inc.status === 'verified' || inc.status === 'rejected') && (
              <button type="button" onClick={() => act('reopen')}>
                {t('incident.reopen')}
              </button>
            )}
          </div>
          <div class="buttons">
            {inc.restricted?.incident ? (
              <button type="button" onClick={() => act('unrestrict')} data-testid="unrestrict">
                {t('restricted.unrestrictIncident')}
              </button>
            ) : (
              <button type="button" class="danger" onClick={() => act('restrict')} data-testid="restrict">
                {t('restricted.restrictIncident')}
              </button>
            )}
            {inc.restricted?.document && <span class="muted small">{t('restricted.byDocument')}</span>}
          </div>
          <div class="buttons">
            <input
              name="merge"
              dir="ltr"
              placeholder={t('incident.mergeIds')}
              value={mergeIds}
              onInput={(e) => setMergeIds(e.currentTarget.value)}
            />
            <button
              type="button"
              disabled={!mergeIds.trim()}
              onClick={() =>
                act('merge', {
                  with: mergeIds
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            >
              {t('incident.merge')}
            </button>
            {inc.clusterId && (
              <button type="button" onClick={() => act('split')}>
                {t('incident.split')}
              </button>
            )}
          </div>
        </fieldset>
        {message && (
          <p class={message.kind === 'ok' ? 'ok-text' : 'error'} role="status">
            {message.text}
          </p>
        )}
        {view.cluster && (
          <p>
            {t('incident.cluster')}:{' '}
            {view.cluster.incidentIds.map((id) => (
              <Link href={`/incidents/${encodeURIComponent(id)}`} class="chip">
                <bdi>{id}</bdi>
              </Link>
            ))}
          </p>
        )}
      </section>

      <section class="card history-card">
        <h2>{t('incident.history')}</h2>
        {history.length === 0 ? (
          <p class="muted">{t('incident.noHistory')}</p>
        ) : (
          <table data-testid="history">
            <thead>
              <tr>
                <th>{t('history.at')}</th>
                <th>{t('history.user')}</th>
                <th>{t('history.action')}</th>
                <th>{t('history.change')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr>
                  <td class="nowrap">
                    <bdi>{r.at.replace('T', ' ').slice(0, 19)}</bdi>
                  </td>
                  <td>
                    <bdi>{r.userName ?? '—'}</bdi>
                  </td>
                  <td>{t(`action.${r.action}`)}</td>
                  <td>
                    {r.field && <strong>{t(`field.${r.field}`)} </strong>}
                    {/* old → new reads left to right in both UIs, like the JSON it shows */}
                    <span dir="ltr" class="change">
                      <code>{short(r.oldValue)}</code> → <code>{short(r.newValue)}</code>
                    </span>
                    {r.note && (
                      <>
                        {' '}
                        — <bdi>{r.note}</bdi>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function short(v: unknown): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v, (k, x) => (k === 'span' ? undefined : x));
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function timeWith(inc: Incident, p: Partial<NonNullable<Incident['time']>>): Incident['time'] {
  const base = inc.time ?? { start: null, end: null, precision: null, text: null, span: null };
  return { ...base, ...p };
}

function CountInput(props: {
  name: string;
  label: string;
  value: Count | undefined;
  onChange: (c: Count | undefined) => void;
}) {
  const v = props.value;
  return (
    <label>
      {props.label}
      <input
        type="number"
        min="0"
        name={`count-${props.name}`}
        value={v ? String(v.value) : ''}
        title={v ? `${v.text} (${v.min}–${v.max})` : undefined}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          if (raw === '') return props.onChange(undefined);
          const n = Math.max(0, Number(raw));
          if (!Number.isFinite(n)) return;
          // an analyst's figure is exact; the words it rests on stay linked
          props.onChange({
            value: n,
            min: n,
            max: n,
            approximate: false,
            text: v?.text ?? String(n),
            span: v?.span ?? null,
          });
        }}
      />
    </label>
  );
}

function ActorsEditor(props: { value: Actor[]; onChange: (a: Actor[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Actor>) =>
    props.onChange(props.value.map((a, j) => (j === i ? { ...a, ...p } : a)));
  return (
    <div class="rows">
      {props.value.map((a, i) => (
        <div class="row">
          <select
            value={a.role}
            aria-label={t('field.role')}
            onChange={(e) => set(i, { role: e.currentTarget.value as Actor['role'] })}
          >
            {ACTOR_ROLES.map((r) => (
              <option value={r}>{t(`role.${r}`)}</option>
            ))}
          </select>
          <input
            aria-label={t('field.id')}
            dir="ltr"
            value={a.id}
            onInput={(e) => set(i, { id: e.currentTarget.value })}
          />
          <input
            aria-label={t('field.name')}
            dir="auto"
            value={a.name}
            onInput={(e) => set(i, { name: e.currentTarget.value })}
          />
          <button type="button" onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>
            {t('incident.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => props.onChange([...props.value, { role: 'perpetrator', id: 'unknown', name: '', span: null }])}
      >
        {t('incident.add')}
      </button>
    </div>
  );
}

function LocationsEditor(props: { value: Location[]; onChange: (l: Location[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Location>) =>
    props.onChange(props.value.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const coord = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
  return (
    <div class="rows">
      {props.value.map((l, i) => (
        <div class="row">
          <input
            aria-label={t('field.name')}
            dir="auto"
            value={l.name}
            onInput={(e) => set(i, { name: e.currentTarget.value })}
          />
          <input
            aria-label={t('field.lat')}
            dir="ltr"
            inputMode="decimal"
            value={l.lat ?? ''}
            onChange={(e) => set(i, { lat: coord(e.currentTarget.value) })}
          />
          <input
            aria-label={t('field.lon')}
            dir="ltr"
            inputMode="decimal"
            value={l.lon ?? ''}
            onChange={(e) => set(i, { lon: coord(e.currentTarget.value) })}
          />
          <select
            aria-label={t('field.precision')}
            value={String(l.precision ?? '')}
            onChange={(e) => set(i, { precision: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
          >
            <option value="">—</option>
            {[1, 2, 3].map((p) => (
              <option value={String(p)}>{p}</option>
            ))}
          </select>
          <button type="button" onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>
            {t('incident.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          props.onChange([
            ...props.value,
            { name: '', lat: null, lon: null, precision: null, span: null, role: 'location' },
          ])
        }
      >
        {t('incident.add')}
      </button>
    </div>
  );
}

/** Where a PDF's or scan's evidence is: «p. 3», and a warning when its words were read by OCR. */
function EvidencePages(props: { incident: Incident }) {
  const { t, num } = useI18n();
  const pages = [...new Set(props.incident.evidence.map((e) => e.page).filter((p): p is number => p !== undefined))];
  if (pages.length === 0) return null;
  const ocr = props.incident.issues?.some((i) => i.code === 'ocr');
  return (
    <p class="small" data-testid="pages">
      {t('incident.pages')}: {pages.map((p) => t('page.short', { n: num(p) })).join(t('list.separator'))}
      {ocr && <span class="chip warn"> {t('incident.ocr')}</span>}
    </p>
  );
}
