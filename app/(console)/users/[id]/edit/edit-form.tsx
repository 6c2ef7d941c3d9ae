"use client";

import { useState, useTransition } from "react";
import { OutcomeBanner, SelectField, TextField, type Outcome } from "@/components/lifecycle/fields";
import type { FieldErrors } from "@/lib/errors";
import { updateUserAction } from "./actions";

interface EditableUser {
  id: string;
  version: number;
  name: string;
  email: string;
  title: string;
  teamId: string;
  managerEmail: string;
  employmentType: "employee" | "contractor" | "vendor";
  startDate: string;
  endDate: string;
  location: string;
}

/** The profile form. It sends the version it loaded, so a save over someone else's change is rejected. */
export function EditUserForm({ user, teams }: { user: EditableUser; teams: { id: string; name: string }[] }) {
  const [form, setForm] = useState(user);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const set = (field: keyof EditableUser) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [field]: event.target.value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const result = await updateUserAction({ ...form, teamId: form.teamId || null });
      if (result.ok) {
        setForm((f) => ({ ...f, version: result.data.version }));
        setErrors({});
        setOutcome({ kind: "success", message: "Changes saved." });
        return;
      }
      setErrors(result.fieldErrors);
      setOutcome({ kind: result.code === "CONFLICT" && !Object.keys(result.fieldErrors).length ? "conflict" : "error", message: result.message });
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <OutcomeBanner outcome={outcome} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="name" label="Full name" value={form.name} onChange={set("name")} errors={errors} required maxLength={200} />
        <TextField id="email" label="Work email" type="email" value={form.email} onChange={set("email")} errors={errors} required maxLength={320} />
        <TextField id="title" label="Job title" value={form.title} onChange={set("title")} errors={errors} maxLength={200} />
        <TextField id="location" label="Location" value={form.location} onChange={set("location")} errors={errors} maxLength={200} />
        <SelectField id="teamId" label="Team" value={form.teamId} onChange={set("teamId")} errors={errors}>
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <TextField id="managerEmail" label="Manager's email" type="email" value={form.managerEmail} onChange={set("managerEmail")} errors={errors} maxLength={320} hint="Leave empty for no manager." />
        <SelectField id="employmentType" label="Employment type" value={form.employmentType} onChange={set("employmentType")} errors={errors}>
          <option value="employee">Employee</option>
          <option value="contractor">Contractor</option>
          <option value="vendor">Vendor</option>
        </SelectField>
        <TextField id="startDate" label="Start date" type="date" value={form.startDate} onChange={set("startDate")} errors={errors} />
        <TextField id="endDate" label="End date" type="date" value={form.endDate} onChange={set("endDate")} errors={errors} hint="Contractors and vendors need one; their roles end on this day at the latest." />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
