import { performance } from "node:perf_hooks";

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export interface TimingOptions {
  warmup?: number;
  runs?: number;
  // Stops early once this much time has been spent on timed runs, so one slow figure cannot stall the run.
  budgetMs?: number;
}

/** Times fn: warm-up runs first, then up to `runs` timed runs, reporting the median and the 95th percentile. */
export async function time(fn: () => Promise<unknown>, options: TimingOptions = {}): Promise<Timing> {
  const { warmup = 5, runs = 50, budgetMs = 5_000 } = options;
  for (let i = 0; i < warmup; i++) await fn();

  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < runs && (samples.length < 3 || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: sorted[0]! };
}
