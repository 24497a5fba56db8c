// User and token services shared by `rasid user` and the server.
import type { Role, Store, User } from '../store/types.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { generateToken, hashToken } from './tokens.ts';

export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

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
): Promise<{ user: User; password: string; generated: boolean }> {
  if (!NAME.test(name)) throw new AuthError('user.bad-name', 'user names are 1–64 letters, digits, . _ @ or -');
  if (!(role in ROLE_RANK)) throw new AuthError('user.bad-role', `role must be viewer, editor or admin, found "${role}"`);
  if (password !== undefined && password.length < 8) {
    throw new AuthError('user.weak-password', 'passwords need at least 8 characters');
  }
  if (await store.getUserByName(name)) throw new AuthError('user.exists', `user "${name}" already exists`);
  const generated = password === undefined;
  const pw = password ?? generatePassword();
  const user = await store.createUser(name, role, await hashPassword(pw));
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

export async function createApiToken(store: Store, userName: string, label = 'cli'): Promise<{ token: string; user: User }> {
  const user = await store.getUserByName(userName);
  if (!user) throw new AuthError('user.not-found', `no user named "${userName}"`);
  const token = generateToken();
  await store.createToken(user.id, label, hashToken(token));
  return { token, user };
}

export async function userForToken(store: Store, token: string): Promise<User | null> {
  const t = await store.findToken(hashToken(token));
  return t ? store.getUser(t.userId) : null;
}
