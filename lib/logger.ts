import pino from "pino";
import { env } from "./env";
import { sanitizeError } from "./sanitize-error";

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "warden" },
  // Every `err` goes through sanitizeError, so no log line carries a query's parameter values.
  serializers: { err: sanitizeError },
  redact: { paths: ["password", "*.password", "token", "*.token", "passwordHash", "*.passwordHash"], censor: "[redacted]" },
});

export type Logger = typeof logger;
