// Starts the in-process job scheduler when the Node.js server boots (not during the build).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.JOBS_IN_PROCESS !== "on") return;
  const { startInProcessScheduler } = await import("@/lib/jobs/runner");
  startInProcessScheduler();
}
