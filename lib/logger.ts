import pino from "pino";
import { env } from "./env";

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "warden" },
  redact: { paths: ["password", "*.password", "token", "*.token", "passwordHash", "*.passwordHash"], censor: "[redacted]" },
});

export type Logger = typeof logger;
