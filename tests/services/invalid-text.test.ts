import { beforeAll, describe, expect, it } from "vitest";
import { t, transaction } from "@/db";
import { firstValues } from "@/lib/search-params";
import { signInWithPassword } from "@/lib/services/auth/sign-in";
import type { ServiceContext } from "@/lib/services/context";
import { getIncident } from "@/lib/services/incidents/get";
import { createRosterImport, getRosterImport } from "@/lib/services/roster/batches";
import { exportUsersCsv, userExportQuery } from "@/lib/services/users/export";
import { getUser } from "@/lib/services/users/get";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { loadEditableUser } from "@/lib/services/users/editable";
import { invalidTextPaths, isValidText, stripInvalidText } from "@/lib/validation/text";
import { contextFor, makeUser } from "../factory";

let admin: ServiceContext;

beforeAll(async () => {
  await makeUser({ name: "Ada Byron", email: "ada.byron@corp.example" });
  admin = await contextFor((await makeUser({ roles: ["admin"] })).id);
});

describe("text validation helpers", () => {
  it("accepts paired surrogates and rejects lone ones", () => {
    expect(isValidText("emoji \uD83D\uDE00")).toBe(true);
    expect(isValidText("a\u0000b")).toBe(false);
    expect(isValidText("x\uD800y")).toBe(false);
    expect(isValidText("x\uDC00")).toBe(false);
    expect(isValidText("\uDE00\uD83D")).toBe(false);
  });

  it("strips only the invalid characters", () => {
    expect(stripInvalidText("a\u0000b\uD800c\uD83D\uDE00")).toBe("abc\uD83D\uDE00");
  });

  it("names the path of each invalid string", () => {
    expect(invalidTextPaths({ a: "ok", b: ["x", "\u0000"], c: { d: "\uDFFF" } })).toEqual(["b.1", "c.d"]);
    expect(invalidTextPaths("\u0000")).toEqual(["_form"]);
    expect(invalidTextPaths({ ["k\u0000"]: "v" })).toEqual(["_form"]);
  });

  it("strips URL parameters", () => {
    expect(firstValues({ q: "a\u0000b", team: ["t\uD800", "x"] })).toEqual({ q: "ab", team: "t" });
  });
});

describe("list and export queries", () => {
  it("search with a NUL character does not fail", async () => {
    const result = await listUsers(admin, userListQuery.parse({ q: "ada\u0000 byron" }));

    expect(result.rows.map((row) => row.name)).toEqual(["Ada Byron"]);
  });

  it("short and lone-surrogate searches do not fail", async () => {
    await expect(listUsers(admin, userListQuery.parse({ q: "\u0000" }))).resolves.toMatchObject({ page: 1 });
    await expect(listUsers(admin, userListQuery.parse({ q: "a\uD800" }))).resolves.toMatchObject({ page: 1 });
  });

  it("team and role filters with a NUL character do not fail", async () => {
    const result = await listUsers(admin, userListQuery.parse({ team: "a\u0000", role: "admin\u0000" }));

    expect(result.total).toBe(0);
  });

  it("export with a NUL character does not fail", async () => {
    let text = "";
    for await (const chunk of exportUsersCsv(admin, userExportQuery.parse({ q: "\u0000", team: "t\u0000" }))) text += chunk;

    expect(text.split("\n")[0]).toContain("email");
  });
});

describe("ids from the URL", () => {
  it("getUser reports NOT_FOUND for a NUL id", async () => {
    await expect(getUser(admin, "user\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(loadEditableUser(admin, "user\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("getIncident reports NOT_FOUND for a NUL id", async () => {
    await expect(getIncident(admin, "inc\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("getRosterImport reports NOT_FOUND for a NUL id", async () => {
    await expect(getRosterImport(admin, "batch\u0000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("roster upload", () => {
  it("rejects a file with NUL bytes", async () => {
    const bytes = new TextEncoder().encode("email,name\nnul@corp.example,Nul\u0000Name\n");

    await expect(createRosterImport(admin, { fileName: "roster.csv", bytes })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { file: [expect.stringContaining("NUL")] },
    });
  });

  it("drops a NUL character from the file name", async () => {
    const bytes = new TextEncoder().encode("email,name\nclean@corp.example,Clean Name\n");

    const { id } = await createRosterImport(admin, { fileName: "ros\u0000ter.csv", bytes });

    expect((await getRosterImport(admin, id)).fileName).toBe("roster.csv");
  });
});

describe("sign-in", () => {
  it("rejects an email with a NUL character without failing", async () => {
    const meta = { ip: "203.0.113.50", userAgent: "vitest", requestId: "req_nul" };

    await expect(signInWithPassword("ada.byron@corp.example\u0000", "whatever-password", meta)).resolves.toBeNull();
    const rows = await transaction((tx) => tx.select().from(t.authThrottle));
    expect(rows.some((row) => row.key.includes("ada.byron@corp.example"))).toBe(true);
  });
});
