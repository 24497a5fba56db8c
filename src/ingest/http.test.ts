import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Fetcher } from './http.ts';

let server: Server;
let base: string;
const hanging = new Set<import('node:http').ServerResponse>();

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok') return res.end('<html><body><p>نص</p></body></html>');
    if (path === '/gzip') {
      res.setHeader('content-encoding', 'gzip');
      return res.end(gzipSync(Buffer.from('مضغوط '.repeat(100))));
    }
    if (path.startsWith('/hop/')) {
      const n = Number(path.slice(5));
      res.statusCode = 302;
      res.setHeader('location', n > 0 ? `/hop/${n - 1}` : '/ok');
      return res.end();
    }
    if (path === '/to-metadata') {
      res.statusCode = 301;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      return res.end();
    }
    if (path === '/tagged') {
      if (
        req.headers['if-none-match'] === '"v1"' ||
        req.headers['if-modified-since'] === 'Tue, 05 Jul 2016 08:00:00 GMT'
      ) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('etag', '"v1"');
      res.setHeader('last-modified', 'Tue, 05 Jul 2016 08:00:00 GMT');
      return res.end('<html><body><p>نص</p></body></html>');
    }
    if (path === '/missing') {
      res.statusCode = 404;
      return res.end('not here');
    }
    if (path === '/big') return res.end('x'.repeat(5000));
    if (path === '/big-chunked') {
      res.write('y'.repeat(3000));
      res.write('y'.repeat(3000));
      return res.end();
    }
    if (path === '/cut') {
      res.setHeader('content-length', '1000');
      // hang up once the first part has gone out
      return res.write('z'.repeat(100), () => setTimeout(() => res.socket?.destroy(), 20));
    }
    if (path === '/hang') {
      hanging.add(res);
      return;
    }
    res.statusCode = 500;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const r of hanging) r.destroy();
  server.close();
});

const open = (o: Partial<ConstructorParameters<typeof Fetcher>[0]> = {}) =>
  new Fetcher({ allowPrivate: true, hostDelayMs: 0, timeoutMs: 2000, maxBytes: 4096, ...o });
const code = (c: string) => (e: { code?: string }) => e.code === c;

test('fetches a page and follows redirects within the limit', async () => {
  const r = await open().fetch(`${base}/hop/3`);
  assert.equal(r.url, `${base}/ok`);
  assert.match(r.body.toString(), /نص/);
});

test('decompresses gzip', async () => {
  const r = await open().fetch(`${base}/gzip`);
  assert.match(r.body.toString(), /^مضغوط/);
});

test('too many redirects', () =>
  assert.rejects(open({ maxRedirects: 2 }).fetch(`${base}/hop/5`), code('fetch.redirects')));
test('HTTP 404 is fetch.status', () => assert.rejects(open().fetch(`${base}/missing`), code('fetch.status')));
test('declared size over the limit', () => assert.rejects(open().fetch(`${base}/big`), code('fetch.too-large')));
test('streamed size over the limit', () =>
  assert.rejects(open().fetch(`${base}/big-chunked`), code('fetch.too-large')));
test('connection closed before Content-Length', () =>
  assert.rejects(open().fetch(`${base}/cut`), code('fetch.truncated')));
test('no answer is fetch.timeout', () =>
  assert.rejects(open({ timeoutMs: 300 }).fetch(`${base}/hang`), code('fetch.timeout')));
test('only http and https', () => assert.rejects(open().fetch('file:///etc/passwd'), code('fetch.url')));

test('loopback refused without allowPrivate: literal, name and IPv6', async () => {
  const f = open({ allowPrivate: false });
  await assert.rejects(f.fetch(`${base}/ok`), code('fetch.private-address'));
  await assert.rejects(f.fetch(`${base.replace('127.0.0.1', 'localhost')}/ok`), code('fetch.private-address'));
  await assert.rejects(f.fetch('http://[::1]:9/'), code('fetch.private-address'));
  await assert.rejects(f.fetch('http://[::ffff:127.0.0.1]:9/'), code('fetch.private-address'));
});

test('every redirect hop is checked: a public-looking start cannot redirect inward', async () => {
  // the test server stands in for a public site: only its address is let through
  const f = open({ allowAddress: (ip) => ip === '127.0.0.1' });
  assert.equal((await f.fetch(`${base}/hop/1`)).url, `${base}/ok`);
  await assert.rejects(f.fetch(`${base}/to-metadata`), code('fetch.private-address'));
});

test('conditional requests: validators returned, 304 reported as not modified', async () => {
  const f = open();
  const first = await f.fetch(`${base}/tagged`);
  assert.deepEqual(
    [first.notModified, first.etag, first.lastModified],
    [false, '"v1"', 'Tue, 05 Jul 2016 08:00:00 GMT'],
  );
  assert.equal((await f.fetch(`${base}/tagged`, { etag: first.etag })).notModified, true);
  assert.equal((await f.fetch(`${base}/tagged`, { lastModified: first.lastModified })).notModified, true);
  assert.equal((await f.fetch(`${base}/tagged`, { etag: '"v0"' })).notModified, false);
});
