// English news-style reports of our own (test/fixtures/news-en/): each tells a known set of incidents
// through the wordings that multiply or falsify predictions on real English news (headline and body,
// re-mentions, quotes, habits, threats, denials, backgrounds, purposes, totals). Every report must give
// exactly its incidents: type, killed and injured figures and place; the test also reports detection
// precision and recall over the set.
import { scoreNewsReports } from './news-fixtures.ts';

scoreNewsReports({ lang: 'en', folder: 'news-en', minReports: 8, minPrecision: 0.88, minRecall: 0.92 });
