import { z } from "zod";

// zod's own messages ("Too big: expected string to have <=20000 characters") reach the browser as field
// errors, so every issue without a message from its schema gets one that names the limit and the fix.
// zod 4 uses this global map only where the schema sets no message, so messages written in schemas win.

const count = (value: number | bigint) => Number(value).toLocaleString("en-US");

const TYPE_NAMES: Record<string, string> = {
  string: "Must be text.",
  number: "Must be a number.",
  int: "Must be a whole number.",
  bigint: "Must be a whole number.",
  boolean: "Must be true or false.",
  date: "Must be a date.",
  array: "Must be a list.",
  object: "Must be a group of fields.",
};

const FORMATS: Record<string, string> = {
  email: "Enter a valid email address, like name@example.com.",
  url: "Enter a full URL, starting with https://.",
  datetime: "Enter a valid date and time.",
  date: "Enter a valid date as YYYY-MM-DD.",
  time: "Enter a valid time as HH:MM.",
  uuid: "Must be a valid UUID.",
};

function sizeOf(origin: string): { unit: string; noun: string } | null {
  if (origin === "string") return { unit: "characters", noun: "text" };
  if (origin === "array" || origin === "set") return { unit: "items", noun: "list" };
  if (origin === "file") return { unit: "bytes", noun: "file" };
  return null;
}

/** Returns the message for one zod issue, or undefined to keep zod's default. */
export function messageForIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required. Enter a value.";
      return TYPE_NAMES[issue.expected] ?? "Invalid value. Check this field and try again.";

    case "too_big": {
      const size = sizeOf(issue.origin);
      if (size) {
        if (issue.exact) return `Must be exactly ${count(issue.maximum)} ${size.unit}.`;
        return size.unit === "items"
          ? `Too many: at most ${count(issue.maximum)} items. Remove some.`
          : `Too long: at most ${count(issue.maximum)} ${size.unit}. Shorten it.`;
      }
      if (issue.origin === "date") return `Must be on or before ${new Date(Number(issue.maximum)).toISOString().slice(0, 10)}.`;
      return issue.inclusive === false ? `Must be less than ${count(issue.maximum)}.` : `Must be at most ${count(issue.maximum)}.`;
    }

    case "too_small": {
      const size = sizeOf(issue.origin);
      if (size) {
        if (issue.exact) return `Must be exactly ${count(issue.minimum)} ${size.unit}.`;
        if (Number(issue.minimum) === 1) return size.unit === "items" ? "Add at least one item." : "Required. Enter a value.";
        return `Too short: at least ${count(issue.minimum)} ${size.unit}.`;
      }
      if (issue.origin === "date") return `Must be on or after ${new Date(Number(issue.minimum)).toISOString().slice(0, 10)}.`;
      return issue.inclusive === false ? `Must be more than ${count(issue.minimum)}.` : `Must be at least ${count(issue.minimum)}.`;
    }

    case "invalid_format":
      if (issue.format === "starts_with" || issue.format === "ends_with" || issue.format === "includes" || issue.format === "regex") {
        return "Invalid format. Check this field and try again.";
      }
      return FORMATS[issue.format] ?? `Must be a valid ${issue.format}.`;

    case "invalid_value":
      if (issue.values.length > 0 && issue.values.length <= 8) return `Pick one of: ${issue.values.map(String).join(", ")}.`;
      return "Pick a value from the list.";

    case "not_multiple_of":
      return `Must be a multiple of ${count(issue.divisor)}.`;

    case "unrecognized_keys":
      return `Unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.join(", ")}. Remove ${issue.keys.length === 1 ? "it" : "them"}.`;

    case "invalid_union":
      return "Invalid value. Check this field and try again.";

    default:
      return undefined;
  }
}

z.config({ customError: messageForIssue });
