"use client";

import { useEffect, useId, useRef, useState } from "react";
import { signOutAction, signOutEverywhereAction } from "@/app/(console)/session-actions";

/** The signed-in actor's name with a disclosure menu holding the two sign-out actions. */
export function UserMenu({ name, email }: { name: string; email: string | null }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-200 hover:bg-slate-800"
      >
        <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-full bg-indigo-500 text-xs font-semibold text-white">
          {initials(name)}
        </span>
        <span className="max-w-48 truncate">{name}</span>
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </button>

      <div id={menuId} hidden={!open} className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 text-slate-800 shadow-lg">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium">{name}</p>
          {email ? <p className="truncate text-xs text-slate-600">{email}</p> : null}
        </div>
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">
            Sign out
          </button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">
            Sign out everywhere
            <span className="block text-xs text-slate-600">Ends your sessions on every device</span>
          </button>
        </form>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}
