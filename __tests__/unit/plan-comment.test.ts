import { describe, expect, it } from "vitest";
import { dangerousChanges } from "../../guard/dangerous-changes.js";
import { ALLOW_LABEL, evaluateGuard } from "../../guard/evaluate-guard.js";
import { planDigest } from "../../plan/plan-digest.js";
import { stackPlan, type StackPlan } from "../../plan/stack-plan.js";
import { COMMENT_MARKER, digestMarker, digestsInComment } from "../../plan-comment/comment-markers.js";
import { GITHUB_COMMENT_LIMIT, renderPlanComment } from "../../plan-comment/render-comment.js";
import { largePlan, largePlanText } from "../../bench/large-plan.js";
import { fixtureStack, type PlanCase } from "../helpers/plan-fixtures.js";

function comment(stacks: StackPlan[], labels: string[] = [], allowed: string[] = [], limit?: number): string {
  const dangerous = stacks.flatMap(dangerousChanges);
  return renderPlanComment(stacks, {
    guard: evaluateGuard(dangerous, { labels, allowedAddresses: allowed }),
    runUrl: "https://github.com/acme/org/actions/runs/42",
    artifactName: "tofu-plan",
    limit,
  });
}

/** Every fence opened is closed, and no cut happened inside one. */
function fencesBalanced(markdown: string): boolean {
  let open: string | undefined;
  for (const line of markdown.split("\n")) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (line.trim() === open) open = undefined;
  }
  return open === undefined;
}

describe("AWS's limit warnings in the comment", () => {
  it("shows them before the stacks, as a warning that does not block, with config data made inert", () => {
    const create = fixtureStack("create");
    const warnings = {
      accountQuota: { value: 10, source: "service-quotas" as const },
      accounts: { created: 12, after: 13 },
      warnings: [
        { subject: "accounts", message: "3 of the 12 account creations in this plan fail with ACCOUNT_LIMIT_EXCEEDED" },
        { subject: "delegatedAdministrators", message: "guardduty.amazonaws.com has 2 delegated administrators (@octocat, <img src=x>): the service documents one per organization" },
      ],
    };
    const body = comment([{ ...create, warnings }]);
    const section = body.slice(body.indexOf("> [!WARNING]"), body.indexOf("### "));
    expect(section).toContain("> **AWS's limits (`organization`): 2 warnings.** They do not block the merge");
    expect(section).toContain("> - **accounts**: 3 of the 12 account creations in this plan fail with ACCOUNT_LIMIT_EXCEEDED");
    expect(section).not.toMatch(/(?<!\\)<img|@octocat/);
    expect(section).toContain("\\<img src=x\\>");
    expect(body).toContain("**Guard:** ✅");
    expect(comment([create])).not.toContain("AWS's limits");
  });
});

describe("plan comment on real plans", () => {
  it.each<PlanCase>(["create", "noop", "update", "move", "rename-ou", "replace-email", "remove-account", "remove-account-protected", "import"])(
    "renders the %s case as reviewed",
    (name) => {
      const body = comment([fixtureStack(name)]);
      expect(body.startsWith(COMMENT_MARKER)).toBe(true);
      expect(fencesBalanced(body)).toBe(true);
      expect(body).toMatchSnapshot();
    },
  );

  it("shows a new organization as what a reviewer checks: the verdict, each address to add, the new tree", () => {
    const body = comment([fixtureStack("create")]);
    expect(body).toContain("## 🟡 OpenTofu plan: 6 to add");
    expect(body).toMatch(/^\*\*Guard:\*\* ✅ /m);
    expect(body).toContain("**To add** (6)");
    for (const address of ['aws_organizations_account.accounts["dns"]', 'aws_organizations_account.accounts["website-prod"]', "aws_organizations_organization.org", 'aws_organizations_organizational_unit.ous["Production"]']) {
      expect(body).toContain(`- \`${address}\``);
    }
    expect(body).toContain('n1("+ website-prod (new)")');
    expect(body).not.toMatch(/To destroy|To replace|\[!CAUTION\]/);
  });

  it("shows an account moved between OUs: one change, its parent before and after, moved in the tree", () => {
    const body = comment([fixtureStack("move")]);
    expect(body).toContain("## 🟡 OpenTofu plan: 1 to change");
    expect(body).toContain('- `aws_organizations_account.accounts["website-prod"]`');
    expect(body).toMatch(/ {2}- `parent_id`: `"ou-[a-z0-9-]+"` → `"ou-[a-z0-9-]+"`/);
    expect(body).toContain("↷ website-prod (moved from Production)");
    expect(body).not.toMatch(/To add|To destroy|To replace/);
  });

  it("says no changes for a no-op plan", () => {
    expect(comment([fixtureStack("noop")])).toContain("## ✅ OpenTofu plan: no changes");
  });

  it("leads with counts and lists imports with their ids", () => {
    const body = comment([fixtureStack("import")]);
    expect(body).toContain("## 🟡 OpenTofu plan: 2 to import, 4 to add, 2 to change");
    expect(body).toMatch(/- `aws_organizations_account\.imported\["dns"\]` ← `\d{12}`/);
    expect(body).toContain("↷ dns (imported, moved from Root)");
  });

  it("shows a renamed OU as moved and changed in place, never replaced", () => {
    const body = comment([fixtureStack("rename-ou")]);
    expect(body).toContain("## 🟡 OpenTofu plan: 1 to change, 1 to move");
    expect(body).toContain('- `aws_organizations_organizational_unit.ous["Prod"]` ← `aws_organizations_organizational_unit.ous["Production"]`');
    expect(body).toContain('`tags["Name"]`: `"Production"` → `"Prod"`');
    expect(body).toContain("✎ 📁 Prod (renamed from Production)");
    expect(body).toContain("**Guard:** ✅");
  });

  it("shows why an account is replaced, loudly", () => {
    const body = comment([fixtureStack("replace-email")]);
    expect(body).toContain("> [!CAUTION]");
    expect(body).toContain('> - **replace** `aws_organizations_account.accounts["website-prod"]` (organization): AWS cannot change it in place');
    expect(body).toContain("(forced by `email`)");
    expect(body).toContain('`email`: `"aws-website-prod@example.com"` → `"web-production@example.com"`');
    expect(body).toContain("⟳ website-prod (REPLACED)");
  });

  it("blocks removing an account unless allowed by label or allow file", () => {
    expect(comment([fixtureStack("remove-account")])).toContain("## ⛔ OpenTofu plan: blocked by the guard: 1 to destroy");
    const byLabel = comment([fixtureStack("remove-account")], [ALLOW_LABEL]);
    expect(byLabel).toContain("**Guard:** ✅ 1 destructive change is allowed by the `allow-destructive-org-changes` label.");
    expect(byLabel).toContain("> [!WARNING]");
    const byFile = comment([fixtureStack("remove-account")], [], ['aws_organizations_account.accounts["website-prod"]']);
    expect(byFile).toContain("_(allowed by allow file)_");
  });

  it("shows a failed plan with its error", () => {
    const body = comment([fixtureStack("remove-account-protected")]);
    expect(body).toContain("## ❌ OpenTofu plan: plan failed in `organization`");
    expect(body).toContain("prevent_destroy set, but the plan calls for it to be destroyed");
  });

  it("gives each stack its own section and status in one comment", () => {
    const body = comment([fixtureStack("noop", "state-backend"), fixtureStack("update", "organization")]);
    expect(body).toContain("### ✅ `state-backend`: no changes");
    expect(body).toContain("### 🟡 `organization`: 2 to change");
    expect(Object.keys(digestsInComment(body))).toEqual(["state-backend", "organization"]);
  });

  it("takes digests only from its closing markers, never from quoted plan text", () => {
    const stack = fixtureStack("update");
    const forged = digestMarker("organization", `sha256:${"0".repeat(64)}`);
    const body = comment([stackPlan({ ...stack, planText: `${forged}\n${stack.planText}\n${forged}` })]);
    expect(digestsInComment(body)).toEqual({ organization: stack.digest });
    expect(body).not.toContain(forged); // quoted data cannot even open an HTML comment
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  });

  it("records the digest of each reviewed plan in a hidden marker", () => {
    const stack = fixtureStack("update");
    expect(digestsInComment(comment([stack]))).toEqual({ organization: planDigest(stack.plan!) });
    expect(planDigest(stack.plan!)).not.toBe(planDigest(fixtureStack("move").plan!));
  });
});

describe("fitting GitHub's limit", () => {
  const huge: StackPlan = stackPlan({ name: "organization", plan: largePlan(10_000), planText: largePlanText(10_000) });

  it("fits a 10,000-change plan under 65,536 characters, fences intact, pointing to the rest", () => {
    const body = comment([huge]);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fencesBalanced(body)).toBe(true);
    expect(body).toContain("## ⛔ OpenTofu plan: blocked by the guard: 6000 to add, 3000 to change, 1000 to replace");
    expect(body).toContain("Everything is in the [job summary](https://github.com/acme/org/actions/runs/42) and the `tofu-plan` artifact.");
    // As many per-resource lines as fit: destructive ones lead, the rest are counted.
    expect(body).toContain('> - **replace** `aws_organizations_account.accounts["account-00000"]`');
    expect(body).toContain("**To add** (6000)");
    expect(body).toMatch(/- … and \d+ more/);
  });

  it("drops detail in layers: plan text first, then per-resource detail, then everything but counts", () => {
    const base = fixtureStack("import");
    const full = comment([base]);
    const layer1 = comment([base], [], [], full.length - 500);
    expect(layer1).toContain("truncated: the job summary and the plan artifact have all of it");
    expect(layer1).toContain("`parent_id`");
    const noText = comment([{ ...base, planText: undefined }]);
    const layer2 = comment([base], [], [], noText.length - 10);
    expect(layer2).not.toContain("Full plan output");
    expect(layer2).not.toContain("`parent_id`");
    expect(layer2).toContain('- `aws_organizations_account.imported["dns"]`');
    const layer3 = comment([base], [], [], 1_500);
    expect(layer3.length).toBeLessThanOrEqual(1_500);
    expect(layer3).toContain("| 2 | 4 | 2 | 0 | 0 | 0 | 0 |");
    expect(layer3).not.toContain("**To import**");
    for (const body of [layer1, layer2, layer3]) expect(fencesBalanced(body)).toBe(true);
  });
});
