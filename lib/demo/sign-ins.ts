import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import { DEMO_PASSWORD, PERSONAS } from "./personas";

export interface PersonaSignIn {
  persona: string;
  email: string;
  password: string;
}

/** Returns one sign-in per persona, named by the persona's built-in role. */
export function personaSignIns(): PersonaSignIn[] {
  return PERSONAS.map((p) => ({
    persona: BUILT_IN_ROLES.find((r) => r.key === p.role)?.name ?? p.key,
    email: p.email,
    password: DEMO_PASSWORD,
  }));
}

/** Formats the persona sign-ins as a plain-text table for a terminal. */
export function formatSignInTable(rows: PersonaSignIn[] = personaSignIns()): string {
  const header: PersonaSignIn = { persona: "Persona", email: "Email", password: "Password" };
  const all = [header, ...rows];
  const width = (key: keyof PersonaSignIn) => Math.max(...all.map((r) => r[key].length));
  const line = (r: PersonaSignIn) => `${r.persona.padEnd(width("persona"))}  ${r.email.padEnd(width("email"))}  ${r.password}`;
  const rule = `${"-".repeat(width("persona"))}  ${"-".repeat(width("email"))}  ${"-".repeat(width("password"))}`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
