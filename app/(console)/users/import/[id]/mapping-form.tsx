"use client";

import { useState, useTransition } from "react";
import { OutcomeBanner, SelectField, type Outcome } from "@/components/lifecycle/fields";
import { DATE_FORMATS, type DateFormat, type RosterField } from "@/lib/services/roster/mapping";
import { updateRosterOptionsAction } from "../actions";

interface Props {
  id: string;
  headers: string[];
  fields: { key: RosterField; label: string }[];
  mapping: Record<string, number | null>;
  delimiter: "auto" | "," | ";" | "\t";
  dateFormat: DateFormat;
}

/** Chooses which file column fills each field, the delimiter and the file's date format. */
export function MappingForm({ id, headers, fields, mapping, delimiter, dateFormat }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.key, mapping[f.key] === null ? "" : String(mapping[f.key])])));
  const [sep, setSep] = useState(delimiter);
  const [format, setFormat] = useState(dateFormat);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const chosen = Object.fromEntries(fields.map((f) => [f.key, values[f.key] === "" ? null : Number(values[f.key])]));
      const result = await updateRosterOptionsAction({ id, options: { delimiter: sep, dateFormat: format, mapping: chosen } });
      setOutcome(result.ok ? { kind: "success", message: "The preview was checked again with these settings." } : { kind: "error", message: result.message });
    });
  };

  return (
    <form onSubmit={apply} className="mt-3 space-y-3">
      <OutcomeBanner outcome={outcome} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="delimiter" label="Delimiter" value={sep} onChange={(e) => setSep(e.target.value as typeof sep)}>
          <option value="auto">Detect from the header</option>
          <option value=",">Comma</option>
          <option value=";">Semicolon</option>
          <option value={"\t"}>Tab</option>
        </SelectField>
        <SelectField id="dateFormat" label="Date format of the whole file" value={format} onChange={(e) => setFormat(e.target.value as DateFormat)}>
          {Object.entries(DATE_FORMATS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {fields.map((field) => (
          <SelectField key={field.key} id={`map-${field.key}`} label={field.label} value={values[field.key]} onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}>
            <option value="">Not in the file</option>
            {headers.map((header, index) => (
              <option key={`${index}-${header}`} value={String(index)}>
                {header || `Column ${index + 1}`}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      <button type="submit" className="btn btn-secondary" disabled={pending}>
        {pending ? "Checking…" : "Check again with these settings"}
      </button>
    </form>
  );
}
