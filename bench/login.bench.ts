// Sign-in under a flood of distinct names (issue 12: past 10,000 keys every new key scanned the
// whole map and each request slowed ~6×). Measures, in one run on one machine:
// - the throttle alone: wait+fail for a few names, then for a flood of distinct names past its key cap;
// - POST /api/auth/login through the app (wrong passwords, so scrypt runs), for a few names, then
//   with the throttle already holding 200,000 distinct names and each request a new name.
// The flood's figure should stay within 2× of the normal one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginThrottle } from '../src/auth/rate-limit.ts';
import { addUser } from '../src/auth/users.ts';
import { createApp } from '../src/serve/app.ts';
import { openStore } from '../src/store/open.ts';

function throttleRate(names: (i: number) => string, n: number, t: LoginThrottle): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const addr = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    t.wait(addr, names(i));
    t.failed(addr, names(i));
  }
  return n / ((performance.now() - t0) / 1000);
}

const N = 400_000;
const normal = throttleRate((i) => `analyst${i % 10}`, N, new LoginThrottle());
const flood = throttleRate((i) => `flood-${i}`, N, new LoginThrottle());
console.log(`throttle, 10 names:          ${(normal / 1e6).toFixed(2)} M attempts/s`);
console.log(
  `throttle, ${N.toLocaleString('en')} new names: ${(flood / 1e6).toFixed(2)} M attempts/s (normal / flood = ${(normal / flood).toFixed(2)}; target < 2)`,
);

const dir = mkdtempSync(join(tmpdir(), 'rasid-login-bench-'));
const store = await openStore({ db: join(dir, 'b.db') });
try {
  await addUser(store, 'analyst', 'editor', 'the-right-password');
  const request = async (app: ReturnType<typeof createApp>, name: string, i: number) => {
    const r = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${(i >> 8) & 255}.${i & 255}` },
      body: JSON.stringify({ name, password: 'a-wrong-password' }),
    });
    await r.arrayBuffer();
  };
  const M = 200;
  const run = async (app: ReturnType<typeof createApp>, name: (i: number) => string) => {
    const t0 = performance.now();
    for (let i = 0; i < M; i++) await request(app, name(i), i);
    return M / ((performance.now() - t0) / 1000);
  };
  const plain = await run(createApp({ store, trustProxy: true }), (i) => `analyst${i % 10}`);
  const filled = new LoginThrottle();
  for (let i = 0; i < 200_000; i++) filled.failed(`172.16.${(i >> 8) & 255}.${i & 255}`, `flood-${i}`);
  const flooded = await run(createApp({ store, trustProxy: true, loginThrottle: filled }), (i) => `new-name-${i}`);
  console.log(`POST /api/auth/login, 10 names:                       ${plain.toFixed(1)} requests/s`);
  console.log(
    `POST /api/auth/login, throttle full, each a new name: ${flooded.toFixed(1)} requests/s (normal / flood = ${(plain / flooded).toFixed(2)}; target < 2)`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
