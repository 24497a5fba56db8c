import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { SourceText } from '../components/source-text.tsx';
import type { Mark } from '../highlight.ts';
import { safeHref } from '../highlight.ts';
import { useI18n } from '../i18n.ts';
import type { Session } from '../main.tsx';
import { Link } from '../router.tsx';
import { RestrictedBadge } from '../components/restricted.tsx';
import type { DocumentView } from '../types.ts';

/** issues of an extraction the page explains in the UI language; others show their code and message */
const ISSUE_KEYS = new Set(['document.incidents-capped', 'extract.budget']);

export function DocumentPage(props: { id: string; session: Session }) {
  const { t } = useI18n();
  const [view, setView] = useState<DocumentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canEdit = props.session.user?.role === 'editor' || props.session.user?.role === 'admin';
  const base = `/api/documents/${encodeURIComponent(props.id)}`;

  const load = () =>
    api
      .get<DocumentView>(base)
      .then(setView)
      .catch((e: Error) => setError(e.message));
  useEffect(() => {
    setError(null);
    void load();
  }, [props.id]);
  // an editor restricts the source (every version and its incidents) or lifts that; audited
  const restrict = (action: 'restrict' | 'unrestrict') =>
    api
      .post(`${base}/${action}`)
      .then(load)
      .catch((e: Error) => setError(e.message));

  if (error) return <p class="error">{t('error.generic', { message: error })}</p>;
  if (!view) return <p class="muted">{t('loading')}</p>;
  const d = view.document;
  const href = safeHref(d.url);
  const marks: Mark[] = view.incidents.flatMap((i) =>
    i.evidence.map((e) => ({ start: e.span[0], end: e.span[1], kind: 'evidence' as const, label: i.type })),
  );

  return (
    <div class="document-page">
      <section class="card">
        <h1 lang={d.lang} dir="auto">
          {d.title ?? t('document.untitled')}{' '}
          {d.restricted && (
            <RestrictedBadge
              title={`${t('restricted.hint')} · ${t(d.restrictedBy === 'ingest' ? 'restricted.byRule' : 'restricted.byEditor')}`}
            />
          )}
        </h1>
        {canEdit && (
          <div class="buttons">
            {d.restricted ? (
              <button type="button" onClick={() => restrict('unrestrict')} data-testid="unrestrict-document">
                {t('restricted.unrestrictDocument')}
              </button>
            ) : (
              <button type="button" class="danger" onClick={() => restrict('restrict')} data-testid="restrict-document">
                {t('restricted.restrictDocument')}
              </button>
            )}
          </div>
        )}
        <dl class="meta">
          <dt>{t('document.language')}</dt>
          <dd>{t(`lang.${d.lang}`)}</dd>
          <dt>{t('document.published')}</dt>
          <dd>
            <bdi>{d.published ?? '—'}</bdi>
          </dd>
          {d.url && (
            <>
              <dt>{t('document.url')}</dt>
              <dd dir="ltr">
                {href ? (
                  <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                    {d.url}
                  </a>
                ) : (
                  <span>{d.url}</span>
                )}
              </dd>
            </>
          )}
        </dl>
        <h2>{t('document.alternates')}</h2>
        {view.alternates.length === 0 ? (
          <p class="muted">{t('document.noAlternates')}</p>
        ) : (
          <ul data-testid="alternates">
            {view.alternates.map((a) => (
              <li>
                <Link href={`/documents/${encodeURIComponent(a.id)}`}>
                  {t(`lang.${a.lang}`)}: <bdi>{a.title ?? a.id}</bdi>
                </Link>
                {a.restricted && (
                  <>
                    {' '}
                    <RestrictedBadge />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {(d.issues?.length ?? 0) > 0 && (
          <>
            <h2>{t('document.issues')}</h2>
            <ul class="issues" data-testid="document-issues">
              {d.issues!.map((i) => (
                <li>
                  {ISSUE_KEYS.has(i.code) ? t(`document.issue.${i.code}`) : <bdi dir="ltr">{i.code}</bdi>}{' '}
                  <bdi lang="en" class="muted">
                    {i.message}
                  </bdi>
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>{t('document.incidents')}</h2>
        <ul>
          {view.incidents.map((i) => (
            <li>
              <Link href={`/incidents/${encodeURIComponent(i.id)}`}>{t(`type.${i.type}`)}</Link>{' '}
              <span class={`chip status-${i.status}`}>{t(`status.${i.status}`)}</span>{' '}
              {i.restricted && <RestrictedBadge />}
              <bdi lang="en">{i.summary_en}</bdi>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <SourceText text={d.text} lang={d.lang} marks={marks} />
      </section>
    </div>
  );
}
