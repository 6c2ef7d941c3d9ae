"use client";

import { useQueryStates } from "nuqs";
import { useEffect, useRef, useState, useTransition } from "react";
import { capitalize } from "@/components/ui/badges";
import { userSearchParams } from "./search-params";

const SEARCH_DELAY_MS = 300;

interface UsersToolbarProps {
  statuses: readonly string[];
  teams: { id: string; name: string }[];
  roles: { key: string; name: string }[];
}

/** Renders the search and filters of the user directory. Every change goes to the URL, and the server re-renders the page. */
export function UsersToolbar({ statuses, teams, roles }: UsersToolbarProps) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(userSearchParams, { shallow: false, clearOnDefault: true, startTransition });
  const [search, setSearch] = useState(params.q);
  const sentSearch = useRef(params.q);

  // Typing updates the URL after a pause, so the server is not asked for every keystroke.
  useEffect(() => {
    if (search === sentSearch.current) return;
    const timer = setTimeout(() => {
      sentSearch.current = search;
      void setParams({ q: search || null, page: null });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, setParams]);

  // A URL change from elsewhere (back button, "Clear filters") replaces the text in the box.
  useEffect(() => {
    if (params.q === sentSearch.current) return;
    sentSearch.current = params.q;
    setSearch(params.q);
  }, [params.q]);

  const filtered = Boolean(params.q || params.status || params.team || params.role);

  return (
    <div className="mb-3 flex flex-wrap items-end gap-3">
      <form role="search" className="min-w-56 flex-1" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="user-search" className="field-label">
          Search
        </label>
        <input
          id="user-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name or email"
          maxLength={200}
          autoComplete="off"
          className="field-input"
        />
      </form>

      <Filter id="filter-status" label="Status" value={params.status} anyLabel="Any status" onChange={(status) => setParams({ status, page: null })}>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {capitalize(status)}
          </option>
        ))}
      </Filter>
      <Filter id="filter-team" label="Team" value={params.team} anyLabel="Any team" onChange={(team) => setParams({ team, page: null })}>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </Filter>
      <Filter id="filter-role" label="Role" value={params.role} anyLabel="Any role" onChange={(role) => setParams({ role, page: null })}>
        {roles.map((role) => (
          <option key={role.key} value={role.key}>
            {role.name}
          </option>
        ))}
      </Filter>

      <div>
        <label htmlFor="per-page" className="field-label">
          Per page
        </label>
        <select id="per-page" value={params.perPage} onChange={(event) => setParams({ perPage: Number(event.target.value), page: null })} className="field-input w-auto">
          {[25, 50, 100].map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>

      {filtered ? (
        <button type="button" className="btn btn-ghost" onClick={() => setParams({ q: null, status: null, team: null, role: null, page: null })}>
          Clear filters
        </button>
      ) : null}
      <p role="status" className="min-w-20 pb-2 text-sm text-slate-600">
        {pending ? "Updating…" : ""}
      </p>
    </div>
  );
}

interface FilterProps {
  id: string;
  label: string;
  value: string | null;
  anyLabel: string;
  onChange: (value: string | null) => void;
  children: React.ReactNode;
}

function Filter({ id, label, value, anyLabel, onChange, children }: FilterProps) {
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className="field-input w-auto max-w-56">
        <option value="">{anyLabel}</option>
        {children}
      </select>
    </div>
  );
}
