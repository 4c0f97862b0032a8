// Rules that say their problem in words (config-language/aws-rules.ts, identity-center-rules.ts) as zod checks.
import type { z } from "zod";

/** A zod check from rules that each return the problem with a value, or undefined. */
export const rule =
  (...problems: ((value: string) => string | undefined)[]) =>
  (value: string, ctx: z.RefinementCtx): void => {
    for (const problem of problems) {
      const message = problem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    }
  };
