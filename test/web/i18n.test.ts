// The two message files say the same things: same keys, same placeholders, and no Arabic string
// left as its English original unless allow-listed. The UI's lists come from these files, so
// they must equal the contract's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { COUNT_KEYS, INCIDENT_TYPES } from '../../src/schema.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${name}`, import.meta.url), 'utf8'));
const ar: Record<string, string> = read('ar.json');
const en: Record<string, string> = read('en.json');
const allowIdentical: string[] = read('allow-identical.json');

test('Arabic and English message files have the same keys', () => {
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
});

test('every message uses the same placeholders in both languages', () => {
  const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(en)) assert.deepEqual(vars(ar[k]!), vars(en[k]!), k);
});

test('no Arabic message is an untranslated copy of the English one', () => {
  const same = Object.keys(en).filter((k) => ar[k] === en[k] && !allowIdentical.includes(k));
  assert.deepEqual(same, []);
  // and the Arabic messages are Arabic: each has at least one Arabic letter (allow-listed ones aside)
  const latinOnly = Object.keys(ar).filter(
    (k) => !/[\u0600-\u06FF]/.test(ar[k]!) && !allowIdentical.includes(k) && k !== 'nav.language',
  );
  assert.deepEqual(latinOnly, []);
});

test('the allow-list only names keys that exist', () => {
  for (const k of allowIdentical) assert.ok(k in en, k);
});

test('incident types and count keys in the UI are exactly the contract’s', () => {
  const keys = (prefix: string) =>
    Object.keys(en)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  assert.deepEqual(keys('type.'), [...INCIDENT_TYPES]);
  assert.deepEqual(keys('count.'), [...COUNT_KEYS]);
});
