export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-100 px-4 pt-[12vh] pb-12">
      {children}
    </main>
  );
}
