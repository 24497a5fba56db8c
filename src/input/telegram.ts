// A Telegram Desktop channel export (result.json) → one document per message. The text comes as a
// plain string or as a list of strings and entities ({type, text, href}); a photo or file's caption is
// the message's text. The document's URL is the message's link: https://t.me/<username>/<id> when the
// channel's public username is known (the export does not carry it, so the caller passes it), else
// the members' link https://t.me/c/<channel id>/<id>. The source key names the channel and message
// and not the link, so an edit seen in a later export becomes a new version of the same document.
import { z } from 'zod';
import { RasidError } from '../errors.ts';

const Entity = z.union([
  z.string(),
  z.object({ type: z.string().optional(), text: z.string().optional(), href: z.string().optional() }).passthrough(),
]);
const Text = z.union([z.string(), z.array(Entity)]);

const Message = z
  .object({
    id: z.number().int(),
    type: z.string(),
    date: z.string().optional(),
    date_unixtime: z.string().optional(),
    edited: z.string().optional(),
    forwarded_from: z.string().nullish(),
    text: Text.optional(),
  })
  .passthrough();

const Export = z.object({
  name: z.string().nullish(),
  type: z.string(),
  id: z.number().int(),
  messages: z.array(z.unknown()),
});

const CHAT_TYPES = new Set([
  'public_channel',
  'private_channel',
  'public_supergroup',
  'private_supergroup',
  'private_group',
  'personal_chat',
  'bot_chat',
  'saved_messages',
]);

/** The shape says Telegram Desktop: a chat object with a type Telegram uses and a list of messages. */
export function looksLikeTelegramExport(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.messages) && typeof v.type === 'string' && CHAT_TYPES.has(v.type) && typeof v.id === 'number';
}

export interface TelegramMessageDoc {
  sourceKey: string;
  /** 1-based position in the export, for failures */
  position: number;
  url: string;
  title: string | null;
  published: string | null;
  text: string;
  edited: boolean;
}

export interface TelegramExport {
  channel: string | null;
  channelId: number;
  messages: Array<{ position: number; doc?: TelegramMessageDoc; error?: RasidError }>;
  /** service messages and media without a caption: nothing to read */
  empty: number;
}

function textOf(t: z.infer<typeof Text> | undefined): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t.map((e) => (typeof e === 'string' ? e : (e.text ?? ''))).join('');
}

const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

export function parseTelegramExport(value: unknown, label: string, opts: { username?: string } = {}): TelegramExport {
  const top = Export.safeParse(value);
  if (!top.success || !looksLikeTelegramExport(value))
    throw new RasidError(
      'input.telegram',
      `${label}: not a Telegram export (expected {name, type, id, messages: [...]} as Telegram Desktop writes result.json)`,
    );
  if (opts.username !== undefined && !USERNAME.test(opts.username))
    throw new RasidError(
      'usage.telegram-channel',
      `--telegram-channel: expected a channel username such as rasid_reports, found "${opts.username}"`,
    );
  const { id: channelId, name } = top.data;
  const out: TelegramExport = { channel: name ?? null, channelId, messages: [], empty: 0 };
  top.data.messages.forEach((raw, i) => {
    const position = i + 1;
    const m = Message.safeParse(raw);
    if (!m.success) {
      const first = m.error.issues[0];
      out.messages.push({
        position,
        error: new RasidError(
          'input.telegram',
          `${label}#${position}: ${first?.path.join('.') || 'message'}: ${first?.message ?? 'invalid'}`,
        ),
      });
      return;
    }
    const msg = m.data;
    const text = textOf(msg.text).replace(/\r\n?/g, '\n').trim();
    if (msg.type !== 'message' || !text) {
      out.empty++;
      return;
    }
    const published = publishedOf(msg.date, msg.date_unixtime);
    const url = opts.username ? `https://t.me/${opts.username}/${msg.id}` : `https://t.me/c/${channelId}/${msg.id}`;
    const forwarded = msg.forwarded_from ? ` (forwarded from ${msg.forwarded_from})` : '';
    out.messages.push({
      position,
      doc: {
        sourceKey: `telegram:${channelId}/${msg.id}`,
        position,
        url,
        title: name ? `${name}${forwarded}` : forwarded.trim() || null,
        published,
        text,
        edited: Boolean(msg.edited),
      },
    });
  });
  return out;
}

/** The day as the export writes it (the exporting machine's local time); the Unix time when it lacks one. */
function publishedOf(date: string | undefined, unix: string | undefined): string | null {
  const day = date?.match(/^(\d{4}-\d{2}-\d{2})/)?.[1];
  if (day && !Number.isNaN(Date.parse(day))) return day;
  const t = Number(unix);
  return Number.isFinite(t) && t > 0 ? new Date(t * 1000).toISOString().slice(0, 10) : null;
}
