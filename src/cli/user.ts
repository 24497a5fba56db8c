// `rasid user add|passwd|role|disable|enable|list|token|tokens|revoke`: accounts and API tokens for
// the review server. Every change is audited (the CLI acts as no user: it runs on the server machine).
import type { Command } from 'commander';
import {
  addUser,
  changePassword,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  setDisabled,
  setRole,
} from '../auth/users.ts';
import { RasidError } from '../errors.ts';
import type { Role, Store } from '../store/types.ts';
import { buildConfig, dbOption, type Environment, type StoreLocation } from '../config.ts';
import { openStore } from '../store/open.ts';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];

// account errors carry user.* / token.* codes: bad input, exit 2 with the code
async function withStore<T>(location: StoreLocation, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function registerUser(user: Command, env: Environment): void {
  const at = (o: { db: string }) => buildConfig(o, env).store;

  user
    .command('add')
    .description('create a user; without --password one is generated and printed once')
    .argument('<name>')
    .option('--role <role>', 'viewer, editor or admin', 'viewer')
    .option('--password <password>', 'the password (at least 8 characters)')
    .addOption(dbOption())
    .action(async (name: string, o: { role: string; password?: string; db: string }) => {
      if (!ROLES.includes(o.role as Role)) {
        throw new RasidError('user.bad-role', `--role must be viewer, editor or admin, found "${o.role}"`);
      }
      const made = await withStore(at(o), (s) => addUser(s, name, o.role as Role, o.password));
      process.stdout.write(`user ${made.user.name} (${made.user.role}) created\n`);
      if (made.generated) process.stdout.write(`password: ${made.password}\n`);
    });

  user
    .command('token')
    .description('create an API token for scripts (sent as Authorization: Bearer); printed once')
    .argument('<name>')
    .option('--label <label>', 'what the token is for', 'cli')
    .addOption(dbOption())
    .action(async (name: string, o: { label: string; db: string }) => {
      const { token } = await withStore(at(o), (s) => createApiToken(s, name, o.label));
      process.stdout.write(`${token}\n`);
    });

  user
    .command('passwd')
    .description("set a user's password; without --password one is generated and printed once; their sessions end")
    .argument('<name>')
    .option('--password <password>', 'the new password (at least 8 characters)')
    .addOption(dbOption())
    .action(async (name: string, o: { password?: string; db: string }) => {
      const r = await withStore(at(o), (s) => changePassword(s, name, o.password));
      process.stdout.write(`password of ${r.user.name} changed\n`);
      if (r.generated) process.stdout.write(`password: ${r.password}\n`);
    });

  user
    .command('role')
    .description("change a user's role")
    .argument('<name>')
    .argument('<role>', 'viewer, editor or admin')
    .addOption(dbOption())
    .action(async (name: string, role: string, o: { db: string }) => {
      if (!ROLES.includes(role as Role))
        throw new RasidError('user.bad-role', `role must be viewer, editor or admin, found "${role}"`);
      const u = await withStore(at(o), (s) => setRole(s, name, role as Role));
      process.stdout.write(`user ${u.name} is now ${u.role}\n`);
    });

  for (const [cmd, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(cmd)
      .description(
        disabled
          ? 'disable an account: no sign-in, its sessions end, its tokens stop working'
          : 'enable a disabled account again',
      )
      .argument('<name>')
      .addOption(dbOption())
      .action(async (name: string, o: { db: string }) => {
        const u = await withStore(at(o), (s) => setDisabled(s, name, disabled));
        process.stdout.write(`user ${u.name} ${u.disabled ? 'disabled' : 'enabled'}\n`);
      });
  }

  user
    .command('tokens')
    .description("list API tokens (all, or one user's): id, user, label, created, last used")
    .argument('[name]')
    .addOption(dbOption())
    .action(async (name: string | undefined, o: { db: string }) => {
      const tokens = await withStore(at(o), (s) => listApiTokens(s, name));
      for (const t of tokens)
        process.stdout.write(`${t.id}\t${t.user}\t${t.name}\t${t.createdAt}\t${t.lastUsedAt ?? '-'}\n`);
    });

  user
    .command('revoke')
    .description('revoke an API token by its id (see `rasid user tokens`)')
    .argument('<id>')
    .addOption(dbOption())
    .action(async (id: string, o: { db: string }) => {
      await withStore(at(o), (s) => revokeApiToken(s, id));
      process.stdout.write(`token ${id} revoked\n`);
    });

  user
    .command('list')
    .description('list users and roles')
    .addOption(dbOption())
    .action(async (o: { db: string }) => {
      const users = await withStore(at(o), (s) => s.listUsers());
      for (const u of users) process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
    });
}
