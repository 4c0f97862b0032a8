// Draws the organization as a text tree: root -> OUs -> accounts, imported accounts marked.
import type { AccountModel, OrganizationModel, PolicyTargetModel } from "../config-language/model.js";
import { POLICY_TYPE_LIMITS } from "../config-language/policy-rules.js";
import { policyTargetKey } from "../terraform/names.js";

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

const accountLabel = (account: AccountModel): string =>
  `${account.name} <${account.email}>${account.importId ? ` (imported: ${account.importId})` : ""}`;

/** " · SCP: DenyLeaving, Other · delegated admin: guardduty.amazonaws.com" for what is on one target. */
function guardrailsLabel(model: OrganizationModel, target: PolicyTargetModel): string {
  const key = policyTargetKey(target);
  const byType = new Map<string, string[]>();
  for (const policy of model.policies) {
    if (!policy.targets.some((t) => policyTargetKey(t) === key)) continue;
    const label = POLICY_TYPE_LIMITS[policy.type].label;
    byType.set(label, [...(byType.get(label) ?? []), policy.name]);
  }
  const parts = [...byType].map(([label, names]) => `${label}: ${names.join(", ")}`);
  if (target.kind === "account") {
    const services = model.delegatedAdministrators.filter((d) => d.account === target.name).map((d) => d.servicePrincipal);
    if (services.length > 0) parts.push(`delegated admin: ${services.join(", ")}`);
  }
  return parts.map((part) => ` · ${part}`).join("");
}

/** Builds root -> OUs (in config order) -> accounts; OUs before accounts at each level. */
export function organizationTree(model: OrganizationModel): TreeNode {
  const accountsIn = (key: string | null): TreeNode[] =>
    model.accounts
      .filter((a) => a.organizationalUnitKey === key)
      .map((a) => ({ label: `${accountLabel(a)}${guardrailsLabel(model, { kind: "account", name: a.name })}`, children: [] }));
  const unitsUnder = (key: string | null): TreeNode[] =>
    model.organizationalUnits
      .filter((unit) => unit.parentKey === key)
      .map((unit) => ({
        label: `${unit.name}/${unit.importId ? ` (imported: ${unit.importId})` : ""}${guardrailsLabel(model, { kind: "ou", key: unit.key })}`,
        children: [...unitsUnder(unit.key), ...accountsIn(unit.key)],
      }));
  const { organization } = model;
  const rootLabel = `Root (${organization.featureSet}${organization.importId ? `, imported: ${organization.importId}` : ""})${guardrailsLabel(model, { kind: "root" })}`;
  return { label: rootLabel, children: [...unitsUnder(null), ...accountsIn(null)] };
}

export function renderTree(node: TreeNode, prefix = "", isLast = true, isRoot = true): string {
  const line = isRoot ? node.label : `${prefix}${isLast ? "└── " : "├── "}${node.label}`;
  const childPrefix = isRoot ? "" : `${prefix}${isLast ? "    " : "│   "}`;
  const children = node.children.map((child, i) => renderTree(child, childPrefix, i === node.children.length - 1, false));
  return [line, ...children].join("\n");
}
