// The hidden markers in the plan comment: the one that finds the tool's own comment, and one per
// stack carrying the reviewed plan's digest, which the apply on merge compares with its own plan.
export const COMMENT_MARKER = "<!-- aws-org-cdktf:plan-comment -->";

const DIGEST_MARKER = /^<!-- aws-org-cdktf:reviewed-plan ([^ ]+)=(sha256:[0-9a-f]{64}) -->$/;

export const digestMarker = (stack: string, digest: string): string => `<!-- aws-org-cdktf:reviewed-plan ${stack}=${digest} -->`;

/**
 * Stack -> digest, from the block of markers that closes a plan comment, and nowhere else: plan
 * text and errors are quoted inside the comment, and whatever they print cannot add a digest.
 */
export function digestsInComment(body: string): Record<string, string> {
  const lines = body.trimEnd().split("\n");
  let start = lines.length;
  while (start > 0 && DIGEST_MARKER.test(lines[start - 1]!)) start--;
  return Object.fromEntries(lines.slice(start).map((line) => DIGEST_MARKER.exec(line)!.slice(1, 3) as [string, string]));
}

/**
 * Data in a comment (plan text, errors, names from the config) cannot open an HTML comment, so
 * it can neither hide text nor imitate the tool's markers: "<!--" becomes "<!\u200c--", which
 * reads the same.
 */
export const neutralizeMarkers = (text: string): string => text.replace(/<!--/g, "<!\u200c--");
