#!/usr/bin/env node
// The CLI runs the JavaScript in dist/, compiled from src/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('rasid: not built: run `npm run build` (npm install runs it)\n');
  process.exit(2);
}
await import(main.href);
