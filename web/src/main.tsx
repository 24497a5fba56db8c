import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api, setCsrf } from './api.ts';
import { I18nContext, type Lang, applyLang, initialLang, translate } from './i18n.ts';
import { DocumentPage } from './pages/document.tsx';
import { IncidentPage } from './pages/incident.tsx';
import { ListPage } from './pages/list.tsx';
import { LoginPage } from './pages/login.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import type { UserInfo } from './types.ts';
import type { MapPage as MapPageType } from './pages/map.tsx';
import './styles.css';

export interface Session {
  user: UserInfo | null;
  tileUrl: string | null;
}

// Leaflet and the basemap outlines are most of the bundle; load them only when the map is opened.
function LazyMapPage(props: { session: Session }) {
  const [Page, setPage] = useState<typeof MapPageType | null>(null);
  useEffect(() => void import('./pages/map.tsx').then((m) => setPage(() => m.MapPage)), []);
  return Page ? <Page session={props.session} /> : <p class="muted">…</p>;
}

function App() {
  const [lang, setLangState] = useState<Lang>(initialLang());
  const [session, setSession] = useState<Session | null>(null);
  const [needLogin, setNeedLogin] = useState(false);
  const { path } = useLocation();

  const i18n = useMemo(
    () => ({
      lang,
      t: (k: string, v?: Record<string, string | number>) => translate(lang, k, v),
      setLang: (l: Lang) => setLangState(l),
      num: (n: number) => n.toLocaleString(lang === 'ar' ? 'ar-SY' : 'en-GB'),
    }),
    [lang],
  );
  useEffect(() => applyLang(lang), [lang]);

  const loadMe = async () => {
    const config = await api.get<{ tileUrl: string | null }>('/api/config');
    try {
      const me = await api.get<{ user: UserInfo | null; csrf: string | null }>('/api/me');
      setCsrf(me.csrf);
      setSession({ user: me.user, tileUrl: config.tileUrl });
      setNeedLogin(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setNeedLogin(true);
      else throw e;
    }
  };
  useEffect(() => void loadMe(), []);

  const signOut = async () => {
    await api.post('/api/auth/logout');
    setCsrf(null);
    setSession(null);
    setNeedLogin(true);
    navigate('/');
  };

  let page;
  if (needLogin) page = <LoginPage onSignedIn={loadMe} />;
  else if (!session) page = <p class="muted">{i18n.t('loading')}</p>;
  else if (path === '/map') page = <LazyMapPage session={session} />;
  else if (path.startsWith('/incidents/'))
    page = <IncidentPage id={decodeURIComponent(path.slice(11))} session={session} />;
  else if (path.startsWith('/documents/'))
    page = <DocumentPage id={decodeURIComponent(path.slice(11))} session={session} />;
  else page = <ListPage />;

  return (
    <I18nContext.Provider value={i18n}>
      <header class="top">
        <Link href="/" class="brand">
          {i18n.t('app.name')} <span class="muted">· {i18n.t('app.tagline')}</span>
        </Link>
        {session && (
          <nav>
            <Link href="/" class={path === '/' ? 'active' : ''}>
              {i18n.t('nav.incidents')}
            </Link>
            <Link href="/map" class={path === '/map' ? 'active' : ''}>
              {i18n.t('nav.map')}
            </Link>
          </nav>
        )}
        <div class="spacer" />
        <button
          type="button"
          class="link"
          lang={lang === 'ar' ? 'en' : 'ar'}
          onClick={() => setLangState(lang === 'ar' ? 'en' : 'ar')}
        >
          {i18n.t('nav.language')}
        </button>
        {session && !session.user && (
          <button type="button" class="link" onClick={() => setNeedLogin(true)}>
            {i18n.t('login.submit')}
          </button>
        )}
        {session?.user && (
          <>
            <span class="user">
              <bdi>{session.user.name}</bdi> · {i18n.t(`userRole.${session.user.role}`)}
            </span>
            <button type="button" class="link" onClick={signOut}>
              {i18n.t('nav.signOut')}
            </button>
          </>
        )}
      </header>
      <main>{page}</main>
    </I18nContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
