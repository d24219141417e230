import "server-only";

/** A download name safe in a header: letters, digits, dot, dash and underscore only. */
export function downloadName(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9._-]+/g, "_")).join("-");
}

export function fileResponse(body: ReadableStream<Uint8Array> | string, options: { contentType: string; fileName?: string }): Response {
  const headers = new Headers({ "content-type": options.contentType, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  if (options.fileName) headers.set("content-disposition", `attachment; filename="${options.fileName}"`);
  return new Response(body, { status: 200, headers });
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const XML_CONTENT_TYPE = "application/xml; charset=utf-8";
export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";
