import { z } from "zod";
import { getServiceContext } from "@/lib/auth/current";
import { toFailure } from "@/lib/actions/client";
import { ValidationError } from "@/lib/errors";
import { commitRosterImport } from "@/lib/services/roster/commit";
import { crossSite, failureResponse, unauthenticated } from "@/lib/services/roster/http";
import { invalidTextErrors } from "@/lib/validation/text";

const body = z.object({ digest: z.string().length(64) });

/**
 * Commits a previewed import and streams its progress as NDJSON: `progress` lines while the one
 * transaction runs, then a `done` line with the report or an `error` line. The stream belongs to this
 * request alone, so no progress state is kept between app instances.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rejected = crossSite(request);
  if (rejected) return rejected;
  const ctx = await getServiceContext();
  if (!ctx) return unauthenticated();
  const { id } = await params;
  const json: unknown = await request.json().catch(() => null);
  const invalidText = invalidTextErrors(json);
  if (invalidText) return failureResponse(new ValidationError("Reload the preview and commit again.", invalidText), ctx);
  const parsed = body.safeParse(json);
  if (!parsed.success) return failureResponse(new ValidationError("Reload the preview and commit again."), ctx);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Record<string, unknown>) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const report = await commitRosterImport(ctx, { id, digest: parsed.data.digest }, async (progress) => {
          send({ type: "progress", ...progress });
          // Yield to the event loop so the line leaves before the next batch of work.
          await new Promise((resolve) => setImmediate(resolve));
        });
        send({ type: "done", report });
      } catch (error) {
        send({ type: "error", ...(await toFailure(error, ctx)) });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
}
