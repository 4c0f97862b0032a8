// One comment per pull request, found by a hidden marker and its author, updated in place on
// every push and created when absent.
import { githubCall, type GitHub, type RepositoryRef } from "./client.js";

export interface StickyCommentTarget extends RepositoryRef {
  issueNumber: number;
  /** Hidden HTML comment that the body carries and that identifies it. */
  marker: string;
  /** Login of the comment's author (github-actions[bot] with GITHUB_TOKEN); any author when absent. */
  author?: string;
}

export interface FoundComment {
  id: number;
  body: string;
  url: string;
}

export async function findStickyComment(github: GitHub, target: StickyCommentTarget): Promise<FoundComment | undefined> {
  const comments = await githubCall(`listing comments on #${target.issueNumber}`, () =>
    github.paginate(github.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: target.issueNumber, per_page: 100 }),
  );
  // The newest one wins if a race ever made two.
  const found = comments
    // The tool's comment starts with its marker; a comment that merely quotes it is someone else's.
    .filter((c) => c.body?.startsWith(target.marker) && (target.author === undefined || c.user?.login === target.author))
    .at(-1);
  return found ? { id: found.id, body: found.body ?? "", url: found.html_url } : undefined;
}

export async function upsertStickyComment(
  github: GitHub,
  target: StickyCommentTarget,
  body: string,
): Promise<{ action: "created" | "updated"; id: number; url: string }> {
  if (!body.includes(target.marker)) throw new Error(`the comment body must carry its marker ${target.marker}`);
  const existing = await findStickyComment(github, target);
  if (existing) {
    const updated = await githubCall(`updating comment ${existing.id}`, () =>
      github.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body }),
    );
    return { action: "updated", id: updated.data.id, url: updated.data.html_url };
  }
  const created = await githubCall(`commenting on #${target.issueNumber}`, () =>
    github.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body }),
  );
  return { action: "created", id: created.data.id, url: created.data.html_url };
}
