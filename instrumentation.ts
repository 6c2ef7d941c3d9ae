import type { Instrumentation } from "next";

// Starts the in-process job scheduler when the Node.js server boots (not during the build).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.JOBS_IN_PROCESS !== "on") return;
  const { startInProcessScheduler } = await import("@/lib/jobs/runner");
  startInProcessScheduler();
}

/**
 * Logs errors that Next.js catches outside our services: an oversized or malformed server action body,
 * a failed render, a route handler that throws. Only the method, path, route and request id are logged,
 * never the body, the query string or other headers, and the error goes through the logger's sanitizing serializer.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/lib/logger");
  const requestId = request.headers["x-request-id"];
  logger.error(
    {
      err: error,
      method: request.method,
      // The query string is dropped because it can carry search terms such as people's names.
      path: request.path.split("?")[0],
      requestId: Array.isArray(requestId) ? requestId[0] : requestId,
      routePath: context.routePath,
      routeType: context.routeType,
      renderSource: context.renderSource,
    },
    "request failed in Next.js",
  );
};
