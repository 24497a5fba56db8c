// `rasid cluster`: join incidents that different documents and languages tell of one event into
// clusters (src/cluster/), keeping what analysts split or merged by hand.
import type { Command } from 'commander';
import { clusterIncidents, type ClusterRun } from '../cluster/cluster.ts';
import { openStore } from '../store/open.ts';

export function formatClusterRun(r: ClusterRun): string {
  return `clusters: ${r.clusters} (${r.created} new, ${r.kept} kept, ${r.removed} removed) over ${r.candidates} candidate incidents`;
}

export function registerCluster(cmd: Command): void {
  cmd
    .option('--db <file>', 'SQLite database (DATABASE_URL selects PostgreSQL instead)', './rasid.db')
    .option('--json', 'print the run as JSON')
    .action(async (o: { db: string; json?: boolean }) => {
      const store = await openStore({ db: o.db, databaseUrl: process.env.DATABASE_URL || undefined });
      try {
        const run = await clusterIncidents(store);
        process.stdout.write(o.json ? JSON.stringify(run) + '\n' : formatClusterRun(run) + '\n');
      } finally {
        await store.close();
      }
    });
}
