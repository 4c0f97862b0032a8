// The access part of the plan comment, in words: who gains or loses which permission set on which
// accounts ("Developers gains PowerUserAccess on 3 accounts: dev-a (Workloads/Dev), ..."), and what
// changes in a permission set, with how many assignments carry the change to their accounts.
import type { AccessChange, PermissionSetChange } from "../plan/access-reach.js";
import { inlineCode, plainText } from "./markdown-text.js";

/** Accounts listed by name per line before the rest are counted. */
const LISTED_ACCOUNTS = 10;

const ICONS: Record<AccessChange["change"], string> = { gains: "🔑", loses: "🚫", "re-created": "♻️" };
const SET_WORDS: Record<PermissionSetChange["action"], string> = { new: "new", imported: "imported", changed: "changed", deleted: "DELETED", replaced: "REPLACED" };

const accountsInWords = (accounts: string[], cap: number): string => {
  const shown = accounts.slice(0, Math.min(cap, LISTED_ACCOUNTS)).map((a) => plainText(a));
  const rest = accounts.length - shown.length;
  return `${accounts.length} account${accounts.length === 1 ? "" : "s"}: ${shown.join(", ")}${rest > 0 ? `, … and ${rest} more` : ""}`;
};

/** The comment's "Access" lines; `cap` bounds how many principal lines are listed (to fit). */
export function renderAccessChanges(assignments: AccessChange[], permissionSets: PermissionSetChange[], cap = Infinity): string[] {
  if (assignments.length === 0 && permissionSets.length === 0) return [];
  const lines = ["", "**Access** (IAM Identity Center)", ""];
  for (const change of assignments.slice(0, cap)) {
    const verb = change.change === "re-created" ? "has its assignment of" : change.change;
    const note = change.change === "re-created" ? " re-created (access drops while it is made again)" : "";
    lines.push(`- ${ICONS[change.change]} ${inlineCode(change.principal)} ${verb} ${inlineCode(change.permissionSet)}${note} on ${accountsInWords(change.accounts, cap)}`);
  }
  if (assignments.length > cap) lines.push(`- … and ${assignments.length - cap} more principals`);
  for (const set of permissionSets.slice(0, cap)) {
    const details = set.details.length > 0 ? `: ${set.details.map((d) => plainText(d)).join("; ")}` : "";
    const reach = set.action === "deleted" ? "" : ` (${set.assignments} account assignment${set.assignments === 1 ? "" : "s"} use it)`;
    lines.push(`- 🧾 permission set ${inlineCode(set.name)} ${SET_WORDS[set.action]}${details}${reach}`);
  }
  if (permissionSets.length > cap) lines.push(`- … and ${permissionSets.length - cap} more permission sets`);
  return lines;
}
