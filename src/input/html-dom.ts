// linkedom's parseHTML, loaded on first use: loading it takes longer than extracting a short report,
// and most inputs are plain text. Its CommonJS build, through require, because the callers are
// synchronous; every caller goes through here, so one copy is ever loaded.
import { createRequire } from 'node:module';

type Linkedom = typeof import('linkedom');

let linkedom: Linkedom | null = null;

export function parseHTML(html: string): ReturnType<Linkedom['parseHTML']> {
  linkedom ??= createRequire(import.meta.url)('linkedom') as Linkedom;
  return linkedom.parseHTML(html);
}
