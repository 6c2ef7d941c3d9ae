const TONES = {
  gray: "bg-slate-100 text-slate-700 ring-slate-300",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  orange: "bg-orange-50 text-orange-900 ring-orange-300",
  blue: "bg-sky-50 text-sky-900 ring-sky-300",
  violet: "bg-violet-50 text-violet-900 ring-violet-300",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "gray", children }: { tone?: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

const USER_STATUS_TONES: Record<string, Tone> = { active: "green", invited: "blue", suspended: "amber", deactivated: "gray", purged: "gray" };

export function UserStatusBadge({ status }: { status: string }) {
  return <Badge tone={USER_STATUS_TONES[status] ?? "gray"}>{capitalize(status)}</Badge>;
}

const SEVERITY_TONES: Record<string, Tone> = { SEV1: "red", SEV2: "orange", SEV3: "amber", SEV4: "gray" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONES[severity] ?? "gray"}>{severity}</Badge>;
}

const INCIDENT_STATUS_TONES: Record<string, Tone> = {
  triggered: "red",
  acknowledged: "orange",
  investigating: "amber",
  mitigated: "blue",
  resolved: "green",
  closed: "gray",
};

export function IncidentStatusBadge({ status }: { status: string }) {
  return <Badge tone={INCIDENT_STATUS_TONES[status] ?? "gray"}>{capitalize(status)}</Badge>;
}

export function capitalize(value: string): string {
  return value ? value[0].toUpperCase() + value.slice(1).replaceAll("_", " ") : value;
}
