"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { OutcomeBanner, SelectField, type Outcome } from "@/components/lifecycle/fields";
import type { FieldErrors } from "@/lib/errors";

/** Uploads the roster with a progress bar, then opens its preview. */
export function UploadForm({ maxBytes, dateFormats }: { maxBytes: number; dateFormats: Record<string, string> }) {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setErrors({ file: ["Choose a CSV file to upload."] });
      return;
    }
    if (file.size > maxBytes) {
      setErrors({ file: [`The file is larger than ${maxBytes / 1024 / 1024} MB. Split it into smaller files.`] });
      return;
    }
    setErrors({});
    setOutcome(null);
    setProgress(0);

    // XMLHttpRequest, because fetch does not report upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", "/users/import/upload");
    request.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    request.onerror = () => {
      setProgress(null);
      setOutcome({ kind: "error", message: "The upload failed because the connection dropped. Try again." });
    };
    request.onload = () => {
      let body: { ok: boolean; data?: { id: string }; message?: string; fieldErrors?: FieldErrors } = { ok: false };
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = { ok: false, message: `The upload failed with status ${request.status}. Try again.` };
      }
      if (body.ok && body.data) {
        router.push(`/users/import/${body.data.id}`);
        return;
      }
      setProgress(null);
      setErrors(body.fieldErrors ?? {});
      setOutcome({ kind: "error", message: body.message ?? "The upload failed." });
    };
    request.send(form);
  };

  return (
    <form onSubmit={submit} className="space-y-4" encType="multipart/form-data">
      <OutcomeBanner outcome={outcome} />
      <div>
        <label htmlFor="file" className="field-label">
          Roster file (CSV)
        </label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" className="block text-sm" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "file-error" : undefined} />
        {errors.file ? (
          <p id="file-error" className="field-error">
            {errors.file.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="grid max-w-xl gap-4 sm:grid-cols-2">
        <SelectField id="delimiter" label="Delimiter" defaultValue="auto">
          <option value="auto">Detect from the header</option>
          <option value=",">Comma</option>
          <option value=";">Semicolon</option>
          <option value={"\t"}>Tab</option>
        </SelectField>
        <SelectField id="dateFormat" label="Date format of the whole file" defaultValue="iso">
          {Object.entries(dateFormats).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      {progress !== null ? (
        <div>
          <label htmlFor="upload-progress" className="field-label">
            Uploading
          </label>
          <progress id="upload-progress" max={100} value={progress} className="w-full max-w-xl" />
        </div>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={progress !== null}>
        Upload and preview
      </button>
    </form>
  );
}
