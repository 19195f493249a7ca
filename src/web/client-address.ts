import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { isIPv4, isIPv6 } from "node:net";

/**
 * The address the limiter counts against. Behind `hops` trusted proxies, each appends the
 * address it got the request from to X-Forwarded-For, so the client is the entry `hops` places
 * from the right; anything further left was written by the client and proves nothing. A
 * request with fewer entries than that did not come through the proxies: its socket counts.
 */
export function clientAddress(c: Context, hops: number): string {
  if (hops > 0) {
    const entries = (c.req.header("x-forwarded-for") ?? "").split(",").map((e) => e.trim());
    const entry = entries.length >= hops ? entries[entries.length - hops] : undefined;
    if (entry) return limitKeyOf(entry);
  }
  try {
    return limitKeyOf(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    // app.request() in tests has no socket; everyone there is one client.
    return "local";
  }
}

/**
 * One key per IPv4 address, and per /64 for IPv6: a single home or server is handed a whole
 * /64, so counting each of its 2^64 addresses apart would be no limit at all.
 */
export function limitKeyOf(address: string): string {
  const bare = address.replace(/^\[([^\]]+)\](:\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare.slice(0, 64);
  return `${expandIPv6(bare).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("%")[0]?.split("::") ?? [];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first four matter here.
  const missing = 8 - left.length - right.length;
  const all =
    tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return all.map((g) => (g.includes(".") ? g : String(parseInt(g, 16).toString(16))));
}
