import { Hono } from 'hono';
import { addUser, AuthError, hasRole } from '../../auth/users.ts';
import { type AppEnv, type ServeDeps, jsonBody, parse, publicUser, requireWrite } from '../context.ts';
import { HttpError } from '../errors.ts';
import { NewUserBody } from '../schemas.ts';

export function userRoutes(deps: ServeDeps) {
  const r = new Hono<AppEnv>();

  r.get('/users', async (c) => {
    // a read, so no CSRF token is needed, but only admins see who has accounts
    const user = c.get('user');
    if (!user) throw new HttpError(401, 'auth.required', 'sign in or send an API token');
    if (!hasRole(user, 'admin')) throw new HttpError(403, 'auth.forbidden', 'this needs the admin role');
    return c.json({ items: (await deps.store.listUsers()).map(publicUser) });
  });

  r.post('/users', async (c) => {
    requireWrite(c, 'admin');
    const body = parse(NewUserBody, await jsonBody(c));
    try {
      const made = await addUser(deps.store, body.name, body.role, body.password);
      return c.json({ user: publicUser(made.user), password: made.generated ? made.password : undefined }, 201);
    } catch (e) {
      if (e instanceof AuthError) throw new HttpError(e.code === 'user.exists' ? 409 : 400, e.code, e.message);
      throw e;
    }
  });

  return r;
}
