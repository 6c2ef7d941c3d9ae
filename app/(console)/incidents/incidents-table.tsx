"use client";

import type { ColumnDef, SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { IncidentStatusBadge, SeverityBadge } from "@/components/ui/badges";
import { LocalTime } from "@/components/ui/local-time";
import { INCIDENT_SORTS, incidentSearchParams } from "./search-params";

export interface IncidentRow {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  teamName: string;
  assigneeName: string | null;
  createdAt: string;
}

type IncidentSort = (typeof INCIDENT_SORTS)[number];

const columns: ColumnDef<IncidentRow, string | number | null>[] = [
  { id: "number", accessorKey: "number", header: "#", sortDescFirst: true, cell: ({ getValue }) => <span className="font-mono text-xs text-slate-700">#{getValue()}</span> },
  {
    id: "title",
    accessorKey: "title",
    header: "Title",
    enableSorting: false,
    cell: ({ row }) => (
      <Link href={`/incidents/${encodeURIComponent(row.original.id)}`} className="link">
        {row.original.title}
      </Link>
    ),
  },
  { id: "severity", accessorKey: "severity", header: "Severity", sortDescFirst: false, cell: ({ row }) => <SeverityBadge severity={row.original.severity} /> },
  { id: "status", accessorKey: "status", header: "Status", sortDescFirst: false, cell: ({ row }) => <IncidentStatusBadge status={row.original.status} /> },
  { id: "team", accessorKey: "teamName", header: "Team", enableSorting: false },
  { id: "assignee", accessorKey: "assigneeName", header: "Assignee", enableSorting: false, cell: ({ getValue }) => getValue() ?? <span className="text-slate-500">Unassigned</span> },
  { id: "created", accessorKey: "createdAt", header: "Created", sortDescFirst: true, cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
];

/** Renders one server-side page of incidents. Sorting a column rewrites the URL. */
export function IncidentsTable({ rows, sort, dir }: { rows: IncidentRow[]; sort: IncidentSort; dir: "asc" | "desc" }) {
  const [pending, startTransition] = useTransition();
  const [, setParams] = useQueryStates(incidentSearchParams, { shallow: false, clearOnDefault: true, startTransition });

  const onSortingChange = (next: SortingState) => {
    const first = next[0];
    if (!first || !(INCIDENT_SORTS as readonly string[]).includes(first.id)) return;
    void setParams({ sort: first.id as IncidentSort, dir: first.desc ? "desc" : "asc", page: null });
  };

  return (
    <DataTable
      caption="Incidents"
      columns={columns}
      data={rows}
      getRowId={(row) => row.id}
      sorting={[{ id: sort, desc: dir === "desc" }]}
      onSortingChange={onSortingChange}
      busy={pending}
      emptyMessage="No incidents match these filters."
    />
  );
}
