import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/result";

// Every manual grant change records why, so that an access review or an auditor can read it later.
export const grantReason = z
  .string({ message: "Enter a reason." })
  .transform((v) => v.normalize("NFC").trim())
  .pipe(z.string().min(1, "Enter a reason.").max(500, "Use at most 500 characters."));

/**
 * Parses a grant service's input. Server actions parse it already, but jobs and tests call the services
 * directly, and they get the same per-field ValidationError as a form would.
 */
export function parseGrantInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Some fields are invalid. Fix them and try again.", fieldErrorsOf(parsed.error));
  return parsed.data;
}
