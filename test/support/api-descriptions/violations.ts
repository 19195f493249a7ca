/** One way a request or a response departs from the vendor's description. */
export interface Violation {
  /** The description, e.g. "GitHub Enterprise Server 3.19". */
  api: string;
  /** The operation id, or `METHOD path` when no operation matched. */
  operation: string;
  side: "request" | "response";
  /** A JSON pointer into the body, or `path`, `query.<name>`, `header.<name>`, `status`. */
  field: string;
  message: string;
  value?: unknown;
}

// Values under these names are credentials: a test report must not show them.
const SECRET_NAME = /token|secret|code|password|state|authorization|verifier/i;
const MAX_VALUE = 120;

export function formatViolation(v: Violation): string {
  const shown = "value" in v ? `; value: ${showValue(v.field, v.value)}` : "";
  return `${v.api} ${v.operation}: ${v.side} ${v.field || "(body)"} ${v.message}${shown}`;
}

function showValue(field: string, value: unknown): string {
  if (SECRET_NAME.test(field) && typeof value === "string") return "[redacted]";
  const text =
    value === undefined
      ? "undefined"
      : JSON.stringify(value, (key, inner: unknown) =>
          SECRET_NAME.test(key) && typeof inner === "string" ? "[redacted]" : inner,
        );
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}
