import { getServiceContext } from "@/lib/auth/current";
import { ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { firstValues, pathWithQuery } from "@/lib/search-params";
import { recordDenied } from "@/lib/services/audit/denied";
import { exportUsersCsv, userExportQuery } from "@/lib/services/users/export";

/**
 * Streams the users CSV with the list's filters. The first chunk is read before the response starts,
 * so a refused export gets a proper 403 instead of a broken download.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const ctx = await getServiceContext();
  if (!ctx) return Response.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(pathWithQuery("/users/export", params))}`, url), 303);

  const rows = exportUsersCsv(ctx, userExportQuery.parse(firstValues(params)));
  let first: IteratorResult<string>;
  try {
    first = await rows.next();
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    await recordDenied(ctx, error);
    return new Response("You do not have access to the user directory export.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte order mark makes spreadsheet programs read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${first.done ? "" : first.value}`));
    },
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error, requestId: ctx.requestId }, "users export failed while streaming");
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="warden-users-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
