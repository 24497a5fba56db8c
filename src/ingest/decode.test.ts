import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBody } from './decode.ts';

// «قصف سوق» in windows-1256, the charset older Arabic news sites still serve
const CP1256 = Uint8Array.from([0xde, 0xd5, 0xdd, 0x20, 0xd3, 0xe6, 0xde]);
const code = (c: string) => (e: { code?: string }) => e.code === c;

test('the charset from the Content-Type header', () => {
  assert.equal(decodeBody(CP1256, 'text/html; charset=windows-1256', 'x', 1000), 'قصف سوق');
});

test('the charset from <meta charset> when the header has none', () => {
  const html = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1256"></head><body>'),
    CP1256,
    Buffer.from('</body></html>'),
  ]);
  assert.match(decodeBody(html, 'text/html', 'x', 1000), /قصف سوق/);
});

test('UTF-8 by default, refusing invalid bytes', () => {
  assert.equal(decodeBody(Buffer.from('قصف سوق'), 'text/html', 'x', 1000), 'قصف سوق');
  assert.throws(() => decodeBody(CP1256, 'text/html', 'x', 1000), code('input.encoding'));
});

test('binary content types, NUL bytes, unknown charsets and empty bodies are refused', () => {
  assert.throws(() => decodeBody(Buffer.from('GIF89a'), 'image/gif', 'x', 1000), code('input.binary'));
  assert.throws(() => decodeBody(Buffer.from('%PDF-1.4'), 'application/pdf', 'x', 1000), code('input.binary'));
  assert.throws(
    () => decodeBody(Uint8Array.from([0x41, 0, 0x42]), 'text/plain; charset=windows-1256', 'x', 1000),
    code('input.binary'),
  );
  assert.throws(() => decodeBody(CP1256, 'text/plain; charset=klingon-8', 'x', 1000), code('input.encoding'));
  assert.throws(() => decodeBody(new Uint8Array(0), 'text/html', 'x', 1000), code('input.empty'));
});
