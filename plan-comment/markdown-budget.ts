// Cutting Markdown to a size without breaking it: only at line boundaries, never inside a
// fenced code block.

/** The first lines of `text` that fit in `max` characters, and a note of what was left out. */
export function truncateAtLineBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split("\n");
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > max - 60) break;
    kept.push(line);
    size += line.length + 1;
  }
  return [...kept, `… ${lines.length - kept.length} more lines not shown`].join("\n");
}

/** Lines of a fenced code block whose fence is longer than any backtick run in `text`. */
export function fenced(text: string, info = ""): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info}`, ...text.split("\n"), fence];
}

/** Cuts Markdown to `limit` characters at the last line boundary outside a code block. */
export function fitLines(markdown: string, limit: number, note = "_… cut to fit; see the job summary._"): string {
  if (markdown.length <= limit) return markdown;
  const lines = markdown.split("\n");
  let size = 0;
  let fence: string | undefined;
  let lastSafe = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (size + line.length + 1 + note.length + 1 > limit) break;
    size += line.length + 1;
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && opener) fence = opener;
    else if (fence !== undefined && line.startsWith(fence) && line.trim() === fence) fence = undefined;
    if (fence === undefined) lastSafe = i + 1;
  }
  return `${[...lines.slice(0, lastSafe), note].join("\n")}\n`;
}
