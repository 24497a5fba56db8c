// The web app in Debian's Chromium: sign in, filter, open an incident, see its highlighted spans,
// change a count, verify, find the change in the audit history; hostile report text stays inert;
// screenshots of the map and an incident page go to test-results/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/serve/app.ts';
import { PASSWORDS, type Seeded, XSS_SCRIPT, seedStore } from './seed.ts';

const CHROMIUM = '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WEB_ROOT = join(REPO, 'web', 'dist');
const RESULTS = join(REPO, 'test-results');
const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

describe('web app in Chromium', { skip }, () => {
  let s: Seeded;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  const cspErrors: string[] = [];

  before(async () => {
    if (!existsSync(join(WEB_ROOT, 'index.html'))) {
      const { build } = await import('vite');
      await build({ root: join(REPO, 'web'), configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn' });
    }
    s = await seedStore();
    const app = createApp({ store: s.store, webRoot: WEB_ROOT });
    server = await new Promise<ServerType>((resolve) => {
      const srv = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(srv));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // launch() gives the browser a fresh temporary profile of its own
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await s?.cleanup();
  });

  async function signedIn(locale = 'ar-SY', user: 'editor' | 'viewer' = 'editor'): Promise<Page> {
    const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(base + '/');
    await page.fill('input[name=name]', user);
    await page.fill('input[name=password]', PASSWORDS[user]);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=total]');
    return page;
  }

  test('sign in, filter, open an incident, edit a count, verify, read the audit history', async () => {
    const page = await signedIn();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.locator('table.incidents tbody tr').count(), 5);

    await page.selectOption('select[name=type]', 'execution');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('table.incidents tbody tr').length === 2);
    assert.match(page.url(), /type=execution/);

    await page.click(`a[href="/incidents/${s.incidents.execution}"]`);
    await page.waitForSelector('[data-testid=source-text] mark');
    const marks = await page.$$eval('[data-testid=source-text] mark', (ms) =>
      ms.map((m) => [m.getAttribute('data-field'), m.textContent]),
    );
    for (const [field, words] of [
      ['actor', 'تنظيم داعش'],
      ['count', 'ثلاثة'],
      ['location', 'مدينة الميادين'],
      ['method', 'رمياً بالرصاص'],
      ['accusation', 'التعامل مع التحالف الدولي'],
      ['attribution', 'بحسب ناشطين محليين'],
      ['time', 'يوم الجمعة 4 أيلول 2015'],
    ]) {
      assert.ok(
        marks.some(([f, w]) => f === field && w === words),
        `${field} highlights «${words}»`,
      );
    }
    // one colour per field
    const colours = await page.$$eval('.source-card .legend mark', (ms) =>
      ms.map((m) => getComputedStyle(m).backgroundColor),
    );
    assert.equal(new Set(colours).size, colours.length);

    await page.fill('input[name=count-killed]', '4');
    await page.fill('input[name=note]', 'checked against a second report');
    await page.click('[data-testid=save]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'معدَّل');
    await page.click('[data-testid=verify]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'موثَّق');
    // the page shows the new status before the history it fetches next
    await page.waitForFunction(() => /وثّق/.test(document.querySelector('[data-testid=history]')?.textContent ?? ''));

    const history = await page.textContent('[data-testid=history]');
    assert.match(history ?? '', /"value":3/);
    assert.match(history ?? '', /"value":4/);
    assert.match(history ?? '', /checked against a second report/);
    assert.match(history ?? '', /وثّق/);
    const stored = await s.store.getIncident(s.incidents.execution);
    assert.equal(stored!.counts.killed!.value, 4);
    assert.equal(stored!.status, 'verified');

    await page.screenshot({ path: join(RESULTS, 'incident.png'), fullPage: true });
    await page.context().close();
  });

  test('an incident from a PDF or scan shows the page of its evidence and the OCR warning', async () => {
    const page = await signedIn();
    await page.goto(`${base}/incidents/${s.incidents.arrests}`);
    await page.waitForSelector('[data-testid=pages]');
    const text = await page.textContent('[data-testid=pages]');
    assert.match(text ?? '', /ص (3|٣)/);
    assert.match(text ?? '', /صورة ممسوحة/);
    // an incident from a plain text has no page line
    await page.goto(`${base}/incidents/${s.incidents.enExecution}`);
    await page.waitForSelector('[data-testid=status]');
    assert.equal(await page.locator('[data-testid=pages]').count(), 0);
    await page.context().close();
  });

  test('the map draws the offline basemap and clustered markers', async () => {
    const page = await signedIn();
    await page.click('a[href="/map"]');
    // the basemap: country shapes drawn as SVG paths, from the bundle, with no network
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.leaflet-overlay-pane path')].filter(
          (p) => (p.getAttribute('d') ?? '').length > 100,
        ).length > 10,
    );
    await page.waitForSelector('[data-testid=map-total]');
    await page.waitForFunction(
      () => document.querySelectorAll('.leaflet-marker-pane .cluster, path.leaflet-interactive').length > 0,
    );
    const clusterText = await page.$$eval('.leaflet-marker-pane .cluster', (cs) => cs.map((c) => c.textContent));
    assert.ok(
      clusterText.some((t) => t === '٣' || t === '3'),
      `clusters: ${clusterText.join(',')}`,
    );
    assert.equal(await page.getAttribute('.map', 'dir'), 'ltr');
    await page.screenshot({ path: join(RESULTS, 'map.png') });
    await page.context().close();
  });

  test('hostile report text renders inert: no script runs, no markup is parsed, no javascript: link', async () => {
    const page = await signedIn('en-GB');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await page.goto(`${base}/incidents/${s.incidents.xss}`);
    await page.waitForSelector('[data-testid=source-text]');
    assert.ok((await page.textContent('[data-testid=source-text]'))!.includes(XSS_SCRIPT));
    await page.goto(`${base}/documents/${s.docs.xss}`);
    await page.waitForSelector('[data-testid=source-text]');
    await page.goto(`${base}/?type=abduction`);
    await page.waitForSelector('table.incidents tbody tr');
    await page.goto(`${base}/map`);
    await page.waitForSelector('[data-testid=map-total]');
    await page.goto(`${base}/documents/${s.docs.xss}`);
    await page.waitForSelector('[data-testid=source-text]');
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      scripts: [...document.scripts].map((x) => x.src),
      imgs: document.querySelectorAll('main img').length,
      jsLinks: [...document.querySelectorAll('a')].filter((a) => a.href.toLowerCase().startsWith('javascript:')).length,
      bold: document.querySelectorAll('main b').length,
    }));
    assert.equal(state.pwned, null);
    assert.ok(
      state.scripts.every((src) => src.startsWith(base)),
      state.scripts.join(' '),
    );
    assert.equal(state.imgs, 0);
    assert.equal(state.jsLinks, 0);
    assert.equal(state.bold, 0);
    await page.context().close();
  });

  test('an editor restricts an incident and sees it marked; a viewer neither lists nor opens it', async () => {
    const id = s.incidents.airStrike;
    const page = await signedIn('en-GB');
    await page.goto(`${base}/incidents/${id}`);
    await page.click('[data-testid=restrict]');
    await page.waitForSelector('h1 [data-testid=restricted-badge]');
    await page.waitForSelector('[data-testid=unrestrict]');
    await page.waitForFunction(() =>
      /restricted/.test(document.querySelector('[data-testid=history]')?.textContent ?? ''),
    );
    await page.goto(`${base}/?type=air_strike`);
    await page.waitForSelector('table.incidents tbody tr [data-testid=restricted-badge]');
    await page.screenshot({ path: join(RESULTS, 'restricted-list.png') });
    await page.context().close();
    assert.deepEqual((await s.store.getIncident(id))?.restricted, { incident: true, document: false });

    const viewer = await signedIn('en-GB', 'viewer');
    await viewer.waitForFunction(() => document.querySelectorAll('table.incidents tbody tr').length === 4);
    assert.equal(await viewer.locator(`a[href="/incidents/${id}"]`).count(), 0);
    assert.equal(await viewer.locator('[data-testid=restricted-badge]').count(), 0);
    await viewer.goto(`${base}/incidents/${id}`);
    await viewer.waitForSelector('p.error');
    assert.equal(await viewer.locator('[data-testid=restrict]').count(), 0);
    await viewer.context().close();
    await s.store.setIncidentRestricted(id, false, { userId: null });
  });

  test('no Content-Security-Policy violation while using the app', () => {
    assert.deepEqual(cspErrors, []);
  });
});
