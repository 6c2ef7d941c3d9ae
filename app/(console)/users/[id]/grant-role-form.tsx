"use client";

import { useState, useTransition } from "react";
import { SelectField, TextField } from "@/components/lifecycle/fields";
import type { FieldErrors } from "@/lib/errors";
import type { grantFormOptions } from "@/lib/services/grants/form-options";
import { grantRoleAction } from "./grant-actions";

export type GrantFormOptions = Awaited<ReturnType<typeof grantFormOptions>>;

interface Props {
  user: { id: string; name: string };
  options: GrantFormOptions;
  onDone: (result: { ok: true; message: string } | { ok: false; message: string; conflict: boolean }) => void;
}

const EMPTY = { roleId: "", scope: "", expiresAt: "", reason: "" };

/** Renders the "Grant a role" form, offering only the scopes and roles the server found the actor may grant. */
export function GrantRoleForm({ user, options, onDone }: Props) {
  const [form, setForm] = useState(() => ({ ...EMPTY, scope: options.scopes[0]?.value ?? "" }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();

  const scope = options.scopes.find((s) => s.value === form.scope);
  const roles = options.roles.filter((role) => scope?.roleIds.includes(role.id));
  const role = roles.find((r) => r.id === form.roleId);
  const needsEnd = role?.needsEndDate ?? false;

  const set = (field: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.target.value;
    setForm((f) => {
      const next = { ...f, [field]: value };
      // A role offered in one scope may not be offered in the next one.
      if (field === "scope" && !options.scopes.find((s) => s.value === value)?.roleIds.includes(f.roleId)) next.roleId = "";
      return next;
    });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await grantRoleAction({ userId: user.id, roleId: form.roleId || null, teamId: form.scope || null, expiresAt: form.expiresAt || null, reason: form.reason });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        onDone({ ok: false, message: result.message, conflict: result.code === "CONFLICT" && Object.keys(result.fieldErrors).length === 0 });
        return;
      }
      setErrors({});
      setForm((f) => ({ ...EMPTY, scope: f.scope }));
      const until = result.data.expiresAt ? ` until ${result.data.expiresAt.slice(0, 10)}` : "";
      onDone({ ok: true, message: `${result.data.roleName} granted to ${user.name} ${result.data.scope}${until}.` });
    });
  };

  if (options.selfGrant) {
    return <p className="text-sm text-slate-700">You cannot grant roles to yourself. Ask another administrator.</p>;
  }
  if (options.scopes.length === 0) {
    return <p className="text-sm text-slate-700">There is no role you may grant.</p>;
  }

  const endHint = needsEnd
    ? `Required for this grant. Access ends on this day, at most ${options.contractEndMax}${options.isOwner ? "; as an Owner you may set a later date" : " unless an Owner extends it"}.`
    : "Optional. Access ends on this day (UTC).";

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate aria-labelledby="grant-form-title">
      <h3 id="grant-form-title" className="text-sm font-semibold text-slate-900 sm:col-span-2">
        Grant a role
      </h3>
      <SelectField id="grant-scope" label="Scope" value={form.scope} onChange={set("scope")} errors={errors} errorKey="teamId">
        {options.scopes.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <SelectField id="grant-role" label="Role" value={form.roleId} onChange={set("roleId")} errors={errors} errorKey="roleId" required hint="Only roles you may grant in this scope are listed.">
        <option value="">Pick a role</option>
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="grant-expires"
        label={needsEnd ? "End date (required)" : "End date"}
        type="date"
        value={form.expiresAt}
        onChange={set("expiresAt")}
        errors={errors}
        errorKey="expiresAt"
        required={needsEnd}
        min={options.today}
        max={needsEnd && !options.isOwner ? options.contractEndMax : undefined}
        hint={endHint}
      />
      <TextField id="grant-reason" label="Reason" value={form.reason} onChange={set("reason")} errors={errors} errorKey="reason" required maxLength={500} hint="Recorded with the grant and shown to reviewers." />
      <div className="sm:col-span-2">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Granting…" : "Grant role"}
        </button>
      </div>
    </form>
  );
}
