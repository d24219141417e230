/**
 * A small streaming XML writer: elements are written as they are opened, so a document of any
 * size never sits in memory; `take()` hands over what was written since the last call.
 *
 * Written here rather than taken from xmlbuilder2 (tried): its streaming builder writes tab,
 * CR and LF raw inside attribute values, which every XML parser then normalises to spaces
 * (a reason for change written on two lines would come back on one), and passes characters
 * that XML 1.0 forbids, which makes the whole file unreadable. Both are handled here, and the
 * ODM export's test validates the result against the schema with xmllint.
 */

export type XmlAttributes = Record<string, string | number | boolean | null | undefined>;

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Lone surrogates and the other controls become U+FFFD (replacement character).
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

export class XmlWriter {
  private buffer: string[] = [];
  private readonly open: string[] = [];

  declaration(): this {
    this.buffer.push('<?xml version="1.0" encoding="UTF-8"?>\n');
    return this;
  }

  /** Opens an element; its children follow until `end()`. */
  start(name: string, attributes?: XmlAttributes): this {
    this.buffer.push(`${this.indent()}<${name}${formatAttributes(attributes)}>\n`);
    this.open.push(name);
    return this;
  }

  /** An element with no children, or with text only. */
  leaf(name: string, attributes?: XmlAttributes, text?: string): this {
    const tag = `${this.indent()}<${name}${formatAttributes(attributes)}`;
    this.buffer.push(text === undefined ? `${tag}/>\n` : `${tag}>${escapeXmlText(text)}</${name}>\n`);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error("XmlWriter: end() without an open element");
    this.buffer.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  get depth(): number {
    return this.open.length;
  }

  take(): string {
    const text = this.buffer.join("");
    this.buffer = [];
    return text;
  }

  private indent(): string {
    return "  ".repeat(this.open.length);
  }
}

function formatAttributes(attributes: XmlAttributes | undefined): string {
  if (!attributes) return "";
  let text = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    text += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return text;
}
