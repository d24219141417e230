import { AppError } from "@/lib/errors";

/** JSON request bodies above this size are refused with 413 before any parsing. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Read a request body as UTF-8 text, at most `limit` bytes: a declared Content-Length above
 * the limit is refused before reading, and the stream is cancelled as soon as it passes it
 * (a chunked body declares nothing). Then JSON.parse; an empty body is `{}`.
 */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new PayloadTooLargeError(limit);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.", undefined, { key: "refusal.invalidUtf8" });
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.", undefined, { key: "refusal.invalidJson" });
  }
}
