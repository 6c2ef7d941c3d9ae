import { z } from "zod";

// The fields a roster can fill, with the header spellings recognized without a manual mapping.
export const ROSTER_FIELDS = [
  { key: "email", label: "Work email", aliases: ["work email", "email", "e mail", "email address", "mail", "username", "user name", "work e mail"] },
  { key: "name", label: "Full name", aliases: ["legal name", "name", "full name", "display name", "displayname", "employee name"] },
  { key: "firstName", label: "First name", aliases: ["first name", "firstname", "given name", "givenname"] },
  { key: "lastName", label: "Last name", aliases: ["last name", "lastname", "surname", "family name", "familyname"] },
  { key: "employeeId", label: "Employee ID", aliases: ["employee id", "employeeid", "worker id", "employee number", "personnel number"] },
  { key: "title", label: "Job title", aliases: ["job title", "title", "position", "job"] },
  { key: "team", label: "Team (department)", aliases: ["department", "team", "dept", "group", "organization unit"] },
  { key: "managerEmail", label: "Manager email", aliases: ["manager email", "manager", "manager work email", "supervisor email", "reports to"] },
  { key: "employmentType", label: "Worker type", aliases: ["worker type", "employment type", "employee type", "worker category", "type"] },
  { key: "startDate", label: "Start date", aliases: ["hire date", "start date", "startdate", "hiredate", "joining date"] },
  { key: "endDate", label: "End date", aliases: ["end date", "enddate", "contract end", "contract end date", "termination date"] },
  { key: "location", label: "Location", aliases: ["location", "office", "site", "work location"] },
  { key: "role", label: "Role", aliases: ["role", "access role", "warden role"] },
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number]["key"];
export const ROSTER_FIELD_KEYS = ROSTER_FIELDS.map((f) => f.key) as [RosterField, ...RosterField[]];

export const DATE_FORMATS = {
  iso: "YYYY-MM-DD (ISO 8601)",
  dmy: "DD/MM/YYYY",
  mdy: "MM/DD/YYYY",
  "dmy-dot": "DD.MM.YYYY",
} as const;
export type DateFormat = keyof typeof DATE_FORMATS;

// A column index per field; null leaves the field unmapped, a missing key lets the header decide.
export const rosterOptions = z.object({
  delimiter: z.enum(["auto", ",", ";", "\t"]).default("auto"),
  dateFormat: z.enum(Object.keys(DATE_FORMATS) as [DateFormat, ...DateFormat[]]).default("iso"),
  mapping: z.partialRecord(z.enum(ROSTER_FIELD_KEYS), z.number().int().min(0).max(500).nullable()).default({}),
});
export type RosterOptions = z.output<typeof rosterOptions>;

export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[\s_\-./]+/g, " ").trim();
}

export type ColumnMapping = Partial<Record<RosterField, number>>;

/** The mapping in force: the administrator's explicit choices, and recognized headers for the rest. */
export function resolveMapping(headers: readonly string[], explicit: RosterOptions["mapping"]): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const usedColumns = new Set(Object.values(explicit).filter((v): v is number => typeof v === "number"));
  const mapping: ColumnMapping = {};

  for (const field of ROSTER_FIELDS) {
    const chosen = explicit[field.key];
    if (chosen === null) continue;
    if (typeof chosen === "number" && chosen < headers.length) {
      mapping[field.key] = chosen;
      continue;
    }
    const index = field.aliases.map((alias) => normalized.indexOf(alias)).find((i) => i >= 0 && !usedColumns.has(i));
    if (index !== undefined) {
      mapping[field.key] = index;
      usedColumns.add(index);
    }
  }
  return mapping;
}

/** What the mapping still lacks before rows can be checked: an email column and a name. */
export function missingFields(mapping: ColumnMapping): string[] {
  const missing: string[] = [];
  if (mapping.email === undefined) missing.push("Work email");
  if (mapping.name === undefined && mapping.firstName === undefined && mapping.lastName === undefined) missing.push("Full name, or first and last name");
  return missing;
}

const DATE_PATTERNS: Record<Exclude<DateFormat, "iso">, { re: RegExp; order: ("d" | "m" | "y")[] }> = {
  dmy: { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ["d", "m", "y"] },
  mdy: { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ["m", "d", "y"] },
  "dmy-dot": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ["d", "m", "y"] },
};

/** Converts a date cell written in the file's format to YYYY-MM-DD, or null when it is not one. */
export function toIsoDate(value: string, format: DateFormat): string | null {
  let y: number, m: number, d: number;
  if (format === "iso") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return null;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    const pattern = DATE_PATTERNS[format];
    const match = pattern.re.exec(value);
    if (!match) return null;
    const parts = { d: 0, m: 0, y: 0 };
    pattern.order.forEach((part, i) => (parts[part] = Number(match[i + 1])));
    ({ y, m, d } = parts);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const EMPLOYMENT_WORDS: Record<string, "employee" | "contractor" | "vendor"> = {
  employee: "employee",
  "full time": "employee",
  "part time": "employee",
  permanent: "employee",
  staff: "employee",
  contractor: "contractor",
  contract: "contractor",
  contingent: "contractor",
  freelancer: "contractor",
  vendor: "vendor",
  supplier: "vendor",
};

export function toEmploymentType(value: string): "employee" | "contractor" | "vendor" | null {
  return EMPLOYMENT_WORDS[normalizeHeader(value)] ?? null;
}
