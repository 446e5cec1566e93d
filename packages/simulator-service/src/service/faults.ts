/**
 * Faults the simulated service can inject (issue 7 §3). Counters are consumed one answer at a
 * time, so a test can say "the next 2 answers are 503".
 * @module
 */

/** Mutable fault settings of a simulated service. */
export interface ServiceFaults {
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** The next n answers are HTTP 503 (file link: an 異常終了 result file). */
  unavailableNext?: number;
  /** The next n answers are malformed (HTTP: broken JSON; file link: broken XML). */
  malformedNext?: number;
  /** File link: write results in Shift_JIS (文字コード識別 1). */
  shiftJis?: boolean;
  /** File link: the next n result files are first written half, the rest after `halfWrittenDelayMs`. */
  halfWrittenNext?: number;
  /** Pause between the halves of a half-written file (default 150 ms). */
  halfWrittenDelayMs?: number;
  /** The next n requests are never answered (to exercise timeouts). */
  dropNext?: number;
}

/** Takes one from a counter; true when the fault applies to this answer. */
export function consume(
  faults: ServiceFaults,
  key: 'unavailableNext' | 'malformedNext' | 'halfWrittenNext' | 'dropNext',
): boolean {
  const n = faults[key] ?? 0;
  if (n <= 0) return false;
  faults[key] = n - 1;
  return true;
}

/** Sleeps `ms` (0 → next macrotask). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
