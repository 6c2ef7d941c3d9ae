import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/result";
import { updateIncidentInput } from "@/lib/services/incidents/update";

function errorsOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be invalid");
  return fieldErrorsOf(parsed.error);
}

describe("default zod messages", () => {
  it("name the maximum length and the fix", () => {
    const errors = errorsOf(updateIncidentInput, { id: "inc_1", version: 1, internalNotes: "x".repeat(20_001) });

    expect(errors.internalNotes).toEqual(["Too long: at most 20,000 characters. Shorten it."]);
  });

  it("name the expected type", () => {
    const errors = errorsOf(z.object({ name: z.string(), count: z.number(), tags: z.array(z.string()) }), { name: 5, count: "5", tags: "a" });

    expect(errors).toEqual({ name: ["Must be text."], count: ["Must be a number."], tags: ["Must be a list."] });
  });

  it("report a missing field as required", () => {
    expect(errorsOf(z.object({ name: z.string() }), {})).toEqual({ name: ["Required. Enter a value."] });
  });

  it("list the allowed values of a short enum", () => {
    expect(errorsOf(z.object({ dir: z.enum(["asc", "desc"]) }), { dir: "up" })).toEqual({ dir: ["Pick one of: asc, desc."] });
  });

  it("name numeric and list limits", () => {
    const schema = z.object({ n: z.number().int().min(1).max(10), items: z.array(z.string()).max(2), code: z.string().length(4) });

    expect(errorsOf(schema, { n: 11, items: ["a", "b", "c"], code: "abc" })).toEqual({
      n: ["Must be at most 10."],
      items: ["Too many: at most 2 items. Remove some."],
      code: ["Must be exactly 4 characters."],
    });
  });

  it("keep messages set in schemas", () => {
    const errors = errorsOf(updateIncidentInput, { id: "inc_1", version: 1, summary: "  " });

    expect(errors.summary).toEqual(["Summary cannot be empty."]);
  });

  it("contain no zod default wording", () => {
    const errors = errorsOf(z.object({ a: z.string().max(3), b: z.number(), c: z.email() }), { a: "abcd", b: "x", c: "nope" });

    expect(JSON.stringify(errors)).not.toMatch(/expected|received|<=|Invalid input/);
    expect(errors.c).toEqual(["Enter a valid email address, like name@example.com."]);
  });
});
