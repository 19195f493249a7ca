import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";

const origin = (url: string) => new URL(url).origin;

/**
 * No inline script or style anywhere; images only from ourselves and the avatar hosts.
 * `no-referrer` keeps the callback's `code` out of any Referer header.
 */
export function securityHeaders(config: Config) {
  const imageHosts = [
    "'self'",
    "https://avatars.githubusercontent.com",
    "https://cdn.discordapp.com",
    origin(config.github.url),
    origin(config.github.apiUrl),
  ];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: [...new Set(imageHosts)],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    strictTransportSecurity: config.publicUrl.startsWith("https:")
      ? "max-age=31536000; includeSubDomains"
      : false,
    xFrameOptions: "DENY",
    crossOriginResourcePolicy: false,
  });
}
