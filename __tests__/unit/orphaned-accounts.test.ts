// What `aws-org plan` adopts after an apply that was cut off while AWS created accounts: exactly the
// live accounts that match a planned creation by name and email, that no state or import manages.
import { describe, expect, it } from "vitest";
import type { LiveAccount } from "../../adopt/discover-organization.js";
import { adoptedAccountsJson, orphanedAccounts } from "../../adopt/orphaned-accounts.js";
import type { PlanJson } from "../../plan/plan-json.js";

const create = (name: string, email: string) => ({
  address: `aws_organizations_account.accounts["${name}"]`,
  type: "aws_organizations_account",
  name: "accounts",
  index: name,
  change: { actions: ["create" as const], before: null, after: { name, email } },
});

const live = (id: string, name: string, email: string, status = "ACTIVE"): LiveAccount => ({ id, name, email, status, parentId: "r-root", tags: {} });

const plan = (changes: ReturnType<typeof create>[], stateIds: string[] = []): PlanJson =>
  ({
    resource_changes: changes,
    prior_state: { values: { root_module: { resources: stateIds.map((id) => ({ type: "aws_organizations_account", values: { id } })) } } },
  }) as unknown as PlanJson;

describe("accounts an interrupted apply left behind", () => {
  it("are the live, unmanaged, active accounts whose name and email match a planned creation", () => {
    const orphans = orphanedAccounts(plan([create("app-1", "aws-app-1@example.com"), create("app-2", "aws-app-2@example.com")]), [
      live("111111111111", "app-1", "AWS-App-1@Example.com"),
      live("222222222222", "app-2", "someone-else@example.com"),
    ]);
    expect(orphans).toEqual([{ address: 'aws_organizations_account.accounts["app-1"]', id: "111111111111", name: "app-1", email: "aws-app-1@example.com" }]);
    expect(JSON.parse(adoptedAccountsJson(orphans))).toEqual({ import: [{ to: 'aws_organizations_account.accounts["app-1"]', id: "111111111111" }] });
  });

  it("never take an account a state already manages, a closed one, or one whose name differs", () => {
    const changes = [create("app-1", "aws-app-1@example.com"), create("app-2", "aws-app-2@example.com"), create("app-3", "aws-app-3@example.com")];
    const accounts = [
      live("111111111111", "app-1", "aws-app-1@example.com"),
      live("222222222222", "app-2", "aws-app-2@example.com", "SUSPENDED"),
      live("333333333333", "app-three", "aws-app-3@example.com"),
    ];
    expect(orphanedAccounts(plan(changes, ["111111111111"]), accounts)).toEqual([]);
  });

  it("leave imports and updates alone", () => {
    const importing = { ...create("app-1", "aws-app-1@example.com"), change: { actions: ["create" as const], importing: { id: "111111111111" }, after: { name: "app-1", email: "aws-app-1@example.com" } } };
    expect(orphanedAccounts(plan([importing as never]), [live("111111111111", "app-1", "aws-app-1@example.com")])).toEqual([]);
  });
});
