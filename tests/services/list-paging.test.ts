import { beforeAll, describe, expect, it } from "vitest";
import { t, transaction } from "@/db";
import type { ServiceContext } from "@/lib/services/context";
import { incidentListQuery, listIncidents } from "@/lib/services/incidents/list";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { contextFor, makeTeam, makeUser } from "../factory";

let admin: ServiceContext;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  admin = await contextFor((await makeUser({ roles: ["admin"] })).id);
  for (let i = 0; i < 12; i++) await makeUser({ teamId, name: `Pager ${String(i).padStart(2, "0")}` });
  const now = new Date();
  await transaction((tx) =>
    tx.insert(t.incidents).values(
      Array.from({ length: 12 }, (_, i) => ({
        id: `inc_page_${i}`, number: 8000 + i, title: `Paged ${i}`, severity: "SEV3" as const, status: "triggered" as const, teamId,
        summary: "Paging", createdAt: new Date(now.getTime() - i * 1000), updatedAt: now,
      })),
    ),
  );
});

describe("listUsers paging", () => {
  it("clamps a page past the end to the last page", async () => {
    const result = await listUsers(admin, userListQuery.parse({ team: teamId, perPage: "10", page: "999" }));

    expect(result.page).toBe(2);
    expect(result.total).toBe(12);
    expect(result.rows.map((row) => row.name)).toEqual(["Pager 10", "Pager 11"]);
  });

  it("returns page 1 for an empty result", async () => {
    const result = await listUsers(admin, userListQuery.parse({ team: "team_none", page: "5" }));

    expect(result).toMatchObject({ page: 1, total: 0, rows: [] });
  });
});

describe("listIncidents paging", () => {
  it("clamps a page past the end to the last page", async () => {
    const total = (await listIncidents(admin, incidentListQuery.parse({ perPage: "10" }))).total;

    const result = await listIncidents(admin, incidentListQuery.parse({ perPage: "10", page: "999" }));

    expect(result.page).toBe(Math.ceil(total / 10));
    expect(result.rows.length).toBe(total - (result.page - 1) * 10);
  });
});
