import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  addUser,
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

// AuthError is a RasidError: the server's error handler answers it with its code's status (src/errors.ts)

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
    const made = await addUser(deps.store, body.name, body.role, body.password, by);
    return c.json({ user: adminView(made.user), password: made.generated ? made.password : undefined }, 201);
  });

  // one change at a time or several: role, a new password (ends the user's sessions), disabled
  r.patch('/users/:name', async (c) => {
    const by = requireWrite(c, 'admin');
    const { name } = parse(UserNameParam, c.req.param());
    const body = parse(UserChangeBody, await jsonBody(c));
    let user: User | null = null;
    if (body.role !== undefined) user = await setRole(deps.store, name, body.role, by);
    if (body.password !== undefined) user = (await changePassword(deps.store, name, body.password, by)).user;
    if (body.disabled !== undefined) user = await setDisabled(deps.store, name, body.disabled, by);
    return c.json({ user: adminView(user!) });
  });

  r.get('/tokens', async (c) => {
    requireAdminRead(c);
    const q = parse(TokenQuery, c.req.query());
    return c.json({ items: await listApiTokens(deps.store, q.user) });
  });

  r.delete('/tokens/:id', async (c) => {
    const by = requireWrite(c, 'admin');
    const id = c.req.param('id');
    await revokeApiToken(deps.store, id, by);
    return c.json({ revoked: id });
  });

  r.get('/audit', async (c) => {
    requireAdminRead(c);
    const q = parse(AuditQuery, c.req.query());
    return c.json({ items: await deps.store.listAudit({ limit: q.limit, offset: q.offset }) });
  });

  return r;
}
