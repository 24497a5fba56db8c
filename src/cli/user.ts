// `rasid user add|token|list`: accounts and API tokens for the review server.
import type { Command } from 'commander';
import { addUser, createApiToken } from '../auth/users.ts';
import { RasidError } from '../errors.ts';
import type { Role, Store } from '../store/types.ts';
import { buildConfig, dbOption, type Environment, type StoreLocation } from '../config.ts';
import { openStore } from '../store/open.ts';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];

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
      const made = await withStore(at(o), (s) => addUser(s, name, o.role as Role, o.password)).catch((e: unknown) => {
        const code = (e as { code?: string }).code;
        if (code?.startsWith('user.')) throw new RasidError(code, (e as Error).message);
        throw e;
      });
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
      const { token } = await withStore(at(o), (s) => createApiToken(s, name, o.label)).catch((e: unknown) => {
        const code = (e as { code?: string }).code;
        if (code?.startsWith('user.')) throw new RasidError(code, (e as Error).message);
        throw e;
      });
      process.stdout.write(`${token}\n`);
    });

  user
    .command('list')
    .description('list users and roles')
    .addOption(dbOption())
    .action(async (o: { db: string }) => {
      const users = await withStore(at(o), (s) => s.listUsers());
      for (const u of users) process.stdout.write(`${u.name}\t${u.role}\n`);
    });
}
