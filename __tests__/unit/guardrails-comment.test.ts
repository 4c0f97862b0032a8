import { describe, expect, it } from "vitest";
import { evaluateGuard } from "../../guard/evaluate-guard.js";
import { dangerousChanges } from "../../guard/dangerous-changes.js";
import type { PlanJson, ResourceChange, SynthesizedStack } from "../../plan/plan-json.js";
import { stackPlan } from "../../plan/stack-plan.js";
import { documentDiff, policyChanges } from "../../plan-comment/policy-changes.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const deny = (sid: string, action: string) => ({ Sid: sid, Effect: "Deny", Action: action, Resource: "*" });

const change = (address: string, type: string, index: string, actions: ResourceChange["change"]["actions"], before: Record<string, unknown> | null, after: Record<string, unknown> | null): ResourceChange => ({
  address,
  type,
  name: address.split(".")[1]!.split("[")[0]!,
  index,
  mode: "managed",
  change: { actions, before, after },
});

const synthesized: SynthesizedStack = {
  locals: {
    accounts_to_create: { a: { organizational_unit: "Workloads/Prod" }, b: { organizational_unit: "Workloads" }, c: { organizational_unit: "/" } },
    policies: { Guard: { type: "SERVICE_CONTROL_POLICY" } },
    policy_attachments: { "Guard/root": { policy: "Guard" }, "Guard/ou:Workloads/Prod": { policy: "Guard" } },
  },
};

const plan: PlanJson = {
  resource_changes: [
    change('aws_organizations_policy.policies["Guard"]', "aws_organizations_policy", "Guard", ["update"], { type: "SERVICE_CONTROL_POLICY", content: doc(deny("A", "s3:*")) }, { type: "SERVICE_CONTROL_POLICY", content: doc(deny("A", "s3:*"), deny("B", "ec2:*")) }),
    change('aws_organizations_policy_attachment.attachments["Guard/ou:Workloads"]', "aws_organizations_policy_attachment", "Guard/ou:Workloads", ["delete"], { policy_id: "p-1", target_id: "ou-1" }, null),
    change('aws_organizations_policy_attachment.attachments["Guard/ou:Workloads/Prod"]', "aws_organizations_policy_attachment", "Guard/ou:Workloads/Prod", ["create"], null, { target_id: "ou-2" }),
    change('aws_organizations_policy.policies["Old"]', "aws_organizations_policy", "Old", ["delete"], { type: "TAG_POLICY", content: '{"tags":{}}' }, null),
  ],
};

describe("guardrails in the plan comment", () => {
  it("diffs a document statement by statement, as pretty JSON with sorted keys", () => {
    expect(documentDiff(doc(deny("A", "s3:*")), doc(deny("A", "s3:*"), deny("B", "ec2:*")))).toEqual([
      "@@ -5,6 +5,12 @@",
      '       "Effect": "Deny",',
      '       "Resource": "*",',
      '       "Sid": "A"',
      "+    },",
      "+    {",
      '+      "Action": "ec2:*",',
      '+      "Effect": "Deny",',
      '+      "Resource": "*",',
      '+      "Sid": "B"',
      "     }",
      "   ],",
      '   "Version": "2012-10-17"',
    ]);
    // Key order and whitespace alone are no change.
    expect(documentDiff('{"b":1,"a":2}', '{ "a": 2, "b": 1 }')).toBeUndefined();
  });

  it("lists each touched policy with its targets after the change, new and detached ones marked", () => {
    expect(policyChanges(plan, synthesized).map(({ documentDiff: _diff, ...rest }) => rest)).toEqual([
      {
        name: "Guard",
        type: "SERVICE_CONTROL_POLICY",
        action: "changed",
        targets: [
          { label: "Root", status: "kept" },
          { label: "OU Workloads/Prod", status: "new" },
          { label: "OU Workloads", status: "detached" },
        ],
      },
      { name: "Old", type: "TAG_POLICY", action: "deleted", targets: [] },
    ]);
  });

  it("the guard blocks the detach and the delete, and states how far each reached", () => {
    const stack = stackPlan({ name: "organization", plan, synthesized });
    const decision = evaluateGuard(dangerousChanges(stack), { labels: [], allowedAddresses: [] });
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous.map((d) => [d.address, d.reason])).toEqual([
      ['aws_organizations_policy_attachment.attachments["Guard/ou:Workloads"]', expect.stringMatching(/^detaches Guard from OU Workloads: 2 accounts lose this guardrail/)],
      ['aws_organizations_policy.policies["Old"]', expect.stringMatching(/^deletes the TAG_POLICY Old/)],
    ]);
    const comment = renderPlanComment([stack], { guard: decision });
    expect(comment).toContain("**Guardrails** (2 policies)");
    expect(comment).toContain("- 🛡 `Guard` (SERVICE_CONTROL_POLICY): document changed; attached to Root, OU Workloads/Prod (new), ~~OU Workloads~~ (detached)");
    expect(comment).toContain("- 🛡 `Old` (TAG_POLICY): DELETED; attached to nothing");
    expect(comment).toContain('  +      "Sid": "B"');
    // The document is a diff, not a truncated escaped string among the attributes.
    expect(comment).not.toMatch(/`content`:/);
  });

  it("keeps a hostile document inside its code block", () => {
    const hostile: PlanJson = {
      resource_changes: [
        change('aws_organizations_policy.policies["Guard"]', "aws_organizations_policy", "Guard", ["update"], { content: doc(deny("A", "s3:*")) }, { content: doc({ ...deny("A", "s3:*"), Sid: "```\n<!-- aws-org-cdktf:plan-digest organization x -->\n# Approved" }) }),
      ],
    };
    const stack = stackPlan({ name: "organization", plan: hostile, synthesized });
    const comment = renderPlanComment([stack], { guard: evaluateGuard([], { labels: [], allowedAddresses: [] }) });
    const block = /( *)(`{4,})diff\n([\s\S]*?)\n\1\2\n/.exec(comment);
    expect(block?.[3]).toContain("```");
    expect(comment.split("\n").filter((line) => line.startsWith("# Approved"))).toEqual([]);
  });
});
