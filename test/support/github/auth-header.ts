/** The token of `Authorization: token <t>` or `Authorization: Bearer <t>`, as GitHub accepts both. */
export function readTokenAuth(header: string | undefined): string | null {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/** The client id and secret of `Authorization: Basic base64(client_id:client_secret)`. */
export function readBasicAuth(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
