// The organization after the change as a Mermaid tree (GitHub renders it): root -> OUs ->
// accounts, with added, imported, moved, replaced and removed nodes marked in colour and in words.
import { synthesizedMap, type PlanJson, type ResourceChange, type StateResource, type SynthesizedStack } from "../plan/plan-json.js";
import { RESOURCE_TYPES, ROOT_KEY, VARIABLES } from "../terraform/names.js";

export type NodeStatus = "added" | "imported" | "moved" | "renamed" | "replaced" | "removed" | "unchanged";

export interface DiagramNode {
  id: string;
  kind: "ou" | "account";
  name: string;
  /** Parent node id after the change ("root" for the root); the old parent for a removed node. */
  parent: string;
  /** For a moved node: where it was. */
  movedFrom?: string;
  /** Adopted by an import block in this plan (it may move too). */
  imported?: boolean;
  /** For a renamed node: its name before. */
  renamedFrom?: string;
  status: NodeStatus;
}

const OU_TYPE = RESOURCE_TYPES.organizationalUnit;
const ACCOUNT_TYPE = RESOURCE_TYPES.account;
const ROOT = "root";
/** GitHub's Mermaid stops drawing past a few hundred edges: larger trees show only what changes. */
export const MAX_DIAGRAM_NODES = 250;

const ouNodeId = (key: string) => `ou:${key}`;
const accountNodeId = (key: string) => `account:${key}`;
const keyOf = (index: string | number | undefined): string => String(index ?? "");

/** OU path key -> parent node id; "A/B" lives under "A", "A" under the root. */
const ouParentFromKey = (key: string): string => (key.includes("/") ? ouNodeId(key.slice(0, key.lastIndexOf("/"))) : ROOT);

function priorResources(plan: PlanJson): StateResource[] {
  return plan.prior_state?.values?.root_module?.resources ?? [];
}

/** Changes that moved an object to a new address, by the address it had. */
function movesByOldAddress(plan: PlanJson): Map<string, ResourceChange> {
  return new Map((plan.resource_changes ?? []).filter((c) => c.previous_address && c.previous_address !== c.address).map((c) => [c.previous_address!, c]));
}

/** AWS id (r-..., ou-...) -> diagram node id after the change (a renamed OU keeps its id). */
function idsBefore(plan: PlanJson, moves: Map<string, ResourceChange>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const resource of priorResources(plan)) {
    if (resource.type === RESOURCE_TYPES.organization) {
      const roots = resource.values.roots as { id?: string }[] | undefined;
      if (roots?.[0]?.id) ids.set(roots[0].id, ROOT);
    }
    if (resource.type === OU_TYPE && typeof resource.values.id === "string") {
      ids.set(resource.values.id, ouNodeId(keyOf(moves.get(resource.address)?.index ?? resource.index)));
    }
  }
  return ids;
}

/** Account key -> OU node id after the change, from the synthesized variables. */
function accountParentsFromConfig(stack: SynthesizedStack | undefined): Map<string, string> {
  const parents = new Map<string, string>();
  for (const name of [VARIABLES.accountsToCreate, VARIABLES.accountsToImport]) {
    for (const [key, value] of Object.entries(synthesizedMap(stack, name))) {
      const ou = value.organizational_unit;
      if (ou) parents.set(key, ou === ROOT_KEY ? ROOT : ouNodeId(ou));
    }
  }
  return parents;
}

function statusOf(change: ResourceChange | undefined, parentBefore: string | undefined, parentAfter: string): NodeStatus {
  if (!change) return "unchanged";
  const actions = change.change.actions;
  if (actions.includes("delete") && actions.includes("create")) return "replaced";
  if (actions.includes("delete") || actions.includes("forget")) return "removed";
  if (actions.includes("create")) return "added";
  if (change.change.importing) return parentBefore !== undefined && parentBefore !== parentAfter ? "moved" : "imported";
  if (parentBefore !== undefined && parentBefore !== parentAfter) return "moved";
  if (change.change.before?.name !== undefined && change.change.after?.name !== undefined && change.change.before.name !== change.change.after.name) return "renamed";
  return "unchanged";
}

export function diagramNodes(plan: PlanJson, stack?: SynthesizedStack): DiagramNode[] {
  const moves = movesByOldAddress(plan);
  const ids = idsBefore(plan, moves);
  const configParents = accountParentsFromConfig(stack);
  const changes = new Map((plan.resource_changes ?? []).map((c) => [c.address, c]));
  const nodes = new Map<string, DiagramNode>();
  const parentFromId = (id: unknown): string | undefined => (typeof id === "string" ? ids.get(id) : undefined);

  // Everything in the state before, then everything the plan touches.
  const seen: { type: string; index?: string | number; address: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }[] = [];
  for (const resource of priorResources(plan)) {
    const change = changes.get(resource.address) ?? moves.get(resource.address);
    seen.push({
      type: resource.type,
      index: change?.index ?? resource.index,
      address: change?.address ?? resource.address,
      before: resource.values,
      after: change ? change.change.after : resource.values,
    });
  }
  const inPriorState = new Set(priorResources(plan).map((r) => r.address));
  for (const change of changes.values()) {
    if (!inPriorState.has(change.address) && !(change.previous_address && inPriorState.has(change.previous_address))) {
      seen.push({ type: change.type, index: change.index, address: change.address, before: change.change.before, after: change.change.after });
    }
  }

  for (const item of seen) {
    if (item.type !== OU_TYPE && item.type !== ACCOUNT_TYPE) continue;
    const key = keyOf(item.index);
    const change = changes.get(item.address);
    const isOu = item.type === OU_TYPE;
    const id = isOu ? ouNodeId(key) : accountNodeId(key);
    const parentBefore = parentFromId(item.before?.parent_id);
    const parentAfter = isOu ? ouParentFromKey(key) : (configParents.get(key) ?? parentFromId(item.after?.parent_id) ?? parentBefore ?? ROOT);
    const status = statusOf(change, parentBefore, parentAfter);
    const name = String(item.after?.name ?? item.before?.name ?? key.split("/").pop());
    nodes.set(id, {
      id,
      kind: isOu ? "ou" : "account",
      name,
      parent: status === "removed" ? (parentBefore ?? parentAfter) : parentAfter,
      ...(status === "moved" && parentBefore ? { movedFrom: parentBefore } : {}),
      ...(change?.change.importing ? { imported: true } : {}),
      ...(status === "renamed" ? { renamedFrom: String(item.before?.name) } : {}),
      status,
    });
  }
  return [...nodes.values()];
}

/** Keeps changed nodes and their ancestors when the whole tree is too large to draw. */
export function focusOnChanges(nodes: DiagramNode[]): DiagramNode[] {
  if (nodes.length <= MAX_DIAGRAM_NODES) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const keep = new Set<string>();
  for (const node of nodes) {
    if (node.status === "unchanged") continue;
    for (let current: DiagramNode | undefined = node; current && !keep.has(current.id); current = byId.get(current.parent)) keep.add(current.id);
  }
  return nodes.filter((n) => keep.has(n.id));
}

const STYLE: Record<NodeStatus, { prefix: string; suffix?: string; classDef?: string }> = {
  added: { prefix: "+ ", suffix: "new", classDef: "fill:#dafbe1,stroke:#1a7f37,color:#0f5323" },
  imported: { prefix: "⇣ ", suffix: "imported", classDef: "fill:#ddf4ff,stroke:#0969da,color:#0a3069" },
  moved: { prefix: "↷ ", suffix: "moved", classDef: "fill:#fff8c5,stroke:#9a6700,color:#4d2d00" },
  renamed: { prefix: "✎ ", suffix: "renamed", classDef: "fill:#fbefff,stroke:#8250df,color:#512a97" },
  replaced: { prefix: "⟳ ", suffix: "REPLACED", classDef: "fill:#fff1e5,stroke:#bc4c00,color:#762c00,stroke-width:3px" },
  removed: { prefix: "− ", suffix: "REMOVED", classDef: "fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-dasharray:5 3" },
  unchanged: { prefix: "" },
};

/**
 * A node label as data: inside its quotes nothing can end the label or the line, so a name cannot
 * add a node, an edge, a click handler or a %% directive. Quotes and angle brackets become Mermaid
 * entities, line breaks spaces, backticks (Mermaid's Markdown strings) quotes.
 */
const escapeLabel = (text: string): string =>
  text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/#/g, "#35;")
    // Mermaid reads %%{...}%% as a directive anywhere in the text, inside quotes too.
    .replace(/%/g, "#37;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "'");

/** A fenced ```mermaid block, or undefined when there is nothing to draw. */
export function renderDiagram(all: DiagramNode[], guardrails: Map<string, string> = new Map()): { mermaid: string; shown: number; total: number } | undefined {
  if (all.length === 0) return undefined;
  const nodes = focusOnChanges(all);
  const names = new Map(all.map((n) => [n.id, n.name]));
  const ids = new Map<string, string>([[ROOT, "root"]]);
  nodes.forEach((node, i) => ids.set(node.id, `n${i}`));
  // Policies are marked on their targets: the root's key is "root", OUs and accounts share the node ids.
  const lines = ["```mermaid", "flowchart TD", `  root(["${escapeLabel(`Root${guardrails.get("root") ?? ""}`)}"])`];
  for (const node of nodes) {
    const style = STYLE[node.status];
    const from = node.movedFrom ? ` from ${node.movedFrom === ROOT ? "Root" : (names.get(node.movedFrom) ?? node.movedFrom)}` : "";
    const suffix =
      node.status === "moved" && node.imported ? `imported, moved${from}`
      : node.status === "renamed" ? `renamed from ${node.renamedFrom}`
      : style.suffix ? `${style.suffix}${from}` : "";
    const label = `${style.prefix}${node.kind === "ou" ? "📁 " : ""}${node.name}${suffix ? ` (${suffix})` : ""}${node.status === "removed" ? "" : (guardrails.get(node.id) ?? "")}`;
    const shape = node.kind === "ou" ? [`["`, `"]`] : [`("`, `")`];
    lines.push(`  ${ids.get(node.id)}${shape[0]}${escapeLabel(label)}${shape[1]}`);
    const parent = ids.get(node.parent) ?? "root";
    lines.push(`  ${parent} ${node.status === "removed" ? "-.->" : "-->"} ${ids.get(node.id)}`);
    if (style.classDef) lines.push(`  class ${ids.get(node.id)} ${node.status}`);
  }
  for (const [status, style] of Object.entries(STYLE)) if (style.classDef) lines.push(`  classDef ${status} ${style.classDef}`);
  lines.push("```");
  return { mermaid: lines.join("\n"), shown: nodes.length, total: all.length };
}
