"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

const FORMATS = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Shows a UTC instant in the viewer's time zone. The server does not know that zone, so the server
 * render and the first client render show UTC, and the browser switches to local time after hydration.
 */
export function LocalTime({ iso, format = "datetime" }: { iso: string | null; format?: keyof typeof FORMATS }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (!iso) return <span className="text-slate-500">—</span>;

  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = inBrowser ? FORMATS[format] : { ...FORMATS[format], timeZone: "UTC" };
  const text = new Intl.DateTimeFormat("en", options).format(date);
  return (
    <time dateTime={iso} title={date.toISOString()} className="whitespace-nowrap">
      {inBrowser ? text : `${text} UTC`}
    </time>
  );
}
