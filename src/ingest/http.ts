// Fetching a URL politely and safely. Built on node:http/https rather than fetch() because the
// address check has to sit in the connection's own DNS lookup: checking a name first and letting
// fetch resolve it again would let a hostile DNS server answer "public" to the check and
// "127.0.0.1" to the connection (DNS rebinding). Every redirect hop goes through the same check.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RasidError } from '../errors.ts';
import { isNonPublicAddress } from './address-guard.ts';

export interface FetchOptions {
  /** connect to private, loopback and link-local addresses (tests, intranet sources) */
  allowPrivate: boolean;
  /** finer than allowPrivate: decides for each resolved address (an intranet allow-list) */
  allowAddress?: (ip: string) => boolean;
  /** whole request, redirects included */
  timeoutMs: number;
  /** body limit after decompression */
  maxBytes: number;
  maxRedirects: number;
  /** pause between two requests to one host */
  hostDelayMs: number;
  userAgent: string;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  allowPrivate: false,
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  hostDelayMs: 500,
  userAgent: 'rasid/0.1 (+https://github.com/rasid; incident documentation)',
};

export interface FetchedResource {
  /** final URL after redirects */
  url: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  /** validators for the next conditional request */
  etag: string | null;
  lastModified: string | null;
  /** the server answered 304 to a conditional request: what we have is current */
  notModified: boolean;
}

/** What an earlier fetch of the URL returned, for If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

const ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5';

type HopResult = {
  status: number;
  redirect?: string;
  contentType: string | null;
  body?: Buffer;
  etag: string | null;
  lastModified: string | null;
};

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function fail(code: string, message: string): RasidError {
  return new RasidError(code, message);
}

export class Fetcher {
  private readonly opts: FetchOptions;
  private readonly nextSlot = new Map<string, number>();

  constructor(opts: Partial<FetchOptions> = {}) {
    this.opts = { ...DEFAULT_FETCH_OPTIONS, ...opts };
  }

  private allowed(ip: string): boolean {
    if (this.opts.allowAddress) return this.opts.allowAddress(ip);
    return this.opts.allowPrivate || !isNonPublicAddress(ip);
  }

  async fetch(url: string, validators: Validators = {}): Promise<FetchedResource> {
    const deadline = Date.now() + this.opts.timeoutMs;
    let current = parseHttpUrl(url);
    for (let hop = 0; ; hop++) {
      await this.waitTurn(current.host);
      // validators belong to the URL we fetched before, so only the first hop carries them
      const conditional: Record<string, string> = {};
      if (hop === 0 && validators.etag) conditional['if-none-match'] = validators.etag;
      if (hop === 0 && validators.lastModified) conditional['if-modified-since'] = validators.lastModified;
      const res = await this.request(current, conditional, deadline);
      if (res.status === 304) {
        return {
          url: current.href,
          status: 304,
          contentType: res.contentType,
          body: Buffer.alloc(0),
          etag: res.etag,
          lastModified: res.lastModified,
          notModified: true,
        };
      }
      if (res.redirect) {
        if (hop >= this.opts.maxRedirects)
          throw fail('fetch.redirects', `more than ${this.opts.maxRedirects} redirects`);
        current = parseHttpUrl(new URL(res.redirect, current).href);
        continue;
      }
      return {
        url: current.href,
        status: res.status,
        contentType: res.contentType,
        body: res.body!,
        etag: res.etag,
        lastModified: res.lastModified,
        notModified: false,
      };
    }
  }

  private async waitTurn(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, at + this.opts.hostDelayMs);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  private checkedLookup = (hostname: string, options: { all?: boolean; family?: number }, cb: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return cb(err, '', 0);
      // refuse when any answer is non-public: a round-robin mixing public and private is an attack
      const bad = addresses.find((a) => !this.allowed(a.address));
      if (bad) {
        return cb(
          fail(
            'fetch.private-address',
            `${hostname} resolves to a non-public address (${bad.address}); pass --allow-private to permit`,
          ),
          '',
          0,
        );
      }
      if (options.all) cb(null, addresses);
      // a lookup that succeeds has at least one answer (none is the error ENOTFOUND)
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

  private request(url: URL, conditional: Record<string, string>, deadline: number): Promise<HopResult> {
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !this.allowed(literal)) {
      return Promise.reject(
        fail('fetch.private-address', `${literal} is a non-public address; pass --allow-private to permit`),
      );
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(fail('fetch.timeout', `no answer within ${this.opts.timeoutMs} ms`));
    const { maxBytes } = this.opts;
    return new Promise((resolve, reject) => {
      let settled = false;
      let responded = false;
      const done = (err: Error | null, value?: HopResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          req.destroy();
          reject(err);
        } else resolve(value!);
      };
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(
        url,
        {
          method: 'GET',
          headers: {
            'user-agent': this.opts.userAgent,
            accept: ACCEPT,
            'accept-encoding': 'gzip, deflate, br',
            ...conditional,
          },
          lookup: this.checkedLookup as unknown as typeof dnsLookup,
          agent: false,
        },
        (res) => {
          responded = true;
          const status = res.statusCode ?? 0;
          const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : null;
          const etag = typeof res.headers.etag === 'string' ? res.headers.etag : null;
          const lastModified = typeof res.headers['last-modified'] === 'string' ? res.headers['last-modified'] : null;
          if (status === 304) {
            res.resume();
            return done(null, { status, contentType, etag, lastModified });
          }
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            return done(null, { status, redirect: res.headers.location, contentType, etag, lastModified });
          }
          if (status < 200 || status >= 300) {
            res.resume();
            return done(fail('fetch.status', `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
          }
          const declared = Number(res.headers['content-length'] ?? NaN);
          if (Number.isFinite(declared) && declared > maxBytes && !res.headers['content-encoding']) {
            res.destroy();
            return done(fail('fetch.too-large', `${declared} bytes is over the ${maxBytes}-byte limit`));
          }
          let stream: Readable = res;
          const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
          if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
          else if (encoding === 'deflate') stream = res.pipe(createInflate());
          else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              done(fail('fetch.too-large', `body is over the ${maxBytes}-byte limit`));
              res.destroy();
              stream.destroy();
              return;
            }
            chunks.push(chunk);
          });
          // the server closed before sending what Content-Length promised: a cut-off page
          res.on('aborted', () => done(fail('fetch.truncated', 'the connection closed before the whole body arrived')));
          stream.on('error', (e: NodeJS.ErrnoException) =>
            done(
              e.code === 'ECONNRESET' || e.message === 'aborted'
                ? fail('fetch.truncated', 'the connection closed before the whole body arrived')
                : fail('fetch.decode', `cannot decode the ${encoding || 'response'} body (${e.code ?? 'error'})`),
            ),
          );
          stream.on('end', () => {
            if (!res.complete)
              return done(fail('fetch.truncated', 'the connection closed before the whole body arrived'));
            done(null, { status, contentType, body: Buffer.concat(chunks), etag, lastModified });
          });
        },
      );
      const timer = setTimeout(
        () => done(fail('fetch.timeout', `no answer within ${this.opts.timeoutMs} ms`)),
        remaining,
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof RasidError) return done(e);
        const code = e.code ?? 'error';
        if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
          return done(fail('fetch.dns', `${url.hostname} cannot be resolved (${code})`));
        // the server hung up after it began answering: a cut-off body
        if (responded)
          return done(fail('fetch.truncated', `the connection closed before the whole body arrived (${code})`));
        done(fail('fetch.network', `connection failed (${code})`));
      });
      req.end();
    });
  }
}

export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('fetch.url', `not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fail('fetch.url', `only http and https URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw fail('fetch.url', 'URLs with credentials are refused');
  url.hash = '';
  return url;
}
