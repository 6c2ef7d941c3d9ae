import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { t, transaction } from "@/db";
import type { ServiceContext } from "@/lib/services/context";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { contextFor, makeUser } from "../factory";

// Names and emails chosen to exercise case folding beyond ASCII and the LIKE and FTS5 query syntax.
// No email here contains "_" or "%", so those characters only match where a name contains them.
const PEOPLE = {
  emile: { name: "Émile Zola", email: "emile@corp.example" },
  chloe: { name: "Chloé Martin", email: "chloe@corp.example" },
  zoe: { name: "ZOË Kravitz", email: "zoe@corp.example" },
  lukasz: { name: "Łukasz Nowak", email: "lukasz@corp.example" },
  julia: { name: "Юлия Иванова", email: "julia@corp.example" },
  percent: { name: "Ann 100% Sure", email: "ann@corp.example" },
  underscore: { name: "snake_case Person", email: "snake@corp.example" },
  backslash: { name: "Back\\slash Person", email: "backslash@corp.example" },
  quote: { name: 'Quinn "Q" Quote', email: "quinn@corp.example" },
  plain: { name: "Plain Person", email: "pers.on@corp.example" },
} as const;
type Key = keyof typeof PEOPLE;

let ctx: ServiceContext;
const ids = {} as Record<Key, string>;
const nameOf = new Map<string, Key>();

async function search(q: string, extra: Record<string, unknown> = {}) {
  return listUsers(ctx, userListQuery.parse({ q, perPage: 100, ...extra }));
}

async function found(q: string): Promise<Key[]> {
  const result = await search(q);
  expect(result.total).toBe(result.rows.length);
  return result.rows.map((r) => nameOf.get(r.id)).filter((k): k is Key => k !== undefined).sort();
}

beforeAll(async () => {
  const admin = await makeUser({ name: "Directory Admin", email: "admin@corp.example", roles: ["admin"] });
  ctx = await contextFor(admin.id);
  for (const [key, person] of Object.entries(PEOPLE) as [Key, (typeof PEOPLE)[Key]][]) {
    const user = await makeUser(person);
    ids[key] = user.id;
    nameOf.set(user.id, key);
  }
});

describe("users search", () => {
  it("folds non-ASCII case in long searches", async () => {
    expect(await found("émile")).toEqual(["emile"]);
    expect(await found("ÉMILE")).toEqual(["emile"]);
    expect(await found("zoë")).toEqual(["zoe"]);
    expect(await found("ŁUK")).toEqual(["lukasz"]);
    expect(await found("ЮЛИЯ")).toEqual(["julia"]);
    expect(await found("иванова")).toEqual(["julia"]);
  });

  it("keeps accents distinct", async () => {
    expect(await found("emile")).toEqual(["emile"]);
    expect(await found("Chloe")).toEqual(["chloe"]);
    expect(await found("chloé")).toEqual(["chloe"]);
  });

  it("folds case in short searches", async () => {
    expect(await found("é")).toEqual(["chloe", "emile"]);
    expect(await found("É")).toEqual(["chloe", "emile"]);
    expect(await found("Ł")).toEqual(["lukasz"]);
    expect(await found("zo")).toEqual(["emile", "zoe"]);
  });

  it("treats LIKE metacharacters literally", async () => {
    expect(await found("%")).toEqual(["percent"]);
    expect(await found("0% S")).toEqual(["percent"]);
    expect(await found("_")).toEqual(["underscore"]);
    expect(await found("e_c")).toEqual(["underscore"]);
    expect(await found("\\")).toEqual(["backslash"]);
    expect(await found("k\\s")).toEqual(["backslash"]);
  });

  it("treats FTS5 syntax literally", async () => {
    expect(await found('"Q"')).toEqual(["quote"]);
    expect(await found('n "q')).toEqual(["quote"]);
    expect(await found("*")).toEqual([]);
    expect(await found("son AND")).toEqual([]);
  });

  it("matches emails and spaces", async () => {
    expect(await found("pers.on")).toEqual(["plain"]);
    expect(await found("n Per")).toEqual(["plain"]);
  });

  it("combines search with status", async () => {
    const result = await search("person", { status: "suspended" });
    expect(result.total).toBe(0);
    expect(result.rows).toEqual([]);
  });

  it("follows renames", async () => {
    await transaction((tx) => tx.update(t.users).set({ name: "Émilie Zola" }).where(eq(t.users.id, ids.emile)));
    expect(await found("émilie")).toEqual(["emile"]);
    await transaction((tx) => tx.update(t.users).set({ name: "Renamed Writer" }).where(eq(t.users.id, ids.emile)));
    expect(await found("émil")).toEqual([]);
    expect(await found("writer")).toEqual(["emile"]);
    await transaction((tx) => tx.update(t.users).set({ name: PEOPLE.emile.name }).where(eq(t.users.id, ids.emile)));
  });
});

describe("users search with many matches", () => {
  const COUNT = 2_100;

  beforeAll(async () => {
    const now = new Date();
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      id: `dense_${String(i).padStart(5, "0")}`,
      email: `dense.${i}@corp.example`,
      name: `Densely Named ${String(COUNT - i).padStart(5, "0")}`,
      status: i % 2 ? ("active" as const) : ("suspended" as const),
      employmentType: "employee" as const,
      source: "manual" as const,
      createdAt: now,
      updatedAt: now,
    }));
    await transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(t.users).values(rows.slice(i, i + 500));
    });
  });

  it("returns the first page in order", async () => {
    const result = await listUsers(ctx, userListQuery.parse({ q: "densely", perPage: 50 }));
    expect(result.total).toBe(COUNT);
    expect(result.rows).toHaveLength(50);
    expect(result.rows[0]!.name).toBe("Densely Named 00001");
    expect(result.rows[49]!.name).toBe("Densely Named 00050");
  });

  it("counts with another filter", async () => {
    const result = await listUsers(ctx, userListQuery.parse({ q: "densely", status: "active", perPage: 50, page: 2 }));
    expect(result.total).toBe(COUNT / 2);
    expect(result.rows).toHaveLength(50);
    expect(result.rows.every((r) => r.status === "active")).toBe(true);
  });

  it("returns a later page sorted descending", async () => {
    const result = await listUsers(ctx, userListQuery.parse({ q: "DENSE", sort: "name", dir: "desc", page: 42, perPage: 50 }));
    expect(result.total).toBe(COUNT);
    expect(result.rows).toHaveLength(50);
    expect(result.rows[0]!.name).toBe(`Densely Named ${String(COUNT - 41 * 50).padStart(5, "0")}`);
  });
});
