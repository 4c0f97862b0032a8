// The hidden markers in the plan comment: the one that finds the tool's own comment, and one per
// stack carrying the reviewed plan's digest, which the apply on merge compares with its own plan.
export const COMMENT_MARKER = "<!-- aws-org-cdktf:plan-comment -->";

const DIGEST_MARKER = /<!-- aws-org-cdktf:reviewed-plan ([^ ]+)=(sha256:[0-9a-f]{64}) -->/g;

export const digestMarker = (stack: string, digest: string): string => `<!-- aws-org-cdktf:reviewed-plan ${stack}=${digest} -->`;

/** Stack -> digest, read from a plan comment's hidden markers. */
export function digestsInComment(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(DIGEST_MARKER)].map((m) => [m[1]!, m[2]!]));
}
