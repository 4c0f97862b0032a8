// The comment's answer to "what breaks, and where?" for a guardrail change: per group of accounts
// that see the same change, the actions newly denied, no longer denied, and denied only under a
// condition or on some resources, grouped by service and capped; the rest is in impact.json.
// Names, conditions and resources come from the config: all of it rendered as inert text.
import type { GuardrailImpact } from "../plan/guardrail-impact-report.js";
import { IMPACT_FILE } from "../plan/guardrail-impact-report.js";
import { groupLabel, groupLines, impactInOneLine, policyTypeInWords } from "../guardrail-impact/impact-in-words.js";
import { inlineCode, plainText } from "./markdown-text.js";

/** Lines of the section; `cap` groups at most, `brief` for the comment's smallest layer. */
export function renderGuardrailImpact(impact: GuardrailImpact | undefined, cap: number, brief = false): string[] {
  if (!impact) return [];
  const lines = ["", `**What the guardrails change:** ${plainText(impactInOneLine(impact), 300)}`];
  if (!brief) {
    for (const type of new Set(impact.groups.map((g) => g.policyType))) {
      const groups = impact.groups.filter((g) => g.policyType === type);
      lines.push("", `_${plainText(policyTypeInWords(type))}:_`, "");
      for (const group of groups.slice(0, cap)) {
        const [first, ...rest] = groupLines(group);
        lines.push(`- **${plainText(groupLabel(group), 300)}**: ${plainText(first ?? "", 1_500)}`, ...rest.map((line) => `  - ${plainText(line, 1_500)}`));
      }
      if (groups.length > cap) lines.push(`- … and ${groups.length - cap} more groups of accounts`);
    }
  }
  for (const name of (impact.unreadablePolicies ?? []).slice(0, 10)) {
    lines.push("", `> [!WARNING]\n> The document of policy ${inlineCode(name, 200)} is not a JSON object on one side of this change: what it denies is not counted above.`);
  }
  for (const unknown of impact.unknownActions.slice(0, 10)) {
    lines.push("", `> [!WARNING]\n> ${inlineCode(unknown.pattern, 200)} in policy ${inlineCode(unknown.policy, 200)} matches no action in IAM's catalogue, so it denies nothing: check its spelling.`);
  }
  lines.push(
    "",
    `_Every action, per account, is in ${inlineCode(IMPACT_FILE)} beside the plan. Expanded against ${plainText(impact.catalogue)}. The management account is never restricted by SCPs or RCPs, and SCPs do not restrict service-linked roles._`,
  );
  return lines;
}
