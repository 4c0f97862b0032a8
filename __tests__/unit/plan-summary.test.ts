import { describe, expect, it } from "vitest";
import { attributeChanges, SENSITIVE } from "../../plan/attribute-changes.js";
import { countsLine, summarizePlan } from "../../plan/summarize-plan.js";
import type { PlanJson } from "../../plan/plan-json.js";
import { fixturePlan } from "../helpers/plan-fixtures.js";

describe("plan summary from real tofu plans", () => {
  it("counts a plan from nothing as six to add", () => {
    expect(countsLine(summarizePlan(fixturePlan("create")).counts)).toBe("6 to add");
  });

  it("counts the adoption of an existing organization as imports, creates and changes", () => {
    const summary = summarizePlan(fixturePlan("import"));
    expect(countsLine(summary.counts)).toBe("2 to import, 4 to add, 2 to change");
    const dns = summary.changes.find((c) => c.address === 'aws_organizations_account.imported["dns"]')!;
    expect(dns.categories).toEqual(["import", "change"]);
    expect(dns.importId).toMatch(/^\d{12}$/);
    expect(dns.attributes.map((a) => a.name)).toContain("parent_id");
  });

  it("explains a replacement by its cause and the argument forcing it", () => {
    const [change] = summarizePlan(fixturePlan("replace-email")).changes;
    expect(change).toMatchObject({
      address: 'aws_organizations_account.accounts["website-prod"]',
      categories: ["replace"],
      reason: "AWS cannot change it in place",
      replacePaths: ["email"],
    });
    expect(change!.attributes).toContainEqual({ name: "email", before: '"aws-website-prod@example.com"', after: '"web-production@example.com"' });
  });

  it("explains a removal as a key gone from the for_each map", () => {
    const [change] = summarizePlan(fixturePlan("remove-account")).changes;
    expect(change).toMatchObject({ categories: ["destroy"], reason: expect.stringContaining("removed from the for_each map") });
  });

  it("finds nothing to do in a no-op plan", () => {
    const summary = summarizePlan(fixturePlan("noop"));
    expect(summary.total).toBe(0);
    expect(countsLine(summary.counts)).toBe("no changes");
  });

  it("reads an OU rename as a move plus an in-place change", () => {
    const [change] = summarizePlan(fixturePlan("rename-ou")).changes;
    expect(change).toMatchObject({ categories: ["change", "move"], previousAddress: 'aws_organizations_organizational_unit.ous["Production"]' });
  });

  it("reads an account moved to another OU as a parent_id change", () => {
    const summary = summarizePlan(fixturePlan("move"));
    expect(summary.changes.map((c) => [c.address, c.categories])).toEqual([['aws_organizations_account.accounts["website-prod"]', ["change"]]]);
  });
});

describe("forget, move and sensitive values", () => {
  const plan: PlanJson = {
    resource_changes: [
      {
        address: 'aws_organizations_account.accounts["legacy"]',
        type: "aws_organizations_account",
        name: "accounts",
        index: "legacy",
        change: { actions: ["forget"], before: { name: "legacy" }, after: null },
      },
      {
        address: 'aws_organizations_account.accounts["web"]',
        previous_address: "aws_organizations_account.web",
        type: "aws_organizations_account",
        name: "accounts",
        index: "web",
        change: {
          actions: ["update"],
          before: { name: "web", email: "old@example.com", role_name: "Admin" },
          after: { name: "web", email: "new-secret@example.com", role_name: "Admin2" },
          before_sensitive: { email: true },
          after_sensitive: { email: true },
        },
      },
    ],
  };

  it("counts forget and move", () => {
    expect(countsLine(summarizePlan(plan).counts)).toBe("1 to change, 1 to forget, 1 to move");
    expect(summarizePlan(plan).changes[1]).toMatchObject({ categories: ["change", "move"], previousAddress: "aws_organizations_account.web" });
  });

  it("never shows a sensitive value", () => {
    const changes = attributeChanges(plan.resource_changes![1]!.change);
    expect(changes).toEqual([
      { name: "email", before: SENSITIVE, after: SENSITIVE },
      { name: "role_name", before: '"Admin"', after: '"Admin2"' },
    ]);
    expect(JSON.stringify(changes)).not.toContain("new-secret");
  });
});
