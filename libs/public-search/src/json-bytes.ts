/**
 * `head`, the JSON texts of `items` separated by commas, and `tail`, as UTF-8 bytes written once into
 * one buffer. The items are the hits as PostgreSQL wrote them, each a string of its own: joined into
 * one string, the page (some 30 KB, twice that as a string) would be copied again to be measured for
 * Content-Length and again when Node.js puts the HTTP head in front of it, garbage that makes
 * scavenges of every few dozen requests.
 */
export function jsonBytes(head: string, items: string[], tail: string): Buffer {
  let length = Buffer.byteLength(head) + Math.max(0, items.length - 1) + Buffer.byteLength(tail);
  for (const item of items) {
    length += Buffer.byteLength(item);
  }
  const bytes = Buffer.allocUnsafe(length);
  let at = bytes.write(head);
  items.forEach((item, index) => {
    if (index > 0) {
      at += bytes.write(',', at);
    }
    at += bytes.write(item, at);
  });
  bytes.write(tail, at);
  return bytes;
}
