// Access management over the API, on both backends: an admin changes a password or a role,
// disables an account and revokes a token, each audited; nobody else can; sessions are kept in
// the store, so a server restart (a new app on the same store) keeps analysts signed in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '../../src/auth/users.ts';
import { createApp } from '../../src/serve/app.ts';
import { openStore } from '../../src/store/open.ts';
import { type Client, anon, call, login } from './http.ts';
import { PASSWORDS, type Seeded, backends, seedStore } from './seed.ts';

for (const { backend, skip } of await backends()) {
  describe(backend, { skip }, () => {
    let s: Seeded;
    let app: ReturnType<typeof createApp>;
    let admin: Client;
    let editor: Client;

    before(async () => {
      s = await seedStore(backend);
      app = createApp({ store: s.store });
      admin = await login(app, 'admin', PASSWORDS.admin);
      editor = await login(app, 'editor', PASSWORDS.editor);
    });
    after(async () => s.cleanup());

    test('a restart keeps analysts signed in: the session is in the store, not in the process', async () => {
      const restarted = createApp({ store: s.store });
      const me = await call(restarted, editor, 'GET', '/api/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.name, 'editor');
      assert.equal(me.body.csrf, editor.csrf);
      // and a write with the same CSRF token goes through on the new process
      const w = await call(restarted, editor, 'POST', `/api/incidents/${s.incidents.enExecution}/verify`, {});
      assert.equal(w.status, 200);
      if (backend === 'sqlite') {
        // the store itself closed and opened again, as after a real restart
        const reopened = await openStore({ db: s.file });
        try {
          const r = await call(createApp({ store: reopened }), editor, 'GET', '/api/me');
          assert.equal(r.body.user?.name, 'editor');
        } finally {
          await reopened.close();
        }
      }
      const out = await call(restarted, editor, 'POST', '/api/auth/logout', {});
      assert.equal(out.status, 200);
      assert.equal((await call(app, editor, 'GET', '/api/me')).status, 401, 'signed out on every process');
      editor = await login(app, 'editor', PASSWORDS.editor);
    });

    test('an admin changes a password: the old one stops working and the user is signed out', async () => {
      await call(app, admin, 'POST', '/api/users', { name: 'pw-user', role: 'viewer', password: 'first-pass-1' });
      const user = await login(app, 'pw-user', 'first-pass-1');
      const r = await call(app, admin, 'PATCH', '/api/users/pw-user', { password: 'second-pass-2' });
      assert.equal(r.status, 200);
      assert.equal((await call(app, user, 'GET', '/api/me')).status, 401);
      assert.equal(
        (await call(app, anon, 'POST', '/api/auth/login', { name: 'pw-user', password: 'first-pass-1' })).status,
        401,
      );
      await login(app, 'pw-user', 'second-pass-2');
    });

    test('an admin changes a role; the last active admin cannot be demoted', async () => {
      await call(app, admin, 'POST', '/api/users', { name: 'role-user', role: 'viewer', password: 'role-pass-1' });
      const user = await login(app, 'role-user', 'role-pass-1');
      const id = s.incidents.arrests;
      assert.equal((await call(app, user, 'POST', `/api/incidents/${id}/reject`, {})).status, 403);
      assert.equal(
        (await call(app, admin, 'PATCH', '/api/users/role-user', { role: 'editor' })).body.user.role,
        'editor',
      );
      assert.equal((await call(app, user, 'POST', `/api/incidents/${id}/reject`, {})).status, 200);
      const last = await call(app, admin, 'PATCH', '/api/users/admin', { role: 'viewer' });
      assert.equal(last.status, 409);
      assert.equal(last.body.error.code, 'user.last-admin');
    });

    test('an admin disables an account: no sign-in, sessions and tokens refused; enabling brings it back', async () => {
      await call(app, admin, 'POST', '/api/users', { name: 'gone-user', role: 'editor', password: 'gone-pass-1' });
      const user = await login(app, 'gone-user', 'gone-pass-1');
      const { token } = await createApiToken(s.store, 'gone-user', 'script');
      const bearer: Client = { cookie: null, csrf: null, token };
      assert.equal((await call(app, bearer, 'GET', '/api/incidents')).status, 200);
      assert.equal(
        (await call(app, admin, 'PATCH', '/api/users/gone-user', { disabled: true })).body.user.disabled,
        true,
      );
      assert.equal((await call(app, user, 'GET', '/api/me')).status, 401);
      assert.equal((await call(app, bearer, 'GET', '/api/incidents')).status, 401);
      const denied = await call(app, anon, 'POST', '/api/auth/login', { name: 'gone-user', password: 'gone-pass-1' });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'auth.disabled');
      await call(app, admin, 'PATCH', '/api/users/gone-user', { disabled: false });
      assert.equal((await call(app, bearer, 'GET', '/api/incidents')).status, 200);
    });

    test('an admin lists and revokes API tokens; the secret never comes back; a revoked token is refused', async () => {
      const { token, id } = await createApiToken(s.store, 'editor', 'nightly-export');
      const bearer: Client = { cookie: null, csrf: null, token };
      const list = await call(app, admin, 'GET', '/api/tokens?user=editor');
      assert.equal(list.status, 200);
      const row = list.body.items.find((t: { id: string }) => t.id === id);
      assert.deepEqual([row.user, row.name], ['editor', 'nightly-export']);
      assert.ok(!JSON.stringify(list.body).includes(token.slice(4)) && !('tokenHash' in row));
      assert.equal((await call(app, bearer, 'GET', '/api/incidents')).status, 200);
      assert.equal((await call(app, admin, 'DELETE', `/api/tokens/${id}`)).status, 200);
      assert.equal((await call(app, bearer, 'GET', '/api/incidents')).status, 401);
      assert.equal((await call(app, admin, 'DELETE', `/api/tokens/${id}`)).status, 404);
    });

    test('only admins manage access (403 for an editor), writes need the CSRF token, and every change is audited', async () => {
      for (const [method, path, body] of [
        ['PATCH', '/api/users/viewer', { role: 'admin' }],
        ['DELETE', '/api/tokens/1', undefined],
        ['GET', '/api/tokens', undefined],
        ['GET', '/api/audit', undefined],
      ] as const) {
        const r = await call(app, editor, method, path, body);
        assert.equal(r.status, 403, `${method} ${path}`);
      }
      assert.equal(
        (await call(app, admin, 'PATCH', '/api/users/viewer', { role: 'editor' }, { csrf: false })).status,
        403,
      );
      const audit = await call(app, admin, 'GET', '/api/audit');
      const actions = audit.body.items.map((e: { action: string; target: string }) => `${e.action} ${e.target}`);
      for (const a of [
        'user.password pw-user',
        'user.role role-user',
        'user.disable gone-user',
        'user.enable gone-user',
        'token.revoke editor',
      ])
        assert.ok(actions.includes(a), a);
      const adminId = (await s.store.getUserByName('admin'))!.id;
      assert.ok(
        audit.body.items
          .filter((e: { action: string }) => e.action === 'user.role')
          .every((e: { userId: string }) => e.userId === adminId),
      );
    });
  });
}
