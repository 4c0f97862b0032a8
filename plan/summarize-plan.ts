// Sorts a plan's resource changes into what a reviewer asks about: to import, add, change,
// replace, destroy, forget, move; with the reason for every replacement and removal.
import { attributeChanges, KNOWN_AFTER_APPLY, type AttributeChange } from "./attribute-changes.js";
import type { PlanJson, ResourceChange } from "./plan-json.js";

export const CATEGORIES = ["import", "add", "change", "replace", "destroy", "forget", "move"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PlannedChange {
  address: string;
  type: string;
  categories: Category[];
  /** Why it is replaced or destroyed, in words. */
  reason?: string;
  /** Arguments whose change forces the replacement. */
  replacePaths: string[];
  attributes: AttributeChange[];
  importId?: string;
  previousAddress?: string;
}

export interface PlanSummary {
  counts: Record<Category, number>;
  changes: PlannedChange[];
  total: number;
}

const REASONS: Record<string, string> = {
  replace_because_cannot_update: "AWS cannot change it in place",
  replace_because_tainted: "it is marked tainted",
  replace_by_request: "-replace was requested",
  replace_by_triggers: "replace_triggered_by fired",
  delete_because_no_resource_config: "its resource block is no longer in the configuration",
  delete_because_each_key: "its key is no longer in the config (removed from the for_each map)",
  delete_because_count_index: "its count index is gone",
  delete_because_wrong_repetition: "the resource switched between count and for_each",
  delete_because_no_module: "its module is no longer in the configuration",
  delete_because_no_move_target: "its moved block points nowhere",
};

const pathText = (path: (string | number)[]): string =>
  path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");

function categorize(change: ResourceChange): Category[] {
  const actions = change.change.actions;
  const categories: Category[] = [];
  if (change.change.importing) categories.push("import");
  if (actions.includes("delete") && actions.includes("create")) categories.push("replace");
  else if (actions.includes("create")) categories.push("add");
  else if (actions.includes("delete")) categories.push("destroy");
  if (actions.includes("update")) categories.push("change");
  if (actions.includes("forget")) categories.push("forget");
  if (change.previous_address && change.previous_address !== change.address) categories.push("move");
  return categories;
}

/** What a plan does, by category. Done once per stack, when its plan is read (plan/stack-plan.ts). */
export function summarizePlan(plan: PlanJson): PlanSummary {
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const changes: PlannedChange[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.mode === "data") continue;
    const categories = categorize(change);
    if (categories.length === 0) continue;
    for (const category of categories) counts[category]++;
    const replacePaths = (change.change.replace_paths ?? []).map(pathText);
    const showAttributes = categories.includes("change") || categories.includes("replace");
    // A replacement recomputes every computed attribute: only what the config changes is news.
    const isReplace = categories.includes("replace");
    const attributes = showAttributes
      ? attributeChanges(change.change).filter((a) => !(isReplace && a.after === KNOWN_AFTER_APPLY && !replacePaths.includes(a.name)))
      : [];
    changes.push({
      address: change.address,
      type: change.type,
      categories,
      reason: change.action_reason ? (REASONS[change.action_reason] ?? change.action_reason) : undefined,
      replacePaths,
      attributes,
      importId: change.change.importing?.id,
      previousAddress: change.previous_address !== change.address ? change.previous_address : undefined,
    });
  }
  return { counts, changes, total: changes.length };
}

/** "2 to import, 4 to add, 1 to change", or "no changes". */
export function countsLine(counts: Record<Category, number>): string {
  const words: Record<Category, string> = {
    import: "to import",
    add: "to add",
    change: "to change",
    replace: "to replace",
    destroy: "to destroy",
    forget: "to forget",
    move: "to move",
  };
  const parts = CATEGORIES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${words[c]}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}
