// A fingerprint of what a plan will do, so that the apply on merge can refuse a plan that
// differs from the one reviewed in the pull request.
import { createHash } from "node:crypto";
import type { PlanJson } from "./plan-json.js";

/** The resource changes that matter, in a stable order: address, actions, import, target values. */
export function normalizedChanges(plan: PlanJson): unknown[] {
  return (plan.resource_changes ?? [])
    .filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read") || c.change.importing || (c.previous_address && c.previous_address !== c.address))
    .map((c) => ({
      address: c.address,
      previous_address: c.previous_address ?? null,
      actions: c.change.actions,
      importing: c.change.importing?.id ?? null,
      after: c.change.after ?? null,
      after_unknown: c.change.after_unknown ?? null,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export function planDigest(plan: PlanJson): string {
  return `sha256:${createHash("sha256").update(JSON.stringify(normalizedChanges(plan))).digest("hex")}`;
}
