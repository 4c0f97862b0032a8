// Posting against a local server that speaks GitHub's REST endpoints.
import { createServer, type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHub } from "../../github-api/client.js";
import { DRIFT_LABEL, DRIFT_MARKER, reportDrift } from "../../github-api/drift-issue.js";
import { compareWithReviewed, pullRequestForCommit, reviewedDigests } from "../../github-api/reviewed-plan.js";
import { findStickyComment, upsertStickyComment } from "../../github-api/sticky-comment.js";
import { COMMENT_MARKER, digestMarker } from "../../plan-comment/comment-markers.js";
import { FakeGitHub } from "../helpers/fake-github.js";

const repo = { owner: "acme", repo: "org" };
let server: FakeGitHub;
let github: GitHub;
let logged: string[];

beforeEach(async () => {
  server = await new FakeGitHub().start();
  logged = [];
  github = createGitHubClient({ token: "test-token", baseUrl: server.url, backoffMs: 10, log: (m) => logged.push(m) });
});
afterEach(async () => server.stop());

const target = { ...repo, issueNumber: 7, marker: COMMENT_MARKER, author: "github-actions[bot]" };

describe("the sticky plan comment", () => {
  it("is created when absent and updated in place on the next push", async () => {
    const first = await upsertStickyComment(github, target, `${COMMENT_MARKER}\nfirst`);
    expect(first.action).toBe("created");
    const second = await upsertStickyComment(github, target, `${COMMENT_MARKER}\nsecond`);
    expect(second).toMatchObject({ action: "updated", id: first.id });
    expect(server.comments.filter((c) => c.issue === 7)).toEqual([expect.objectContaining({ body: `${COMMENT_MARKER}\nsecond` })]);
  });

  it("is found across pages, by marker and author, ignoring look-alikes", async () => {
    for (let i = 0; i < 230; i++) server.comments.push({ id: i + 1, issue: 7, body: `chatter ${i}`, login: "octocat" });
    server.comments.push({ id: 500, issue: 7, body: `${COMMENT_MARKER} quoted by a human`, login: "octocat" });
    server.comments.push({ id: 501, issue: 7, body: `${COMMENT_MARKER}\nours`, login: "github-actions[bot]" });
    for (let i = 0; i < 40; i++) server.comments.push({ id: 600 + i, issue: 7, body: `later ${i}`, login: "octocat" });
    expect((await findStickyComment(github, target))?.id).toBe(501);
    expect(server.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([
      "/repos/acme/org/issues/7/comments?per_page=100",
      "/repos/acme/org/issues/7/comments?per_page=100&page=2",
      "/repos/acme/org/issues/7/comments?per_page=100&page=3",
    ]);
    await upsertStickyComment(github, target, `${COMMENT_MARKER}\nupdated`);
    expect(server.comments.find((c) => c.id === 500)?.body).toContain("quoted by a human");
    expect(server.comments.find((c) => c.id === 501)?.body).toContain("updated");
  });

  it("waits out the primary rate limit and then succeeds", async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    server.injected.push({
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      body: { message: "API rate limit exceeded" },
      times: 2,
      match: /^POST /,
    });
    const posted = await upsertStickyComment(github, target, `${COMMENT_MARKER}\nafter the limit`);
    expect(posted.action).toBe("created");
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(3);
    expect(logged.filter((m) => m.startsWith("GitHub rate limit on POST"))).toHaveLength(2);
  });

  it("waits out a 429 and gives up after a bounded number of tries", async () => {
    server.injected.push({ status: 429, headers: { "retry-after": "0" }, times: 1, match: /^POST / });
    expect((await upsertStickyComment(github, target, `${COMMENT_MARKER}\nx`)).action).toBe("created");
    server.injected.push({ status: 429, headers: { "retry-after": "0" }, times: 10, match: /^PATCH / });
    await expect(upsertStickyComment(github, target, `${COMMENT_MARKER}\ny`)).rejects.toThrow(/updating comment \d+ failed \(HTTP 429\)/);
    expect(server.injected[1]!.times).toBeGreaterThanOrEqual(6);
  });

  it("retries a server error", async () => {
    server.injected.push({ status: 502, times: 1, match: /^GET / });
    expect((await upsertStickyComment(github, target, `${COMMENT_MARKER}\nx`)).action).toBe("created");
  });

  it("fails with a clear message on a 4xx answer", async () => {
    server.injected.push({ status: 403, body: { message: "Resource not accessible by integration" }, times: 1 });
    await expect(upsertStickyComment(github, target, `${COMMENT_MARKER}\nx`)).rejects.toThrow(
      "GitHub: listing comments on #7 failed (HTTP 403): Resource not accessible by integration. Check the workflow's permissions",
    );
  });

  it("fails with a clear message when GitHub cannot be reached", async () => {
    // A listener that hangs up on every connection: no HTTP answer at all, and no port race.
    const hangUp = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = hangUp.address() as AddressInfo;
      const offline = createGitHubClient({ token: "test-token", baseUrl: `http://127.0.0.1:${port}`, retries: 0, backoffMs: 10, log: () => {} });
      await expect(upsertStickyComment(offline, target, `${COMMENT_MARKER}\nx`)).rejects.toThrow(/Could not reach GitHub/);
    } finally {
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });
});

describe("the drift issue", () => {
  it("is opened on drift, updated on more drift, and closed when clean", async () => {
    expect(await reportDrift(github, { ...repo, drifted: true, body: "plan: 1 to change" })).toMatchObject({ action: "opened" });
    expect(await reportDrift(github, { ...repo, drifted: true, body: "plan: 2 to change" })).toMatchObject({ action: "updated" });
    expect(server.issues).toHaveLength(1);
    expect(server.issues[0]).toMatchObject({ state: "open", labels: [DRIFT_LABEL], body: `${DRIFT_MARKER}\nplan: 2 to change` });
    expect(await reportDrift(github, { ...repo, drifted: false, body: "clean" })).toMatchObject({ action: "closed" });
    expect(server.issues[0]).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(await reportDrift(github, { ...repo, drifted: false, body: "clean" })).toEqual({ action: "none" });
  });
});

describe("the reviewed plan", () => {
  it("is found through the merge commit's pull request and compared by digest", async () => {
    server.pulls.push({ commit: "abc123", number: 9, merge_commit_sha: "abc123" });
    const digest = `sha256:${"a".repeat(64)}`;
    server.comments.push({ id: 1, issue: 9, body: `${COMMENT_MARKER}\n${digestMarker("organization", digest)}`, login: "github-actions[bot]" });
    expect(await pullRequestForCommit(github, repo, "abc123")).toBe(9);
    const reviewed = await reviewedDigests(github, repo, 9, "github-actions[bot]");
    expect(compareWithReviewed(reviewed, { organization: digest })).toEqual({ same: true, problems: [] });
    const other = compareWithReviewed(reviewed, { organization: `sha256:${"b".repeat(64)}`, "state-backend": digest });
    expect(other.same).toBe(false);
    expect(other.problems).toEqual([
      expect.stringContaining("organization: the plan differs from the reviewed one"),
      "state-backend: no reviewed plan found in the pull request's plan comment",
    ]);
  });
});
