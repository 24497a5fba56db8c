// The stage runner: runs an ordered list of stages over one document state, records what each
// added when tracing, and keeps a stage that fails on odd input from losing the document.
import type { ExtractionIssue } from '../schema.ts';

export interface TraceEntry {
  stage: string;
  added: unknown[];
}

export interface Stage<S> {
  name: string;
  /** adds this stage's annotations to the state */
  run(state: S): void;
  /** what the stage added, for `rasid extract --trace`; called only when tracing */
  trace?(state: S): unknown[];
  /**
   * When the stage throws: `skip` records an issue and goes on without its annotations (a quantity
   * reader that fails leaves the frames without figures); `stop` records an issue and runs no later
   * stage, since they all need what this one makes.
   */
  onError: 'skip' | 'stop';
}

export function runStages<S extends { issues: ExtractionIssue[] }>(
  stages: ReadonlyArray<Stage<S>>,
  state: S,
  trace: boolean,
): TraceEntry[] | null {
  const out: TraceEntry[] | null = trace ? [] : null;
  for (const stage of stages) {
    try {
      stage.run(state);
    } catch (err) {
      state.issues.push({
        code: `${stage.name}.failed`,
        stage: stage.name,
        message: err instanceof Error ? err.name : 'error',
        span: null,
      });
      if (stage.onError === 'stop') break;
      continue;
    }
    if (out && stage.trace) out.push({ stage: stage.name, added: stage.trace(state) });
  }
  return out;
}
