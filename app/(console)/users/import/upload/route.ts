import { getServiceContext } from "@/lib/auth/current";
import { ValidationError } from "@/lib/errors";
import { createRosterImport, MAX_ROSTER_BYTES } from "@/lib/services/roster/batches";
import { crossSite, failureResponse, unauthenticated } from "@/lib/services/roster/http";
import { rosterOptions } from "@/lib/services/roster/mapping";

// The upload is a route handler rather than a server action because server action bodies are capped
// at 1 MB by default, and a 10,000-row roster is larger. The browser also reports upload progress here.
export async function POST(request: Request) {
  const rejected = crossSite(request);
  if (rejected) return rejected;
  const ctx = await getServiceContext();
  if (!ctx) return unauthenticated();

  try {
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_ROSTER_BYTES + 64 * 1024) throw new ValidationError(`The file is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
    const form = await request.formData();
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError("Choose a CSV file to upload.", { file: ["Choose a CSV file to upload."] });

    const options = rosterOptions.partial().safeParse({ delimiter: form.get("delimiter") ?? undefined, dateFormat: form.get("dateFormat") ?? undefined });
    if (!options.success) throw new ValidationError("Pick a delimiter and a date format from the lists.");
    const { id } = await createRosterImport(ctx, { fileName: file.name || "roster.csv", bytes: new Uint8Array(await file.arrayBuffer()), options: options.data });
    return Response.json({ ok: true, data: { id } });
  } catch (error) {
    return failureResponse(error, ctx);
  }
}
