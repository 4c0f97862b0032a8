// What JSON.parse lets through silently or reports without a place, checked for config files and
// policy documents alike: bytes that are not UTF-8, a byte order mark, and keys repeated in one
// object (JSON.parse keeps the last one, so the document AWS gets is not the one the reviewer read).
import type { Node } from "jsonc-parser";
import { jsoncParser } from "./jsonc-parser.js";

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** The bytes as text; undefined when they are not UTF-8. A BOM is kept, for hasByteOrderMark to name. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export const hasByteOrderMark = (text: string): boolean => text.charCodeAt(0) === 0xfeff;

/** "duplicate key ..." with its place, for every key that appears twice in one object of valid JSON. */
export function duplicateKeyProblems(text: string, tree?: Node): { place: string; message: string }[] {
  const root = tree ?? jsoncParser().parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  const found: { place: string; message: string }[] = [];
  const visit = (node: Node | undefined) => {
    if (!node) return;
    if (node.type === "object") {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key || typeof key.value !== "string") continue;
        if (seen.has(key.value)) found.push({ place: lineAndColumn(text, key.offset), message: `duplicate key ${JSON.stringify(key.value)} in the same object: keep one` });
        seen.add(key.value);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return found;
}
