// User and token services shared by `rasid user` and the server.
import type { ApiToken, Role, Store, User } from '../store/types.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { generateToken, hashToken } from './tokens.ts';
import { RasidError } from '../errors.ts';

export class AuthError extends RasidError {}

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[needed];
}

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export async function addUser(
  store: Store,
  name: string,
  role: Role,
  password?: string,
  by: ActingUser = null,
): Promise<{ user: User; password: string; generated: boolean }> {
  if (!NAME.test(name)) throw new AuthError('user.bad-name', 'user names are 1–64 letters, digits, . _ @ or -');
  if (!(role in ROLE_RANK))
    throw new AuthError('user.bad-role', `role must be viewer, editor or admin, found "${role}"`);
  if (password !== undefined) checkPasswordRule(password);
  if (await store.getUserByName(name)) throw new AuthError('user.exists', `user "${name}" already exists`);
  const generated = password === undefined;
  const pw = password ?? generatePassword();
  const user = await store.createUser(name, role, await hashPassword(pw));
  await store.addAudit({ userId: by?.id ?? null, action: 'user.add', target: name, detail: role });
  return { user, password: pw, generated };
}

// Verifies against a fixed dummy hash when the user is unknown, so timing does not reveal which
// names exist.
let dummyHash: Promise<string> | null = null;

export async function checkPassword(store: Store, name: string, password: string): Promise<User | null> {
  const user = await store.getUserByName(name);
  if (!user) {
    dummyHash ??= hashPassword(generatePassword());
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/** who acts: an admin's user id over the API, null for the CLI on the server machine */
export type ActingUser = Pick<User, 'id'> | null;

export async function createApiToken(
  store: Store,
  userName: string,
  label = 'cli',
  by: ActingUser = null,
): Promise<{ token: string; user: User; id: string }> {
  const user = await mustFind(store, userName);
  const token = generateToken();
  const made = await store.createToken(user.id, label, hashToken(token));
  await store.addAudit({
    userId: by?.id ?? null,
    action: 'token.add',
    target: user.name,
    detail: `token ${made.id} (${label})`,
  });
  return { token, user, id: made.id };
}

async function mustFind(store: Store, name: string): Promise<User> {
  const user = await store.getUserByName(name);
  if (!user) throw new AuthError('user.not-found', `no user named "${name}"`);
  return user;
}

function checkPasswordRule(password: string): void {
  if (password.length < 8) throw new AuthError('user.weak-password', 'passwords need at least 8 characters');
}

/** A new password (generated when none is given); the user's sessions end. */
export async function changePassword(
  store: Store,
  name: string,
  password: string | undefined,
  by: ActingUser = null,
): Promise<{ user: User; password: string; generated: boolean }> {
  const user = await mustFind(store, name);
  if (password !== undefined) checkPasswordRule(password);
  const pw = password ?? generatePassword();
  const updated = await store.updateUser(user.id, { passwordHash: await hashPassword(pw) });
  await store.addAudit({ userId: by?.id ?? null, action: 'user.password', target: user.name, detail: null });
  return { user: updated, password: pw, generated: password === undefined };
}

// The last admin who can sign in cannot be demoted or disabled: nobody could manage accounts after.
async function keepAnAdmin(store: Store, user: User): Promise<void> {
  if (user.role !== 'admin' || user.disabled) return;
  const others = (await store.listUsers()).filter((u) => u.id !== user.id && u.role === 'admin' && !u.disabled);
  if (!others.length) throw new AuthError('user.last-admin', `"${user.name}" is the last active admin`);
}

export async function setRole(store: Store, name: string, role: Role, by: ActingUser = null): Promise<User> {
  if (!(role in ROLE_RANK))
    throw new AuthError('user.bad-role', `role must be viewer, editor or admin, found "${role}"`);
  const user = await mustFind(store, name);
  if (user.role === role) return user;
  if (role !== 'admin') await keepAnAdmin(store, user);
  const updated = await store.updateUser(user.id, { role });
  await store.addAudit({
    userId: by?.id ?? null,
    action: 'user.role',
    target: user.name,
    detail: `${user.role} -> ${role}`,
  });
  return updated;
}

/** Disabling ends the user's sessions and stops their tokens (kept, so enabling brings them back). */
export async function setDisabled(store: Store, name: string, disabled: boolean, by: ActingUser = null): Promise<User> {
  const user = await mustFind(store, name);
  if (Boolean(user.disabled) === disabled) return user;
  if (disabled) await keepAnAdmin(store, user);
  const updated = await store.updateUser(user.id, { disabled });
  await store.addAudit({
    userId: by?.id ?? null,
    action: disabled ? 'user.disable' : 'user.enable',
    target: user.name,
    detail: null,
  });
  return updated;
}

export interface TokenView {
  id: string;
  user: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Tokens with their owners' names; never the hashes. */
export async function listApiTokens(store: Store, userName?: string): Promise<TokenView[]> {
  const users = new Map((await store.listUsers()).map((u) => [u.id, u.name]));
  const owner = userName === undefined ? undefined : await mustFind(store, userName);
  const tokens: ApiToken[] = await store.listTokens(owner?.id);
  return tokens.map((t) => ({
    id: t.id,
    user: users.get(t.userId) ?? t.userId,
    name: t.name,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
  }));
}

export async function revokeApiToken(store: Store, id: string, by: ActingUser = null): Promise<void> {
  const owner = (await listApiTokens(store)).find((t) => t.id === id);
  if (!owner || !(await store.revokeToken(id))) throw new AuthError('token.not-found', `no API token ${id}`);
  await store.addAudit({
    userId: by?.id ?? null,
    action: 'token.revoke',
    target: owner.user,
    detail: `token ${id} (${owner.name})`,
  });
}

export async function userForToken(store: Store, token: string): Promise<User | null> {
  const t = await store.findToken(hashToken(token));
  const user = t ? await store.getUser(t.userId) : null;
  return user && !user.disabled ? user : null;
}
