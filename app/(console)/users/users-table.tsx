"use client";

import type { ColumnDef, SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { capitalize, UserStatusBadge } from "@/components/ui/badges";
import { LocalTime } from "@/components/ui/local-time";
import { USER_SORTS, userSearchParams } from "./search-params";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  title: string | null;
  status: string;
  employmentType: string;
  teamName: string | null;
  lastActiveAt: string | null;
  createdAt: string;
}

type UserSort = (typeof USER_SORTS)[number];

const columns: ColumnDef<UserRow, string | null>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: "Name",
    cell: ({ row }) => (
      <div className="min-w-40">
        <Link href={`/users/${encodeURIComponent(row.original.id)}`} className="link">
          {row.original.name}
        </Link>
        {row.original.title ? <div className="text-xs text-slate-600">{row.original.title}</div> : null}
      </div>
    ),
  },
  { id: "email", accessorKey: "email", header: "Email", cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue()}</span> },
  { id: "team", accessorKey: "teamName", header: "Team", enableSorting: false, cell: ({ getValue }) => getValue() ?? <span className="text-slate-500">No team</span> },
  { id: "status", accessorKey: "status", header: "Status", cell: ({ getValue }) => <UserStatusBadge status={getValue() ?? ""} /> },
  { id: "type", accessorKey: "employmentType", header: "Type", enableSorting: false, cell: ({ getValue }) => capitalize(getValue() ?? "") },
  { id: "lastActive", accessorKey: "lastActiveAt", header: "Last active", sortDescFirst: true, cell: ({ getValue }) => <LocalTime iso={getValue()} /> },
  { id: "created", accessorKey: "createdAt", header: "Created", sortDescFirst: true, cell: ({ getValue }) => <LocalTime iso={getValue()} format="date" /> },
];

/** Renders one server-side page of the user directory. Sorting a column rewrites the URL. */
export function UsersTable({ rows, sort, dir }: { rows: UserRow[]; sort: UserSort; dir: "asc" | "desc" }) {
  const [pending, startTransition] = useTransition();
  const [, setParams] = useQueryStates(userSearchParams, { shallow: false, clearOnDefault: true, startTransition });

  const onSortingChange = (next: SortingState) => {
    const first = next[0];
    if (!first || !(USER_SORTS as readonly string[]).includes(first.id)) return;
    void setParams({ sort: first.id as UserSort, dir: first.desc ? "desc" : "asc", page: null });
  };

  return (
    <DataTable
      caption="Users"
      columns={columns}
      data={rows}
      getRowId={(row) => row.id}
      sorting={[{ id: sort, desc: dir === "desc" }]}
      onSortingChange={onSortingChange}
      busy={pending}
      emptyMessage="No users match these filters."
    />
  );
}
