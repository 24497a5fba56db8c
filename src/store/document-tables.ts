// Documents: versions per source, alternates, extraction state.
import { StoreError } from './errors.ts';
import { indexText } from './search-text.ts';
import type { DocumentInput, Page, PutDocumentResult, StoredDocument } from './types.ts';
import { now, IS_CURRENT_VERSION, dbId, documentHash, withoutNul, docFromRow, type Db } from './sql-base.ts';
import { SqlBase } from './sql-base.ts';
import { restrictSourceIn } from './restricted-tables.ts';
import type { ExtractionIssue } from '../schema.ts';

export abstract class DocumentTables extends SqlBase {
  // Idempotence is per source: the same source key with the same canonical text is 'unchanged',
  // with other text a new version linked to the last. The same text under another source key is
  // stored as a document of its own (choice: who published it is provenance an analyst needs);
  // both share text_hash, and clustering counts such copies as one source, not as corroboration.
  async putDocument(input: DocumentInput): Promise<PutDocumentResult> {
    const doc = withoutNul(input);
    const { hash, textHash } = documentHash(doc.sourceKey, doc.text);
    // two writers racing on one new source: the loser's insert violates (source_key, version) and retries
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tx((c) => this.putDocumentIn(c, doc, hash, textHash));
      } catch (err) {
        if (attempt < 3 && this.isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  private async putDocumentIn(c: Db, doc: DocumentInput, hash: string, textHash: string): Promise<PutDocumentResult> {
    const latest = await c
      .selectFrom('documents')
      .select(['id', 'hash', 'version', 'extracted_at', 'restricted', 'restricted_by'])
      .where('source_key', '=', doc.sourceKey)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    // the flag belongs to the source: a new version keeps it, and an editor's choice (either way)
    // stands over what an ingest rule asks; a rule can restrict but never lift a restriction
    const editorSet = latest?.restricted_by === 'editor';
    const wasRestricted = Number(latest?.restricted ?? 0) !== 0;
    if (latest && latest.hash === hash) {
      if (doc.restricted && !wasRestricted && !editorSet)
        await restrictSourceIn(c, doc.sourceKey, true, 'ingest', latest.id, { userId: null, audit: true });
      return { id: String(latest.id), status: 'unchanged', extracted: latest.extracted_at !== null };
    }
    const restricted = editorSet ? wasRestricted : wasRestricted || Boolean(doc.restricted);
    const restrictedBy = editorSet
      ? 'editor'
      : wasRestricted
        ? (latest?.restricted_by ?? 'ingest')
        : restricted
          ? 'ingest'
          : null;
    const words = indexText(`${doc.title ?? ''}\n${doc.text}`);
    const row = await c
      .insertInto('documents')
      .values({
        source_key: doc.sourceKey,
        url: doc.url,
        title: doc.title,
        lang: doc.lang,
        published: doc.published,
        format: doc.format,
        text: doc.text,
        hash,
        text_hash: textHash,
        version: latest ? Number(latest.version) + 1 : 1,
        previous_id: latest ? latest.id : null,
        alternates: JSON.stringify(doc.alternates ?? []),
        fetched_at: doc.fetchedAt ?? null,
        pages: doc.pages?.length ? JSON.stringify(doc.pages) : null,
        created_at: now(),
        extracted_at: null,
        restricted: restricted ? 1 : 0,
        restricted_by: restrictedBy,
        ...this.ftsColumns(words),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.indexWords(c, 'documents', [{ id: row.id, words }]);
    const urls = [...new Set((doc.alternates ?? []).map((a) => a.url).filter((u) => u && u !== doc.url))];
    if (urls.length)
      await c
        .insertInto('document_alternate_urls')
        .values(urls.map((url) => ({ url, document_id: row.id })))
        .execute();
    const linked = new Set<string>();
    if (latest) {
      // a new version keeps the other-language versions of the one it replaces
      const prev = await c.selectFrom('document_links').select('b').where('a', '=', latest.id).execute();
      for (const r of prev) linked.add(String(r.b));
    }
    if (urls.length) {
      const byUrl = await c.selectFrom('documents').select('id').where('url', 'in', urls).execute();
      for (const r of byUrl) linked.add(String(r.id));
    }
    if (doc.url) {
      const announcing = await c
        .selectFrom('document_alternate_urls')
        .select('document_id')
        .where('url', '=', doc.url)
        .execute();
      for (const r of announcing) linked.add(String(r.document_id));
    }
    linked.delete(String(row.id));
    if (linked.size) await this.linkIn(c, [String(row.id), ...linked]);
    return { id: String(row.id), status: latest ? 'updated' : 'new', extracted: false };
  }

  async setDocumentRestricted(
    id: string,
    restricted: boolean,
    by: { userId: string | null; note?: string; via: 'editor' | 'ingest' },
  ): Promise<{ document: StoredDocument; changed: boolean }> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no document ${id}`);
    const changed = await this.tx(async (c) => {
      const row = await this.locked(
        c.selectFrom('documents').select(['id', 'source_key', 'restricted', 'restricted_by']).where('id', '=', n),
      ).executeTakeFirst();
      if (!row) throw new StoreError('store.not-found', `no document ${id}`);
      const was = Number(row.restricted) !== 0;
      if (by.via === 'ingest' && (!restricted || was || row.restricted_by === 'editor')) return false;
      if (by.via === 'editor' && was === restricted && row.restricted_by === 'editor') return false;
      await restrictSourceIn(c, row.source_key, restricted, by.via, row.id, {
        userId: by.userId,
        note: by.note,
        audit: true,
      });
      return true;
    });
    const document = await this.getDocument(id);
    if (!document) throw new StoreError('store.not-found', `no document ${id}`);
    return { document, changed };
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const n = dbId(id);
    if (n === null) return null;
    const r = await this.db.selectFrom('documents').selectAll().where('id', '=', n).executeTakeFirst();
    return r ? docFromRow(r) : null;
  }

  async setDocumentIssues(id: string, issues: ExtractionIssue[]): Promise<void> {
    const n = dbId(id);
    const r =
      n === null
        ? null
        : await this.db
            .updateTable('documents')
            .set({ issues: issues.length ? JSON.stringify(issues) : null })
            .where('id', '=', n)
            .executeTakeFirst();
    if (!r || Number(r.numUpdatedRows) === 0) throw new StoreError('store.not-found', `no document ${id}`);
  }

  async listDocuments(page: Page): Promise<{ items: StoredDocument[]; total: number }> {
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(docFromRow), total: await this.countDocuments() };
  }

  async countDocuments(): Promise<number> {
    const r = await this.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async documentsToExtract(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select('id')
      .where('extracted_at', 'is', null)
      .where(IS_CURRENT_VERSION)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => String(r.id));
  }

  async versionsOf(id: string): Promise<StoredDocument[]> {
    const doc = await this.getDocument(id);
    if (!doc) return [];
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('source_key', '=', doc.sourceKey)
      .orderBy('version', 'asc')
      .execute();
    return rows.map(docFromRow);
  }

  async alternatesOf(id: string): Promise<StoredDocument[]> {
    const n = dbId(id);
    if (n === null) return [];
    // only the current version of each linked document
    const rows = await this.db
      .selectFrom('document_links')
      .innerJoin('documents', 'documents.id', 'document_links.b')
      .selectAll('documents')
      .where('document_links.a', '=', n)
      .where(IS_CURRENT_VERSION)
      .orderBy('documents.id')
      .execute();
    return rows.map(docFromRow);
  }

  async linkAlternates(ids: string[]): Promise<void> {
    const valid = ids.filter((i) => dbId(i) !== null);
    if (valid.length < 2) return;
    await this.tx((c) => this.linkIn(c, valid));
  }

  // Alternates form a group: linking A–B when B–C exists links all three.
  private async linkIn(c: Db, ids: string[]): Promise<void> {
    const group = new Set(ids);
    const nums = ids.map((i) => Number(i));
    const known = await c.selectFrom('document_links').select('b').where('a', 'in', nums).execute();
    for (const r of known) group.add(String(r.b));
    const all = [...group].map(Number);
    const pairs: Array<{ a: number; b: number }> = [];
    for (const a of all) for (const b of all) if (a !== b) pairs.push({ a, b });
    for (let i = 0; i < pairs.length; i += 500)
      await c
        .insertInto('document_links')
        .values(pairs.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['a', 'b']).doNothing())
        .execute();
  }
}
