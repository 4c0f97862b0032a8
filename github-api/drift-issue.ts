// Scheduled drift detection reports through one issue: opened (or updated) while AWS differs
// from the code, closed when a plan is clean again.
import { githubCall, type GitHub, type RepositoryRef } from "./client.js";

export const DRIFT_MARKER = "<!-- aws-org-cdktf:drift -->";
export const DRIFT_LABEL = "drift";

export interface DriftReport extends RepositoryRef {
  drifted: boolean;
  /** Markdown describing the drift (the plan comment's body works). */
  body: string;
  title?: string;
}

export async function reportDrift(github: GitHub, report: DriftReport): Promise<{ action: "opened" | "updated" | "closed" | "none"; number?: number }> {
  const { owner, repo } = report;
  const open = await githubCall("listing open drift issues", () =>
    github.paginate(github.rest.issues.listForRepo, { owner, repo, state: "open", labels: DRIFT_LABEL, per_page: 100 }),
  );
  const existing = open.find((issue) => !issue.pull_request && issue.body?.includes(DRIFT_MARKER));
  const body = report.body.includes(DRIFT_MARKER) ? report.body : `${DRIFT_MARKER}\n${report.body}`;
  if (report.drifted) {
    if (existing) {
      await githubCall(`updating issue #${existing.number}`, () => github.rest.issues.update({ owner, repo, issue_number: existing.number, body }));
      return { action: "updated", number: existing.number };
    }
    const created = await githubCall("opening the drift issue", () =>
      github.rest.issues.create({ owner, repo, title: report.title ?? "Drift: AWS Organizations differs from the code", body, labels: [DRIFT_LABEL] }),
    );
    return { action: "opened", number: created.data.number };
  }
  if (!existing) return { action: "none" };
  await githubCall(`commenting on issue #${existing.number}`, () =>
    github.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: "A scheduled plan is clean again: closing." }),
  );
  await githubCall(`closing issue #${existing.number}`, () =>
    github.rest.issues.update({ owner, repo, issue_number: existing.number, state: "closed", state_reason: "completed" }),
  );
  return { action: "closed", number: existing.number };
}
