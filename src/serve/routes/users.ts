import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  addUser,
  AuthError,
  changePassword,
  hasRole,
  listApiTokens,
  revokeApiToken,
  setDisabled,
  setRole,
} from '../../auth/users.ts';
import { type AppEnv, type ServeDeps, jsonBody, parse, requireWrite } from '../context.ts';
import { HttpError } from '../errors.ts';
import { AuditQuery, NewUserBody, TokenQuery, UserChangeBody, UserNameParam } from '../schemas.ts';
import type { User } from '../../store/types.ts';

const STATUS: Record<string, 400 | 404 | 409> = {
  'user.exists': 409,
  'user.not-found': 404,
  'token.not-found': 404,
  'user.last-admin': 409,
};

function asHttp(e: unknown): never {
  if (e instanceof AuthError) throw new HttpError(STATUS[e.code] ?? 400, e.code, e.message);
  throw e;
}

// reads need no CSRF token, but only admins see who has accounts and tokens
function requireAdminRead(c: Context<AppEnv>): User {
  const user = c.get('user');
  if (!user) throw new HttpError(401, 'auth.required', 'sign in or send an API token');
  if (!hasRole(user, 'admin')) throw new HttpError(403, 'auth.forbidden', 'this needs the admin role');
  return user;
}

function adminView(u: User) {
  return { id: u.id, name: u.name, role: u.role, disabled: Boolean(u.disabled), createdAt: u.createdAt };
}

export function userRoutes(deps: ServeDeps) {
  const r = new Hono<AppEnv>();

  r.get('/users', async (c) => {
    requireAdminRead(c);
    return c.json({ items: (await deps.store.listUsers()).map(adminView) });
  });

  r.post('/users', async (c) => {
    const by = requireWrite(c, 'admin');
    const body = parse(NewUserBody, await jsonBody(c));
    try {
      const made = await addUser(deps.store, body.name, body.role, body.password, by);
      return c.json({ user: adminView(made.user), password: made.generated ? made.password : undefined }, 201);
    } catch (e) {
      return asHttp(e);
    }
  });

  // one change at a time or several: role, a new password (ends the user's sessions), disabled
  r.patch('/users/:name', async (c) => {
    const by = requireWrite(c, 'admin');
    const { name } = parse(UserNameParam, c.req.param());
    const body = parse(UserChangeBody, await jsonBody(c));
    try {
      let user: User | null = null;
      if (body.role !== undefined) user = await setRole(deps.store, name, body.role, by);
      if (body.password !== undefined) user = (await changePassword(deps.store, name, body.password, by)).user;
      if (body.disabled !== undefined) user = await setDisabled(deps.store, name, body.disabled, by);
      return c.json({ user: adminView(user!) });
    } catch (e) {
      return asHttp(e);
    }
  });

  r.get('/tokens', async (c) => {
    requireAdminRead(c);
    const q = parse(TokenQuery, c.req.query());
    try {
      return c.json({ items: await listApiTokens(deps.store, q.user) });
    } catch (e) {
      return asHttp(e);
    }
  });

  r.delete('/tokens/:id', async (c) => {
    const by = requireWrite(c, 'admin');
    const id = c.req.param('id');
    try {
      await revokeApiToken(deps.store, id, by);
      return c.json({ revoked: id });
    } catch (e) {
      return asHttp(e);
    }
  });

  r.get('/audit', async (c) => {
    requireAdminRead(c);
    const q = parse(AuditQuery, c.req.query());
    return c.json({ items: await deps.store.listAudit({ limit: q.limit, offset: q.offset }) });
  });

  return r;
}
