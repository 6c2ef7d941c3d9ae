import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pino", "pino-pretty"],
  poweredByHeader: false,
  typedRoutes: false,
  // The build type-checks the application only; `npx tsc --noEmit` checks tests, scripts and e2e too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
