// The guard: a plan that would delete, replace, forget or weaken what guards the organization
// (guard/dangerous-changes.ts) fails the check unless the pull request allows it on purpose: a
// label, or the address listed in the allow file. prevent_destroy alone is not enough: it protects a resource only while it
// is in the config, and taking an account out of the config takes its protection with it.
import { readFileSync, existsSync } from "node:fs";
import { z } from "zod";
import { describeFieldIssues } from "../config-language/errors.js";
import type { DangerousChange } from "./dangerous-changes.js";

/** A pull request with this label may destroy, replace, forget or weaken guarded resources. */
export const ALLOW_LABEL = "allow-destructive-org-changes";
export const DEFAULT_ALLOW_FILE = "config/allowed-destructive-changes.json";

export interface GuardDecision {
  allowed: boolean;
  dangerous: DangerousChange[];
  /** One sentence: what the guard decided and why. */
  explanation: string;
}

const allowFileSchema = z.object({ addresses: z.array(z.string()).default([]) }).strict();

/** Addresses allowed by the allow file; a missing file allows nothing. */
export function readAllowFile(file = DEFAULT_ALLOW_FILE): string[] {
  if (!existsSync(file)) return [];
  const parsed = allowFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${describeFieldIssues(parsed.error)}`);
  return parsed.data.addresses;
}

export interface GuardAllowances {
  /** The pull request's labels. */
  labels: string[];
  /** Addresses the allow file lists. */
  allowedAddresses: string[];
  /** The allow file those came from, named in the explanation. */
  allowFile?: string;
}

export function evaluateGuard(dangerous: DangerousChange[], { labels, allowedAddresses, allowFile = DEFAULT_ALLOW_FILE }: GuardAllowances): GuardDecision {
  const byLabel = labels.includes(ALLOW_LABEL);
  const marked = dangerous.map((d) => ({
    ...d,
    // What the guard could not judge, nothing allows.
    allowedBy: d.category === "unjudged" ? undefined : byLabel ? ("label" as const) : allowedAddresses.includes(d.address) ? ("allow file" as const) : undefined,
  }));
  const blocked = marked.filter((d) => !d.allowedBy);
  const breaks = blocked.filter((d) => d.category === "rule").length;
  const unjudged = blocked.filter((d) => d.category === "unjudged").length;
  const destructive = blocked.length - breaks - unjudged;
  const blockedWords = [
    ...(unjudged > 0 ? [`${unjudged} stack${unjudged === 1 ? "" : "s"} whose plan failed and cannot be judged`] : []),
    ...(destructive > 0 ? [`${destructive} destructive change${destructive === 1 ? "" : "s"} to the organization or its state backend`] : []),
    ...(breaks > 0 ? [`${breaks} break${breaks === 1 ? "" : "s"} of a guardrail rule`] : []),
  ].join(" and ");
  const explanation =
    dangerous.length === 0
      ? "Nothing in this plan deletes, replaces, forgets or weakens the organization, its policies or the state backend, or breaks a guardrail rule."
      : blocked.length === 0
        ? `${dangerous.length} destructive change${dangerous.length === 1 ? " is" : "s are"} allowed ${byLabel ? `by the \`${ALLOW_LABEL}\` label` : `by \`${allowFile}\``}.`
        : unjudged === blocked.length
          ? `Blocked: ${blockedWords}. Fix the plan: nothing allows a change the guard could not see.`
          : `Blocked: ${blockedWords}. To allow on purpose, add the \`${ALLOW_LABEL}\` label to the pull request, or list the address${blocked.length - unjudged === 1 ? "" : "es"} in \`${allowFile}\`${unjudged > 0 ? "; a failed plan must be fixed" : ""}.`;
  return { allowed: blocked.length === 0, dangerous: marked, explanation };
}
