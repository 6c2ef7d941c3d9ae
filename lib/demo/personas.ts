// One sign-in per persona of the demo organization. These passwords exist only in demo databases:
// the demo seeder refuses to run on a database that holds non-demo data.
export const DEMO_PASSWORD = "Warden-demo-2026!";

export const PERSONAS = [
  { key: "owner", role: "owner", email: "olivia.owner@demo.warden.example", name: "Olivia Owner", title: "Head of Security Operations" },
  { key: "admin", role: "admin", email: "adam.admin@demo.warden.example", name: "Adam Admin", title: "IT Administrator" },
  { key: "manager", role: "manager", email: "maria.manager@demo.warden.example", name: "Maria Manager", title: "Support Manager" },
  { key: "responder", role: "responder", email: "ryan.responder@demo.warden.example", name: "Ryan Responder", title: "Support Engineer I" },
  { key: "commander", role: "incident_commander", email: "carla.commander@demo.warden.example", name: "Carla Commander", title: "Senior Site Reliability Engineer" },
  { key: "auditor", role: "auditor", email: "aiden.auditor@demo.warden.example", name: "Aiden Auditor", title: "Compliance Auditor" },
  { key: "executive", role: "executive_viewer", email: "eva.executive@demo.warden.example", name: "Eva Executive", title: "VP Engineering" },
  { key: "vendor", role: "vendor", email: "victor.vendor@demo.warden.example", name: "Victor Vendor", title: "Vendor Support Specialist" },
] as const;

export type PersonaKey = (typeof PERSONAS)[number]["key"];
