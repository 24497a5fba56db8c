// RSS 2.0 and Atom feeds (WordPress serves both) into a list of items whose pages are fetched.
import { createRequire } from 'node:module';
import { RasidError } from '../errors.ts';

export interface FeedItem {
  /** the item's page */
  link: string;
  guid: string | null;
  title: string | null;
  /** ISO date (YYYY-MM-DD) from pubDate/published/updated, null when absent or unreadable */
  published: string | null;
  /** alternates the feed itself declares (Atom link rel=alternate hreflang) */
  alternates: Array<{ lang: string; url: string }>;
}

export interface Feed {
  kind: 'rss' | 'atom';
  title: string | null;
  lang: string | null;
  items: FeedItem[];
}

type Fxp = typeof import('fast-xml-parser');

// fast-xml-parser loads on the first feed (its CommonJS build, as parseFeed is synchronous): reading a
// text file or a page, as `rasid extract` mostly does, never needs it
let fxp: { parser: InstanceType<Fxp['XMLParser']>; validator: Fxp['XMLValidator'] } | null = null;

function xmlParser(): NonNullable<typeof fxp> {
  if (fxp) return fxp;
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as Fxp;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  });
  fxp = { parser, validator: XMLValidator };
  return fxp;
}

/** What an XML document's root says it is, without a full parse: used to tell a feed from a page. */
export function sniffFeed(text: string): 'rss' | 'atom' | 'rdf' | null {
  const head = text
    .slice(0, 2048)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/i, '')
    .trimStart();
  const tag = head.match(/^<([\w:-]+)/)?.[1];
  if (!tag) return null;
  const root = tag.toLowerCase();
  if (root === 'rss') return 'rss';
  if (root === 'feed' || root.endsWith(':feed')) return 'atom';
  if (root === 'rdf:rdf') return 'rdf';
  return null;
}

function str(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Record<string, unknown>))
    return str((v as Record<string, unknown>)['#text']);
  return null;
}

export function isoDate(v: string | null): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 10);
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

type Node = Record<string, unknown>;

function atomLinks(entry: Node, base: string | null): { page: string | null; alternates: FeedItem['alternates'] } {
  const links = (entry.link as Node[] | undefined) ?? [];
  let page: string | null = null;
  const alternates: FeedItem['alternates'] = [];
  for (const l of links) {
    const rel = str(l['@_rel']) ?? 'alternate';
    const href = absolute(str(l['@_href']), base);
    if (!href || rel !== 'alternate') continue;
    const lang = str(l['@_hreflang']);
    if (lang && page) alternates.push({ lang: lang.slice(0, 2).toLowerCase(), url: href });
    else if (!page) page = href;
  }
  return { page, alternates };
}

export function parseFeed(xml: string, url: string | null, label: string): Feed {
  const { parser, validator } = xmlParser();
  const valid = validator.validate(xml);
  if (valid !== true) {
    throw new RasidError('parse.feed', `${label}: malformed feed XML at line ${valid.err.line}: ${valid.err.code}`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new RasidError('parse.feed', `${label}: feed XML cannot be parsed (${(e as Error).name})`);
  }
  const rss = doc.rss as Node | undefined;
  if (rss) {
    const channel = (rss.channel ?? {}) as Node;
    const items = ((channel.item as Node[] | undefined) ?? []).flatMap((it): FeedItem[] => {
      const linkRaw = (it.link as unknown[] | undefined)?.[0];
      const guid = str(it.guid);
      const guidIsLink = typeof it.guid === 'object' ? str((it.guid as Node)['@_isPermaLink']) !== 'false' : true;
      const link = absolute(str(linkRaw), url) ?? (guidIsLink ? absolute(guid, url) : null);
      if (!link) return [];
      return [
        { link, guid, title: str(it.title), published: isoDate(str(it.pubDate) ?? str(it['dc:date'])), alternates: [] },
      ];
    });
    return { kind: 'rss', title: str(channel.title), lang: str(channel.language), items };
  }
  // RSS 1.0 keeps its items beside the channel, under the RDF root
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf) {
    const items = ((rdf.item as Node[] | undefined) ?? []).flatMap((it): FeedItem[] => {
      const link = absolute(str((it.link as unknown[] | undefined)?.[0]) ?? str(it['@_rdf:about']), url);
      return link
        ? [
            {
              link,
              guid: str(it['@_rdf:about']),
              title: str(it.title),
              published: isoDate(str(it['dc:date'])),
              alternates: [],
            },
          ]
        : [];
    });
    return { kind: 'rss', title: str((rdf.channel as Node | undefined)?.title), lang: null, items };
  }
  const feed = (doc.feed ?? doc['atom:feed']) as Node | undefined;
  if (feed) {
    const entries = (feed.entry as Node[] | undefined) ?? [];
    const items = entries.flatMap((e): FeedItem[] => {
      const { page, alternates } = atomLinks(e, url);
      if (!page) return [];
      return [
        {
          link: page,
          guid: str(e.id),
          title: str(e.title),
          published: isoDate(str(e.published) ?? str(e.updated)),
          alternates,
        },
      ];
    });
    return { kind: 'atom', title: str(feed.title), lang: str(feed['@_xml:lang']), items };
  }
  throw new RasidError('parse.feed', `${label}: XML root is neither <rss> nor <feed>`);
}
