// Request helpers over app.request(): no socket, the real app and a real store.
import type { createApp } from '../../src/serve/app.ts';

type App = ReturnType<typeof createApp>;

export interface Client {
  cookie: string | null;
  csrf: string | null;
  token: string | null;
}

export const anon: Client = { cookie: null, csrf: null, token: null };

export async function login(app: App, name: string, password: string): Promise<Client> {
  const r = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrf } = (await r.json()) as { csrf: string };
  return { cookie, csrf, token: null };
}

export function headers(c: Client, opts: { csrf?: boolean; json?: boolean } = {}): Record<string, string> {
  const h: Record<string, string> = {};
  if (c.cookie) h.cookie = c.cookie;
  if (c.token) h.authorization = `Bearer ${c.token}`;
  if (opts.csrf !== false && c.csrf) h['x-csrf-token'] = c.csrf;
  if (opts.json !== false) h['content-type'] = 'application/json';
  return h;
}

export async function call(
  app: App,
  c: Client,
  method: string,
  path: string,
  body?: unknown,
  opts: { csrf?: boolean } = {},
  // assertions read response bodies field by field; typing every shape here would only repeat them
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await app.request(path, {
    method,
    headers: headers(c, { ...opts, json: body !== undefined }),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // non-JSON bodies (exports) stay text
  }
  return { status: r.status, body: parsed, headers: r.headers };
}
