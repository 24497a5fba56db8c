// Running `bin/rasid.js` as a child process, as a user would, and a throw-away PostgreSQL
// database per test so that parallel helpers and test runs never meet.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const rasidBin = fileURLToPath(new URL('../../bin/rasid.js', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startRasid(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd = repoRoot,
): { child: ChildProcess; done: Promise<RunResult>; stdout: () => string } {
  const child = spawn(process.execPath, [rasidBin, ...args], {
    cwd,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<RunResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stdout: () => stdout };
}

export function runRasid(args: string[], env: NodeJS.ProcessEnv = {}, cwd = repoRoot): Promise<RunResult> {
  return startRasid(args, env, cwd).done;
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 120_000,
  everyMs = 50,
): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const ADMIN_URL = process.env.RASID_TEST_PG ?? 'postgres://root@127.0.0.1:5432/test';

/** A fresh database, or null (with the reason) when no PostgreSQL server answers. */
export async function createTestDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> } | { skip: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    return {
      skip: `no PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${(e as { code?: string }).code ?? 'error'})`,
    };
  }
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
