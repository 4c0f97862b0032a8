// The comment's list of what the organization holds and no stack manages: Terraform cannot see
// these, so without this list an account made in the console would never show up in review.
import type { StackPlan } from "../plan/stack-plan.js";
import type { UnmanagedObject } from "../plan/unmanaged.js";
import { inlineCode, plainText } from "./markdown-text.js";

/** Where an unmanaged object sits: an OU path or the root; a permission set in Identity Center. */
const location = (object: UnmanagedObject): string =>
  object.kind === "permission set" ? "IAM Identity Center" : object.where ? inlineCode(object.where) : "the root";

export function renderUnmanaged(stacks: StackPlan[], cap: number): string[] {
  const lines: string[] = [];
  for (const stack of stacks) {
    const report = stack.unmanaged;
    if (!report) continue;
    if (report.error) {
      lines.push("> [!NOTE]", `> Could not list what the organization holds to find what the config does not manage: ${plainText(report.error)}`, "");
      continue;
    }
    if (report.objects.length === 0) continue;
    lines.push(
      `### 👻 In the organization, not in the config (${report.objects.length})`,
      "",
      "Terraform cannot see these. Add them to the config with their `id` (a permission set: its `arn`; an assignment: in `identityCenter.assignments` and `existingAssignments`) to adopt them (`npm run cli -- init` writes every account, OU, permission set and assignment), or leave them be.",
      "",
    );
    for (const object of report.objects.slice(0, cap)) {
      const a = object.assignment;
      lines.push(
        a
          ? `- account assignment: ${a.principalType === "GROUP" ? "group" : "user"} ${inlineCode(a.principal)} has ${inlineCode(a.permissionSet)} on account ${inlineCode(a.account)} (${inlineCode(a.accountId)})${object.owner ? `, owned by ${plainText(object.owner)}` : ""}`
          : `- ${object.kind} ${inlineCode(object.name)} (${inlineCode(object.id)}) in ${location(object)}${object.owner ? `, owned by ${plainText(object.owner)}` : ""}`,
      );
    }
    if (report.objects.length > cap) lines.push(`- … and ${report.objects.length - cap} more`);
    lines.push("");
  }
  return lines;
}
