// `rasid serve`: composition root of the review server. Builds the config from options and the
// environment, opens the
// store, makes the first admin when there is none, and serves the API and the built web app.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { addUser } from '../auth/users.ts';
import { RasidError } from '../errors.ts';
import { createApp } from '../serve/app.ts';
import { buildConfig, dbOption, DEFAULT_DB_FILE, type Environment } from '../config.ts';
import { openStore } from '../store/open.ts';

interface ServeOptions {
  port: string;
  host: string;
  db: string;
  publicRead?: boolean;
  trustProxy?: boolean;
  tileUrl?: string;
  quiet?: boolean;
}

const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export function registerServe(cmd: Command, env: Environment): void {
  cmd
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(dbOption())
    .option('--public-read', 'let anonymous visitors read (never write)')
    .option(
      '--trust-proxy',
      'behind a TLS-terminating reverse proxy: trust its X-Forwarded-Proto/-For (Secure cookies, client addresses)',
    )
    .option('--tile-url <url>', 'online tile layer, e.g. https://tile.example.org/{z}/{x}/{y}.png')
    .option('--quiet', 'no request log')
    .action(async (o: ServeOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new RasidError('serve.bad-port', `--port must be 0–65535, found "${o.port}"`);
      }
      if (o.tileUrl && !/^https?:\/\/[^/\s]+\/\S*\{z\}\S*$/.test(o.tileUrl)) {
        throw new RasidError('serve.bad-tile-url', '--tile-url must be an http(s) URL containing {z}, {x} and {y}');
      }
      const location = buildConfig(o, env).store;
      const store = await openStore(location);
      if ((await store.listUsers()).length === 0) {
        const made = await addUser(store, 'admin', 'admin');
        const where = location.kind === 'sqlite' && location.db !== DEFAULT_DB_FILE ? ` --db ${location.db}` : '';
        process.stdout.write(
          `first account: admin / ${made.password}  (change it with: rasid user passwd admin${where})\n`,
        );
      }
      const webRoot = existsSync(WEB_ROOT) ? WEB_ROOT : null;
      if (!webRoot) process.stderr.write('rasid serve: web app not built (npm run build:web); serving the API only\n');
      // build the map's in-memory index now, in the background, so the first map view need not wait
      const t0 = performance.now();
      store
        .warmMapIndex()
        .then(() =>
          process.stderr.write(`rasid serve: map index ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`),
        )
        .catch((e: unknown) =>
          process.stderr.write(`rasid serve: map index failed [${(e as { code?: string }).code ?? 'error'}]\n`),
        );
      const app = createApp({
        store,
        publicRead: Boolean(o.publicRead),
        trustProxy: Boolean(o.trustProxy),
        tileUrl: o.tileUrl ?? null,
        webRoot,
        log: o.quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
      });
      const server = serve({ fetch: app.fetch, port, hostname: o.host }, (info) => {
        const host = info.address.includes(':') ? `[${info.address}]` : info.address;
        process.stdout.write(`Rasid review app: http://${host}:${info.port}/\n`);
      });
      const stop = () => {
        server.close(() => void store.close().then(() => process.exit(0)));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
