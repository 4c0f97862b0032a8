// On merge, the apply must run exactly what was reviewed: the plan comment of the pull request
// carries each stack's plan digest, and the fresh plan's digest has to match it.
import { COMMENT_MARKER, digestsInComment } from "../plan-comment/comment-markers.js";
import { githubCall, type GitHub, type RepositoryRef } from "./client.js";
import { findStickyComment } from "./sticky-comment.js";

/** The pull request a merge commit came from. */
export async function pullRequestForCommit(github: GitHub, repository: RepositoryRef, sha: string): Promise<number | undefined> {
  const pulls = await githubCall(`finding the pull request of ${sha.slice(0, 7)}`, () =>
    github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repository, commit_sha: sha }),
  );
  const merged = pulls.data.find((p) => p.merge_commit_sha === sha) ?? pulls.data.find((p) => p.merged_at);
  return merged?.number;
}

export async function reviewedDigests(github: GitHub, repository: RepositoryRef, pullRequest: number, author?: string): Promise<Record<string, string>> {
  const comment = await findStickyComment(github, { ...repository, issueNumber: pullRequest, marker: COMMENT_MARKER, author });
  return comment ? digestsInComment(comment.body) : {};
}

export interface PlanComparison {
  same: boolean;
  problems: string[];
}

/** Every stack planned now must have been reviewed with the same digest. */
export function compareWithReviewed(reviewed: Record<string, string>, current: Record<string, string>): PlanComparison {
  const problems: string[] = [];
  for (const [stack, digest] of Object.entries(current)) {
    const before = reviewed[stack];
    if (before === undefined) problems.push(`${stack}: no reviewed plan found in the pull request's plan comment`);
    else if (before !== digest) problems.push(`${stack}: the plan differs from the reviewed one (reviewed ${before.slice(0, 19)}…, now ${digest.slice(0, 19)}…): main changed, or AWS drifted, since the review`);
  }
  return { same: problems.length === 0, problems };
}

/** The labels a pull request carries now: the apply runs the guard with them, as the pull request did. */
export async function pullRequestLabels(github: GitHub, repository: RepositoryRef, pullRequest: number): Promise<string[]> {
  const labels = await githubCall(`listing the labels of #${pullRequest}`, () =>
    github.paginate(github.rest.issues.listLabelsOnIssue, { ...repository, issue_number: pullRequest, per_page: 100 }),
  );
  return labels.map((label) => label.name);
}
