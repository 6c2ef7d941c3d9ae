import type { z } from "zod";
import type { ErrorCode, FieldErrors } from "./errors";
// Installs the readable default messages before any schema is parsed through the action client.
import "./validation/messages";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors: FieldErrors };

// Turns a zod error into per-field messages keyed by the dotted path of the field.
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
