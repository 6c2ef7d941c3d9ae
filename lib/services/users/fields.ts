import { z } from "zod";
import { EMPLOYMENT_TYPES } from "@/db/types";
import { isIsoDate } from "./dates";

// Profile fields shared by onboarding and editing. Text is stored in Unicode NFC, so the same name
// typed on different systems compares equal.
export const personName = z
  .string()
  .transform((v) => v.normalize("NFC").trim())
  .pipe(z.string().min(1, "Enter a name.").max(200, "Use at most 200 characters."));

export const optionalText = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => v.normalize("NFC").trim() || null)
    .nullable()
    .optional();

export const optionalIsoDate = z
  .string()
  .trim()
  .transform((v) => v || null)
  .refine((v) => v === null || isIsoDate(v), "Enter a date as YYYY-MM-DD.")
  .nullable()
  .optional();

export const optionalId = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v || null)
  .nullable()
  .optional();

export const employmentType = z.enum(EMPLOYMENT_TYPES, { message: "Pick employee, contractor or vendor." });
