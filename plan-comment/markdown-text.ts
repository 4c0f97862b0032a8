// The one way data (names, addresses, tag values, plan and error text) enters the comment's
// Markdown: as an inline code span, where GitHub renders no mention, link, image, HTML or
// emphasis; or, inside a sentence of the tool's own, as escaped plain text. Either way one line,
// of bounded length.

/** Longest run of backticks in `text`. */
const longestBacktickRun = (text: string): number => Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, " ⏎ ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/**
 * A CommonMark code span that holds `value` exactly: its delimiter is one backtick longer than any
 * run inside, and it is padded with a space when the value starts or ends with a backtick.
 */
export function inlineCode(value: string, max = 300): string {
  const text = oneLine(value, max);
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Text inside an HTML element of the comment (the <summary> of a collapsed block). */
export const htmlText = (value: string, max = 200): string =>
  oneLine(value, max).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/@/g, "@\u2060");

/**
 * Plain text inside a sentence that renders as itself: the Markdown that can act in the middle of
 * a line backslash-escaped (code, emphasis, links and images, HTML and entities, strikethrough,
 * table cells; "_" only where it could open or close emphasis), URLs that would be linked
 * by themselves, and "@" followed by a word joiner, so that no @user or @org/team is notified.
 */
export function plainText(value: string, max = 500): string {
  return oneLine(value, max)
    .replace(/[\\`*[\]<>~|&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`)
    // GitHub links bare URLs and addresses: "https\://", "www\." and "@" + word joiner are not.
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/@/g, "@\u2060");
}
