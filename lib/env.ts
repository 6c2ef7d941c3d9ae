import { z } from "zod";

// The only module that reads process.env: every setting is parsed and checked once, at start.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/warden.db")
    .refine((v) => v.startsWith("file:") || v.startsWith("postgres://") || v.startsWith("postgresql://"), {
      message: "DATABASE_URL must be a file: path for SQLite or a postgres:// URL",
    }),
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  JOBS_IN_PROCESS: z.enum(["on", "off"]).default("on"),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().positive().default(12),
  INSTANCE_ID: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${details}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const dialect: "sqlite" | "postgres" = env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres";
