// A synthetic plan with many resource changes, for the size limit and the benchmark.
import type { PlanJson, ResourceChange } from "../plan/plan-json.js";
import { accountAddress, RESOURCE_NAMES, RESOURCE_TYPES } from "../terraform/names.js";

export function largePlan(changes: number): PlanJson {
  const resource_changes: ResourceChange[] = [];
  for (let i = 0; i < changes; i++) {
    const key = `account-${String(i).padStart(5, "0")}`;
    const kind = i % 10;
    const actions: ResourceChange["change"]["actions"] = kind === 0 ? ["delete", "create"] : kind < 4 ? ["update"] : ["create"];
    resource_changes.push({
      address: accountAddress(key),
      type: RESOURCE_TYPES.account,
      name: RESOURCE_NAMES.accounts,
      index: key,
      ...(kind === 0 ? { action_reason: "replace_because_cannot_update" } : {}),
      change: {
        actions,
        before: actions[0] === "create" ? null : { name: key, email: `${key}@example.com`, parent_id: "ou-aaaa-11111111", tags: { Name: key } },
        after: { name: key, email: kind === 0 ? `${key}-new@example.com` : `${key}@example.com`, parent_id: "ou-aaaa-11111111", tags: { Name: key, Owner: "team" } },
        ...(kind === 0 ? { replace_paths: [["email"]] } : {}),
      },
    });
  }
  return { resource_changes };
}

export function largePlanText(changes: number): string {
  return Array.from({ length: changes }, (_, i) => `  # ${accountAddress(`account-${i}`)} will be created\n  + resource "${RESOURCE_TYPES.account}" "${RESOURCE_NAMES.accounts}" {\n      + name = "account-${i}"\n    }\n`).join("");
}
