import { useState } from 'preact/hooks';
import { ApiError, api, setCsrf } from '../api.ts';
import { useI18n } from '../i18n.ts';

export function LoginPage(props: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ csrf: string }>('/api/auth/login', { name, password });
      setCsrf(r.csrf);
      props.onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('login.limited'));
      else if (err instanceof ApiError && err.status === 401) setError(t('login.failed'));
      else setError(t('error.generic', { message: (err as Error).message }));
    }
  };

  return (
    <form class="card login" onSubmit={submit}>
      <h1>{t('login.title')}</h1>
      <label>
        {t('login.name')}
        <input
          name="name"
          autocomplete="username"
          dir="auto"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('login.password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          dir="ltr"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          required
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t('login.submit')}
      </button>
    </form>
  );
}
