// Where Control Tower governs the organization, a plan that moves an account to another OU is
// warned about by name (not refused: the account stays manageable); elsewhere, moves are plain.
import { describe, expect, it } from "vitest";
import { CONTROL_TOWER_PRINCIPAL } from "../../config-language/service-owned.js";
import type { PlanJson } from "../../plan/plan-json.js";
import { controlTowerMoveWarnings } from "../../plan/control-tower-moves.js";

const organization = (principals: string[]) => ({
  address: "aws_organizations_organization.org",
  type: "aws_organizations_organization",
  change: { actions: ["no-op"], before: { aws_service_access_principals: principals }, after: { aws_service_access_principals: principals } },
});
const account = (name: string, from: string, to: string) => ({
  address: `aws_organizations_account.imported["${name}"]`,
  type: "aws_organizations_account",
  change: { actions: ["update"], before: { name, parent_id: from, tags: {} }, after: { name, parent_id: to, tags: { a: "b" } } },
});
const plan = (principals: string[]) => ({ resource_changes: [organization(principals), account("moved", "ou-ab12-11111111", "ou-ab12-22222222"), account("retagged", "ou-ab12-11111111", "ou-ab12-11111111")] }) as unknown as PlanJson;

describe("moving accounts where Control Tower governs", () => {
  it("warns about each account that changes OU, by name, and not about an account whose tags change", () => {
    expect(controlTowerMoveWarnings(plan([CONTROL_TOWER_PRINCIPAL, "sso.amazonaws.com"]), CONTROL_TOWER_PRINCIPAL)).toEqual([
      {
        subject: "AWS Control Tower",
        message:
          "moved moves from ou-ab12-11111111 to ou-ab12-22222222: Control Tower governs accounts through their registered OU, so unless ou-ab12-22222222 is registered the account leaves Control Tower's governance (re-register or enroll it there)",
      },
    ]);
  });

  it("says nothing where the organization does not trust Control Tower", () => {
    expect(controlTowerMoveWarnings(plan(["sso.amazonaws.com"]), CONTROL_TOWER_PRINCIPAL)).toEqual([]);
  });
});
