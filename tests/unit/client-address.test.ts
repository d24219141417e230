import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/auth-options";

describe("the address the sign-in throttle counts", () => {
  it("is the last X-Forwarded-For entry (written by the nearest hop), not the client's own first entry", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });
  it("falls back to X-Real-IP, then to one shared key", () => {
    expect(clientAddress({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientAddress({})).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
