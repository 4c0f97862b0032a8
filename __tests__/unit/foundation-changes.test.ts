// What a plan changes in the security foundations, as the comment says it and the guard judges it:
// weakening the trail or root access is blocked (the label allows it), strengthening is not.
import { describe, expect, it } from "vitest";
import { ALLOW_LABEL } from "../../guard/evaluate-guard.js";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import { foundationChanges } from "../../plan/foundation-changes.js";
import type { PlanJson, ResourceChange } from "../../plan/plan-json.js";
import { stackPlan } from "../../plan/stack-plan.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";

const TRAIL = {
  name: "organization-trail",
  s3_bucket_name: "org-logs",
  enable_logging: true,
  enable_log_file_validation: true,
  is_multi_region_trail: true,
  include_global_service_events: true,
  is_organization_trail: true,
  event_selector: [{ read_write_type: "All", include_management_events: true, data_resource: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
};

const trailChange = (actions: ResourceChange["change"]["actions"], after: Record<string, unknown> | null, before: Record<string, unknown> | null = TRAIL): ResourceChange => ({
  address: "aws_cloudtrail.organization",
  type: "aws_cloudtrail",
  name: "organization",
  mode: "managed",
  change: { actions, before, after },
});
const features = (actions: ResourceChange["change"]["actions"], before: string[] | null, after: string[] | null): ResourceChange => ({
  address: "aws_iam_organizations_features.root_access",
  type: "aws_iam_organizations_features",
  name: "root_access",
  mode: "managed",
  change: { actions, before: before && { enabled_features: before }, after: after && { enabled_features: after } },
});
const plan = (...changes: ResourceChange[]): PlanJson => ({ format_version: "1.2", resource_changes: changes }) as PlanJson;
const sentences = (...changes: ResourceChange[]) => foundationChanges(plan(...changes)).map((c) => `${c.weakens ? "weakens" : "ok"}: ${c.sentence}`);

describe("security foundations in the plan, in words", () => {
  it("says each way the trail records less, as weakening", () => {
    const after = { ...TRAIL, enable_logging: false, enable_log_file_validation: false, is_multi_region_trail: false, event_selector: [{ read_write_type: "ReadOnly", include_management_events: true }] };
    expect(sentences(trailChange(["update"], after))).toEqual([
      "weakens: the organization trail stops logging",
      "weakens: the organization trail stops writing digest files (log file validation off: tampering goes unseen)",
      "weakens: the organization trail records only its home region",
      "weakens: the organization trail stops recording write management events",
      "weakens: the organization trail stops recording data events",
    ]);
  });

  it("says a new trail, more recording and new root-access features without alarm", () => {
    expect(sentences(trailChange(["create"], TRAIL, null), features(["create"], null, ["RootCredentialsManagement", "RootSessions"]))).toEqual([
      "ok: the organization trail is created: every account and region of the organization is recorded",
      "ok: member accounts' root credentials can be removed and managed centrally",
      "ok: root sessions become possible: root-only tasks run as short sessions from the management account",
    ]);
    expect(sentences(trailChange(["update"], TRAIL, { ...TRAIL, event_selector: [{ read_write_type: "WriteOnly" }] }))).toEqual(["ok: the organization trail starts recording read management events", "ok: the organization trail starts recording data events (charged per event)"]);
  });

  it("says a deleted trail and a removed root-access feature, as weakening", () => {
    expect(sentences(trailChange(["delete"], null), features(["update"], ["RootCredentialsManagement", "RootSessions"], ["RootCredentialsManagement"]))).toEqual([
      "weakens: the organization trail is deleted: nothing is recorded any more",
      "weakens: root sessions are no longer possible from the management account",
    ]);
  });
});

describe("the guard on the security foundations", () => {
  it("blocks a trail that stops logging and a removed root-access feature, and the comment says why in words", () => {
    const stack = stackPlan({ name: "organization", plan: plan(trailChange(["update"], { ...TRAIL, enable_logging: false }), features(["update"], ["RootSessions"], [])) });
    const decision = guardForStacks([stack], { rulesFile: "/nonexistent/rules.json" });
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous.map((d) => [d.address, d.category, d.reason])).toEqual([
      ["aws_cloudtrail.organization", "weaken", "the organization trail stops logging"],
      ["aws_iam_organizations_features.root_access", "weaken", "root sessions are no longer possible from the management account"],
    ]);
    expect(guardForStacks([stack], { labels: [ALLOW_LABEL], rulesFile: "/nonexistent/rules.json" }).allowed).toBe(true);
    const comment = renderPlanComment([stack], { guard: decision });
    expect(comment).toContain("**Security foundations**");
    expect(comment).toContain("- ⚠️ the organization trail stops logging");
  });

  it("blocks deleting the trail, and lets a stronger trail through", () => {
    const deleted = stackPlan({ name: "organization", plan: plan(trailChange(["delete"], null)) });
    const decision = guardForStacks([deleted], { rulesFile: "/nonexistent/rules.json" });
    expect(decision.dangerous.map((d) => [d.category, d.reason])).toEqual([["destroy", "the organization trail is deleted: nothing is recorded any more"]]);
    const stronger = stackPlan({ name: "organization", plan: plan(trailChange(["update"], TRAIL, { ...TRAIL, enable_log_file_validation: false })) });
    expect(guardForStacks([stronger], { rulesFile: "/nonexistent/rules.json" }).allowed).toBe(true);
  });
});
