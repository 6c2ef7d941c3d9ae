import { beforeAll, describe, expect, it } from "vitest";
import { createRosterImport, discardRosterImport, updateRosterOptions } from "@/lib/services/roster/batches";
import { contextFor, makeUser } from "../factory";
import { auditCount, bytesOf, lastAudit } from "./helpers";

let adminId: string;
let otherAdminId: string;
let managerId: string;

async function upload() {
  const { id } = await createRosterImport(await contextFor(adminId), { fileName: "audit.csv", bytes: bytesOf("Courriel,Nom\nx.person@corp.example,X Person\n") });
  return id;
}

beforeAll(async () => {
  adminId = (await makeUser({ roles: ["admin"] })).id;
  otherAdminId = (await makeUser({ roles: ["admin"] })).id;
  managerId = (await makeUser({ roles: ["manager"] })).id;
});

describe("updateRosterOptions audit", () => {
  it("records the changed options", async () => {
    const id = await upload();

    await updateRosterOptions(await contextFor(adminId), { id, options: { delimiter: ",", dateFormat: "iso", mapping: { email: 0, name: 1 } } });

    expect(await lastAudit("roster_import.update")).toMatchObject({
      actorId: adminId,
      targetType: "roster_import",
      targetId: id,
      before: { delimiter: "auto", mapping: {} },
      after: { delimiter: ",", mapping: { email: 0, name: 1 } },
    });
  });

  it("records nothing when nothing changed", async () => {
    const id = await upload();

    await updateRosterOptions(await contextFor(adminId), { id, options: { delimiter: "auto", dateFormat: "iso", mapping: {} } });

    expect(await auditCount("roster_import.update", id)).toBe(0);
  });

  it("refuses other actors without an event", async () => {
    const id = await upload();
    const options = { delimiter: ",", dateFormat: "iso", mapping: {} } as const;

    await expect(updateRosterOptions(await contextFor(managerId), { id, options })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateRosterOptions(await contextFor(otherAdminId), { id, options })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await auditCount("roster_import.update", id)).toBe(0);
  });
});

describe("discardRosterImport audit", () => {
  it("records the discard", async () => {
    const id = await upload();

    await discardRosterImport(await contextFor(adminId), { id });

    expect(await lastAudit("roster_import.discard")).toMatchObject({
      actorId: adminId,
      targetId: id,
      before: { status: "previewed", fileName: "audit.csv", rows: 1 },
      after: { status: "discarded" },
    });
  });

  it("refuses other actors without an event", async () => {
    const id = await upload();

    await expect(discardRosterImport(await contextFor(managerId), { id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(discardRosterImport(await contextFor(otherAdminId), { id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await auditCount("roster_import.discard", id)).toBe(0);
  });
});
