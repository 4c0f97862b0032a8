// Draws the organization as a text tree: root -> OUs -> accounts, imported accounts marked.
import type { AccountModel, OrganizationModel } from "../config/model.js";

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

const accountLabel = (account: AccountModel): string =>
  `${account.name} <${account.email}>${account.importId ? ` (imported: ${account.importId})` : ""}`;

/** Builds root -> OUs (in config order) -> accounts; OUs before accounts at each level. */
export function organizationTree(model: OrganizationModel): TreeNode {
  const accountsIn = (key: string | null): TreeNode[] =>
    model.accounts.filter((a) => a.organizationalUnitKey === key).map((a) => ({ label: accountLabel(a), children: [] }));
  const unitsUnder = (key: string | null): TreeNode[] =>
    model.organizationalUnits
      .filter((unit) => unit.parentKey === key)
      .map((unit) => ({ label: `${unit.name}/${unit.importId ? ` (imported: ${unit.importId})` : ""}`, children: [...unitsUnder(unit.key), ...accountsIn(unit.key)] }));
  const { organization } = model;
  const rootLabel = `Root (${organization.featureSet}${organization.importId ? `, imported: ${organization.importId}` : ""})`;
  return { label: rootLabel, children: [...unitsUnder(null), ...accountsIn(null)] };
}

export function renderTree(node: TreeNode, prefix = "", isLast = true, isRoot = true): string {
  const line = isRoot ? node.label : `${prefix}${isLast ? "└── " : "├── "}${node.label}`;
  const childPrefix = isRoot ? "" : `${prefix}${isLast ? "    " : "│   "}`;
  const children = node.children.map((child, i) => renderTree(child, childPrefix, i === node.children.length - 1, false));
  return [line, ...children].join("\n");
}
