import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNEL_EXPORT } from '../../test/formats/telegram-export.ts';
import { looksLikeTelegramExport, parseTelegramExport } from './telegram.ts';

test('a channel export becomes one document per message with text', () => {
  const exp = parseTelegramExport(CHANNEL_EXPORT, 'result.json', { username: 'rasd_sharqiya' });
  assert.equal(exp.empty, 2, 'the service message and the photo without caption');
  const docs = exp.messages.map((m) => m.doc!);
  assert.deepEqual(
    docs.map((d) => [d.url, d.published, d.sourceKey]),
    [
      ['https://t.me/rasd_sharqiya/2', '2021-03-12', 'telegram:1780001234/2'],
      ['https://t.me/rasd_sharqiya/3', '2021-03-13', 'telegram:1780001234/3'],
      ['https://t.me/rasd_sharqiya/4', '2021-03-14', 'telegram:1780001234/4'],
    ],
  );
  assert.equal(
    docs[1]!.text,
    'عاجل: قصفت قوات النظام بلدة كفرنبل بالبراميل المتفجرة، ما أدى إلى مقتل خمسة مدنيين. #إدلب',
  );
  assert.equal(docs[1]!.edited, true);
  assert.match(docs[2]!.text, /^Unidentified gunmen abducted .* Details$/);
  assert.equal(docs[2]!.title, 'شبكة رصد الشرقية (forwarded from Deir ez-Zor Monitor)');
});

test('without the channel username, the members link t.me/c/<id>/<message>', () => {
  const exp = parseTelegramExport(CHANNEL_EXPORT, 'result.json');
  assert.equal(exp.messages[0]!.doc!.url, 'https://t.me/c/1780001234/2');
});

test('JSON that is not a Telegram export is named as such; a bad message fails alone', () => {
  assert.equal(looksLikeTelegramExport({ text: 'x' }), false);
  assert.throws(
    () => parseTelegramExport({ name: 'x', messages: 'none' }, 'other.json'),
    (e: Error & { code?: string }) =>
      e.code === 'input.telegram' && /other\.json: not a Telegram export/.test(e.message),
  );
  const exp = parseTelegramExport(
    { ...CHANNEL_EXPORT, messages: [{ id: 'seven', type: 'message', text: 'x' }, CHANNEL_EXPORT.messages[1]] },
    'result.json',
  );
  assert.equal(exp.messages[0]!.error?.code, 'input.telegram');
  assert.ok(exp.messages[1]!.doc);
  assert.throws(
    () => parseTelegramExport(CHANNEL_EXPORT, 'result.json', { username: 't.me/x' }),
    (e: Error & { code?: string }) => e.code === 'usage.telegram-channel',
  );
});
