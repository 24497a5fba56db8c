// JSON Lines: one contract incident per line. Store bookkeeping that is not part of the contract's
// meaning (the machine's original beside an analyst's edit) stays out of the file.
import type { ExportIncident } from './fields.ts';

export function toJsonLine(inc: ExportIncident): string {
  const { machine: _machine, ...rest } = inc;
  return `${JSON.stringify(rest)}\n`;
}
