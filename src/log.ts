import pino, { type Logger } from "pino";

export type { Logger };

/** Keys whose values are never written, wherever they appear in a log object. */
const SECRET_KEYS = [
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "interactionToken",
  "code",
  "state",
  "secret",
  "clientSecret",
  "client_secret",
  "code_verifier",
  "authorization",
  "password",
  "key",
];

const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { name: "octolink" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/** Errors from HTTP clients carry the request (with its headers and body); keep only what helps. */
function serializeError(err: unknown) {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { status?: number; code?: unknown; reason?: string };
  return {
    type: e.name,
    message: scrubSecrets(e.message),
    status: e.status,
    errorCode: e.code,
    reason: e.reason,
  };
}

const SECRET_PATTERN =
  /\b(gh[opusr]_[A-Za-z0-9_]{10,}|v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)|([?&](code|state|access_token|client_secret)=)[^&\s]+/g;

const scrubSecrets = (text: string): string =>
  text.replace(SECRET_PATTERN, (_m, token: string | undefined, param: string | undefined) =>
    token ? "[redacted]" : `${param}[redacted]`,
  );
