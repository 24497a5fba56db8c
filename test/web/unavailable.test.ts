// The database going away under a running server (restart, failover, a dropped network): requests
// answer 503 with Retry-After, never a 500, and work again as soon as the database is back. The
// database is the real PostgreSQL server, reached through a TCP relay the test can cut and restore.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createApp } from '../../src/serve/app.ts';
import { unavailableReason } from '../../src/store/errors.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';
import { backends } from './seed.ts';

const PG_URL = new URL(process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test');
const skip = (await backends()).find((b) => b.backend === 'postgres')!.skip;

/** A relay from a local port to the PostgreSQL server that can be cut (every connection dropped) and restored. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(Number(PG_URL.port || 5432), PG_URL.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(): string {
    const u = new URL(PG_URL);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

describe('the database going away', { skip }, () => {
  const relay = new Relay();
  const schema = `rasid_unavail_${randomBytes(6).toString('hex')}`;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const log: string[] = [];

  before(async () => {
    await relay.open();
    store = await openStore({ databaseUrl: relay.url(), schema });
    app = createApp({ store, publicRead: true, log: (l) => log.push(l) });
  });

  after(async () => {
    await relay.cut();
    await store.close().catch(() => undefined);
    const c = new pg.Client({ connectionString: PG_URL.toString() });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('answers 503 with Retry-After while it is gone, and 200 again once it is back', async () => {
    assert.equal((await app.request('/api/incidents')).status, 200);

    await relay.cut();
    const down = await app.request('/api/incidents');
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    const body = (await down.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'store.unavailable');
    // neither the connection string nor the driver's message reaches the client
    assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|ECONNREFUSED|postgres:/);
    assert.ok(
      log.some((l) => l.startsWith('unavailable GET /api/incidents')),
      log.join('\n'),
    );

    await relay.open(); // the same port: the pool reconnects on the next request
    assert.equal((await app.request('/api/incidents')).status, 200);
  });

  it('classifies a connection lost in the middle of a query as unavailable', async () => {
    await relay.open();
    const c = new pg.Client({ connectionString: relay.url() });
    c.on('error', () => undefined);
    await c.connect();
    const query = c.query('SELECT pg_sleep(30)').then(
      () => null,
      (err: unknown) => err,
    );
    await new Promise((r) => setTimeout(r, 200));
    await relay.cut();
    const err = await query;
    assert.ok(err instanceof Error, 'the query should have failed');
    assert.ok(unavailableReason(err), `not classified as unavailable: ${(err as Error).message}`);
    await c.end().catch(() => undefined);
  });
});

describe('unavailableReason', () => {
  it('names SQLSTATEs and socket errors of an unreachable server', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    assert.equal(unavailableReason(coded('57P01')), '57P01'); // admin shutdown
    assert.equal(unavailableReason(coded('08006')), '08006'); // connection failure
    assert.equal(unavailableReason(coded('53300')), '53300'); // too many connections
    assert.equal(unavailableReason(coded('ECONNREFUSED')), 'ECONNREFUSED');
    assert.equal(unavailableReason(new AggregateError([coded('ECONNREFUSED')], 'x')), 'ECONNREFUSED');
  });

  it('leaves errors of the request or the data alone', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    assert.equal(unavailableReason(coded('23505')), null); // unique violation
    assert.equal(unavailableReason(coded('42P01')), null); // undefined table: a bug, a 500
    assert.equal(unavailableReason(new Error('Cannot read properties of undefined')), null);
    assert.equal(unavailableReason('Connection terminated'), null);
  });
});
