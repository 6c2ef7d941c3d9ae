import { parseAsArrayOf, parseAsInteger, parseAsStringLiteral } from "nuqs";
import { INCIDENT_STATUSES, SEVERITIES } from "@/db/types";

export const INCIDENT_SORTS = ["created", "number", "severity", "status"] as const;

// The incident list's URL state, as the browser edits it. The defaults match those of
// incidentListQuery, which parses the same keys again on the server.
export const incidentSearchParams = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsInteger.withDefault(25),
  sort: parseAsStringLiteral(INCIDENT_SORTS).withDefault("created"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
  severity: parseAsArrayOf(parseAsStringLiteral(SEVERITIES)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(INCIDENT_STATUSES)).withDefault([]),
};
