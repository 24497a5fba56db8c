// `rasid cluster`: join incidents that different documents and languages tell of one event into
// clusters (src/cluster/), keeping what analysts split or merged by hand.
import type { Command } from 'commander';
import { clusterIncidents, type ClusterRun } from '../cluster/cluster.ts';
import { buildConfig, dbOption, type Environment } from '../config.ts';
import { openStore } from '../store/open.ts';

export function formatClusterRun(r: ClusterRun): string {
  return `clusters: ${r.clusters} (${r.created} new, ${r.kept} kept, ${r.removed} removed) over ${r.candidates} candidate incidents`;
}

export function registerCluster(cmd: Command, env: Environment): void {
  cmd
    .addOption(dbOption())
    .option('--json', 'print the run as JSON')
    .action(async (o: { db: string; json?: boolean }) => {
      const store = await openStore(buildConfig(o, env).store);
      try {
        const run = await clusterIncidents(store);
        process.stdout.write(o.json ? JSON.stringify(run) + '\n' : formatClusterRun(run) + '\n');
      } finally {
        await store.close();
      }
    });
}
