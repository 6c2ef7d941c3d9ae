import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Verdict = "pass" | "fall short" | "no target" | "not built yet" | "not measured" | "reference";

/** One line of the results table, with its numbers as text and as data. */
export interface ResultRow {
  figure: string;
  layer: "service" | "http" | "raw SQL" | "setup";
  target: string;
  measured: string;
  ratio: string;
  verdict: Verdict;
  // Machine-readable numbers behind `measured`, and anything the text cannot hold.
  data?: Record<string, unknown>;
}

export interface Environment {
  dialect: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  // 1-minute load average at the start and the end of the run: above the CPU count, other processes
  // competed for the CPUs and the times are inflated.
  loadAverage: { start: number; end: number };
  node: string;
  sqlite: string;
  postgres: string | null;
  packages: Record<string, string>;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  environment: Environment;
  generation: { seconds: number; reused: boolean; rows: Record<string, number>; steps: Record<string, number> };
  rows: ResultRow[];
  notes: string[];
}

const PACKAGES = ["next", "react", "next-auth", "drizzle-orm", "better-sqlite3", "pg", "zod", "autocannon", "tsx"];

export function describeEnvironment(dialect: string, sqliteVersion: string, postgresVersion: string | null, loadAtStart: number): Environment {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string };
      packages[name] = manifest.version;
    } catch {
      packages[name] = "not installed";
    }
  }
  return {
    dialect,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    node: process.version,
    sqlite: sqliteVersion,
    postgres: postgresVersion,
    packages,
  };
}

/** Formats milliseconds with three significant digits at most. */
export function ms(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** Formats the table as Markdown, so the same text serves the terminal and docs/benchmarks.md. */
export function formatTable(rows: ResultRow[]): string {
  const header = ["figure", "layer", "target", "measured", "product / raw", "result"];
  const lines = [header, header.map(() => "---"), ...rows.map((r) => [r.figure, r.layer, r.target, r.measured, r.ratio, r.verdict])];
  return lines.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`).join("\n");
}

export function writeResult(result: BenchResult, directory = path.resolve("bench/results")): string {
  fs.mkdirSync(directory, { recursive: true });
  const day = result.startedAt.slice(0, 10);
  const file = path.join(directory, `${day}-${result.environment.dialect}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
