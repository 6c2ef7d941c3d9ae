import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { BENCH_ADMIN } from "./generate";
import { ms, type ResultRow, type Verdict } from "./report";
import { summarize } from "./timing";

// Loopback only: the load never leaves this machine.
const HOST = "127.0.0.1";
const PORT = 3200;
const ORIGIN = `http://${HOST}:${PORT}`;
const PAGE_TARGET_MS = 100;

// Each load is bounded both in requests and in seconds, whichever ends first.
const LOADS = [
  { connections: 1, amount: 200, seconds: 20 },
  { connections: 10, amount: 600, seconds: 20 },
];

interface HttpFigure {
  figure: string;
  path: string;
  targetMs?: number;
}

const FIGURES: HttpFigure[] = [
  { figure: "users page HTML: status=active, by name, with count", path: "/users?status=active&sort=name", targetMs: PAGE_TARGET_MS },
  { figure: 'users page HTML: search "son", by name, with count', path: "/users?q=son&sort=name", targetMs: PAGE_TARGET_MS },
  { figure: "user detail page HTML: heavy actor with newest audit events", path: "/users/usr_000000" },
  { figure: "executive dashboard page HTML", path: "/dashboard" },
  { figure: "session endpoint (/api/auth/session), for the server's fixed cost", path: "/api/auth/session" },
];

export interface HttpOptions {
  appDir: string;
  databaseUrl: string;
  authSecret: string;
  log: (line: string) => void;
}

/** Serves the production build on the scratch database and loads each page with autocannon. */
export async function measureHttp(options: HttpOptions): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const { appDir, log } = options;
  if (!fs.existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    const note = `HTTP figures not measured: ${appDir} has no production build (.next/BUILD_ID). Run \`npx next build\` there, or pass --app-dir.`;
    log(`  ${note}`);
    return { rows: FIGURES.map((f) => notMeasured(f, "no production build")), notes: [note] };
  }

  const server = startServer(options);
  try {
    await waitForServer(server);
    const cookie = await signIn();
    const rows: ResultRow[] = [];
    for (const figure of FIGURES) rows.push(await measurePage(figure, cookie, log));
    return { rows, notes: [] };
  } finally {
    await stopServer(server);
  }
}

function startServer({ appDir, databaseUrl, authSecret }: HttpOptions): ChildProcess {
  const nextBin = path.join(appDir, "node_modules", "next", "dist", "bin", "next");
  // A group of its own, so that stopping it also stops any worker process next start forks.
  return spawn(process.execPath, [nextBin, "start", "-p", String(PORT), "-H", HOST], {
    cwd: appDir,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      AUTH_URL: ORIGIN,
      JOBS_IN_PROCESS: "off",
      LOG_LEVEL: "warn",
    },
  });
}

async function waitForServer(server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode} before it served a request.`);
    try {
      const response = await fetch(`${ORIGIN}/api/auth/csrf`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`next start timed out: no response on ${ORIGIN} within 60 s.`);
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || !server.pid) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await Promise.race([exited, sleep(5_000)]);
  if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in as the bench administrator through Auth.js's credentials endpoint and returns the Cookie header. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${ORIGIN}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);

  const response = await fetch(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password, csrfToken, callbackUrl: `${ORIGIN}/users` }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in as ${BENCH_ADMIN.email} failed: status ${response.status}, no session cookie.`);
  return [...jar, session].join("; ");
}

interface LoadResult {
  connections: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  meanBytes: number;
}

async function load(url: string, cookie: string, connections: number, amount: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  const started = Date.now();
  const instance = autocannon({ url, connections, amount, timeout: 10, headers: { cookie } });
  instance.on("response", (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    bytes += resBytes;
  });
  const stopper = setTimeout(() => instance.stop(), seconds * 1000);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on("done", resolve);
    instance.on("error", reject);
  });
  clearTimeout(stopper);

  const elapsed = (Date.now() - started) / 1000;
  const timing = summarize(latencies.length ? latencies : [Number.NaN]);
  return {
    connections,
    requests: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: elapsed,
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: timing.medianMs,
    p95Ms: timing.p95Ms,
    meanBytes: latencies.length ? Math.round(bytes / latencies.length) : 0,
  };
}

async function measurePage(figure: HttpFigure, cookie: string, log: (line: string) => void): Promise<ResultRow> {
  const url = `${ORIGIN}${figure.path}`;
  const probe = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await probe.arrayBuffer();
  if (probe.status === 404) return { ...notMeasured(figure, ""), verdict: "not built yet", measured: "404: page not built yet" };
  if (probe.status !== 200) return notMeasured(figure, `status ${probe.status} for ${figure.path}`);

  const results: LoadResult[] = [];
  for (const spec of LOADS) results.push(await load(url, cookie, spec.connections, spec.amount, spec.seconds));
  const [single, ten] = results as [LoadResult, LoadResult];
  const failures = results.reduce((n, r) => n + r.non2xx + r.errors, 0);

  const measured =
    `c=1: p50 ${ms(single.p50Ms)} ms, p95 ${ms(single.p95Ms)} ms, ${single.requestsPerSecond.toFixed(0)} req/s; ` +
    `c=10: p50 ${ms(ten.p50Ms)} ms, p95 ${ms(ten.p95Ms)} ms, ${ten.requestsPerSecond.toFixed(0)} req/s; ` +
    `${(single.meanBytes / 1024).toFixed(0)} KiB` +
    (failures ? `; ${failures} failed` : "");
  log(`  ${figure.figure}: ${measured}`);

  let verdict: Verdict = "no target";
  if (figure.targetMs !== undefined) verdict = single.p50Ms < figure.targetMs && failures === 0 ? "pass" : "fall short";
  return {
    figure: figure.figure,
    layer: "http",
    target: figure.targetMs ? `< ${figure.targetMs} ms (p50, c=1)` : "none stated",
    measured,
    ratio: "",
    verdict,
    data: { path: figure.path, loads: results },
  };
}

function notMeasured(figure: HttpFigure, reason: string): ResultRow {
  return {
    figure: figure.figure,
    layer: "http",
    target: figure.targetMs ? `< ${figure.targetMs} ms (p50, c=1)` : "none stated",
    measured: reason,
    ratio: "",
    verdict: "not measured",
  };
}
