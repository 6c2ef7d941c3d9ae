import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireServiceContext } from "@/lib/auth/current";
import { AppError, ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { fieldErrorsOf, type ActionResult } from "@/lib/result";
import { recordDenied } from "@/lib/services/audit/denied";
import type { ServiceContext } from "@/lib/services/context";
import { invalidTextErrors } from "@/lib/validation/text";

const INVALID_FIELDS = "Some fields are invalid. Fix them and try again.";

/**
 * Wraps a service call as a server action: session, zod parse, the service (which authorizes and
 * audits inside its transaction), and one result shape. Server actions are public POST endpoints,
 * so nothing here trusts the caller: the input is parsed and the service decides what is allowed.
 */
export function defineAction<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.output<S>, ctx: ServiceContext) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => {
    let ctx: ServiceContext | undefined;
    try {
      ctx = await requireServiceContext();

      // Checked before the schema so that no string the database cannot store reaches a service.
      const invalidText = invalidTextErrors(input);
      if (invalidText) return { ok: false, code: "VALIDATION", message: INVALID_FIELDS, fieldErrors: invalidText };

      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return { ok: false, code: "VALIDATION", message: INVALID_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
      }

      return { ok: true, data: await run(parsed.data, ctx) };
    } catch (error) {
      unstable_rethrow(error);
      return toFailure(error, ctx);
    }
  };
}

export async function toFailure(error: unknown, ctx?: ServiceContext): Promise<ActionResult<never>> {
  if (error instanceof ForbiddenError && ctx) await recordDenied(ctx, error);
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };

  logger.error({ err: error, requestId: ctx?.requestId, actorId: ctx?.actor.id }, "server action failed");
  return {
    ok: false,
    code: "INTERNAL",
    message: `Something went wrong on the server. Nothing was changed. Reference: ${ctx?.requestId ?? "unknown"}.`,
    fieldErrors: {},
  };
}
