"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Updater } from "@tanstack/react-table";

interface DataTableProps<TRow> {
  // Read by screen readers as the table's name.
  caption: string;
  // Columns mix value types, which TanStack's ColumnDef can only express with `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<TRow, any>[];
  data: TRow[];
  getRowId: (row: TRow) => string;
  // Sorting and pagination happen on the server: the table only shows and requests them.
  sorting: SortingState;
  onSortingChange: (next: SortingState) => void;
  busy?: boolean;
  emptyMessage: string;
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/** A server-paginated, server-sorted table built on TanStack Table. */
export function DataTable<TRow>({ caption, columns, data, getRowId, sorting, onSortingChange, busy = false, emptyMessage }: DataTableProps<TRow>) {
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
  });

  return (
    <div className="card overflow-x-auto">
      <table aria-busy={busy} className={`w-full border-collapse text-left text-sm ${busy ? "opacity-60" : ""}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sortable = header.column.getCanSort();
                const direction = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" aria-sort={sortable ? (direction ? ARIA_SORT[direction] : "none") : undefined} className="px-3 py-2 whitespace-nowrap">
                    {sortable ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-950">
                        {label}
                        <SortIcon direction={direction} />
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-600">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  const glyph = direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕";
  return (
    <span aria-hidden="true" className={direction ? "text-indigo-700" : "text-slate-400"}>
      {glyph}
    </span>
  );
}
