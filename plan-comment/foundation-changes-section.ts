// The security foundations part of the plan comment, in words ("the organization trail stops
// recording data events", "root sessions become possible"): what weakens them first, marked.
import type { FoundationChange } from "../plan/foundation-changes.js";
import { plainText } from "./markdown-text.js";

export function renderFoundationChanges(changes: FoundationChange[]): string[] {
  if (changes.length === 0) return [];
  const ordered = [...changes.filter((c) => c.weakens), ...changes.filter((c) => !c.weakens)];
  return ["", "**Security foundations**", "", ...ordered.map((c) => `- ${c.weakens ? "⚠️" : "🛡️"} ${plainText(c.sentence)}`)];
}
