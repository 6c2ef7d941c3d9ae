import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/**
 * Reads a server action's id from the production build's manifest, so a spec can call the action
 * the way any HTTP client could, without going through the page that offers (or hides) it.
 */
export function actionIdOf(filename: string, exportedName: string): string {
  const manifestPath = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`Server action ${exportedName} from ${filename} is not in ${manifestPath}; rebuild the app.`);
  return found[0];
}

/**
 * POSTs a server action call as the browser's router does: the action id in the Next-Action header
 * and the arguments as a JSON array. Returns the status and the raw RSC response text.
 */
export async function callAction(request: APIRequestContext, baseURL: string, pagePath: string, actionId: string, args: unknown[]) {
  const response = await request.post(pagePath, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: new URL(baseURL).origin,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}
