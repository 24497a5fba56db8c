import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGoldDir } from '../eval/gold.ts';
import { score, type Scores, type PerDoc, type ScoredDocument } from '../eval/score.ts';
import { extractDocument } from '../pipeline/index.ts';
import { ACLED_SPLITS, evalAcled, formatAcledEval, type AcledSplit } from '../acled/eval.ts';
import { evalPitf, formatPitfEval } from '../pitf/eval.ts';
import { evalFakes, formatFakesEval } from '../fakes/eval.ts';
import { RasidError } from '../errors.ts';

export interface EvalReport {
  overall: Scores;
  by_language: Record<string, Scores>;
  per_document: PerDoc[];
}

export function evaluateGoldDir(dir: string, opts: { out?: string } = {}): EvalReport {
  const cases = readGoldDir(dir);
  const scored: ScoredDocument[] = cases.map((c) => {
    const prediction = extractDocument({
      text: c.text,
      id: c.name,
      lang: c.lang === 'en' ? 'en' : c.lang === 'ar' ? 'ar' : undefined,
      published: c.gold.published ?? null,
    });
    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, `${c.name}.json`), JSON.stringify(prediction));
    }
    return { name: c.name, lang: c.lang, text: c.text, gold: c.gold, prediction };
  });
  const overall = score(scored);
  const by_language: Record<string, Scores> = {};
  for (const lang of [...new Set(scored.map((s) => s.lang))].sort()) {
    by_language[lang] = score(scored.filter((s) => s.lang === lang)).scores;
  }
  return { overall: overall.scores, by_language, per_document: overall.perDoc };
}

const fmt = (v: unknown) =>
  Array.isArray(v)
    ? `(${v.join(', ')})`
    : v === null
      ? 'None'
      : typeof v === 'number' || typeof v === 'string'
        ? String(v)
        : JSON.stringify(v);

export function formatScores(s: Scores): string {
  const f1 = (k: keyof Scores) => {
    const v = s[k] as [number, number, number] | null;
    return v ? v[2] : 'None';
  };
  const lines = Object.entries(s).map(([k, v]) => `${k}: ${k === 'missing_predictions' ? JSON.stringify(v) : fmt(v)}`);
  lines.push(
    `detection F1 ${f1('detection_prf')} · actors F1 ${f1('actors_prf')} · locations F1 ${f1('locations_prf')} · counts F1 ${f1('counts_prf')} · methods F1 ${f1('methods_prf')} · accusations F1 ${f1('accusations_prf')} over ${s.documents} documents`,
  );
  return lines.join('\n');
}

export function registerEval(cmd: Command): void {
  cmd
    .option(
      '--acled <file>',
      'score the English extractor against ACLED-coded rows (their notes) instead of gold files',
    )
    .option(
      '--pitf <file>',
      'score the English extractor against PITF atrocities rows (their descriptions): detection, deaths, injured, place, perpetrator class',
    )
    .option(
      '--fakes <file>',
      'score the English extractor against FA-KES news articles (latin-1 CSV) on SILVER labels, crowd-coded per main incident: detection, governorate, cause of death, actor class, civilians killed',
    )
    .option(
      '--places <data_dir>',
      'score the English place finder on the Latin place names of ACLED, PITF and UCDP-AEC files under a shared data directory',
    )
    .option(
      '--split <part>',
      'with --acled, --pitf, --fakes or --places: score only part of the rows: kept (every third row in file order, held out from tuning), tune (the rest) or all',
      'all',
    )
    .option('--json', 'print one JSON object')
    .option('--per-doc', 'list gold, predicted and matched incidents per document')
    .option('--out <dir>', 'also write each prediction as NAME.json (the input of score.py)')
    .action(
      async (
        dir: string | undefined,
        o: {
          json?: boolean;
          perDoc?: boolean;
          out?: string;
          acled?: string;
          pitf?: string;
          fakes?: string;
          places?: string;
          split?: string;
        },
      ) => {
        const split = (o.split ?? 'all') as AcledSplit;
        if (!ACLED_SPLITS.includes(split))
          throw new RasidError('eval.bad-split', `--split ${o.split}: expected one of ${ACLED_SPLITS.join(', ')}`);
        if (o.places) {
          const { evalPlaceNames, formatPlaceEval, sharedNames } = await import('../eval/place-names.ts');
          const r = evalPlaceNames(sharedNames(o.places), split);
          // the kept names are judged by their figures only
          if (split === 'kept') r.results = [];
          process.stdout.write(
            (o.json ? JSON.stringify({ ...r, results: undefined }) : formatPlaceEval(r, split !== 'kept')) + '\n',
          );
          return;
        }
        if (o.acled) {
          const r = await evalAcled(o.acled, { split });
          // the kept rows' disagreements are not printed: they are judged by their figures only
          if (split === 'kept') r.confusion = {};
          process.stdout.write((o.json ? JSON.stringify(r) : formatAcledEval(r, split === 'kept')) + '\n');
          return;
        }
        if (o.pitf) {
          const r = await evalPitf(o.pitf, { split });
          if (split === 'kept') r.perp_confusion = {};
          process.stdout.write((o.json ? JSON.stringify(r) : formatPitfEval(r, split === 'kept')) + '\n');
          return;
        }
        if (o.fakes) {
          const r = await evalFakes(o.fakes, { split });
          if (split === 'kept') [r.cause_confusion, r.actor_confusion] = [{}, {}];
          process.stdout.write((o.json ? JSON.stringify(r) : formatFakesEval(r, split === 'kept')) + '\n');
          return;
        }
        if (!dir)
          throw new RasidError(
            'eval.usage',
            'expected a gold directory, --acled FILE, --pitf FILE, --fakes FILE or --places DIR',
          );
        const report = evaluateGoldDir(dir, { out: o.out });
        if (o.json) {
          process.stdout.write(JSON.stringify(report) + '\n');
          return;
        }
        const parts: string[] = [];
        if (o.perDoc) {
          for (const d of report.per_document)
            parts.push(`doc ${d.name} gold=${d.gold} pred=${d.pred} matched=${d.matched}`);
        }
        for (const [lang, s] of Object.entries(report.by_language)) parts.push(`== language ${lang}`, formatScores(s));
        parts.push('== overall', formatScores(report.overall));
        process.stdout.write(parts.join('\n') + '\n');
      },
    );
}
