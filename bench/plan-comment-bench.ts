// npm run bench:comment: renders the plan comment for a generated plan with 10,000 resource
// changes (plus its plan text) and reports the median time against the 0.5 s target.
import { guardForStacks } from "../guard/guard-for-stacks.js";
import { GITHUB_COMMENT_LIMIT, renderPlanComment } from "../plan-comment/render-comment.js";
import { stackPlan } from "../plan/stack-plan.js";
import { largePlan, largePlanText } from "./large-plan.js";

const RUNS = 9;
const input = { name: "organization", plan: largePlan(10_000), planText: largePlanText(10_000) };
const times: number[] = [];
let size = 0;
for (let i = 0; i < RUNS + 1; i++) {
  const started = performance.now();
  const stack = stackPlan(input); // reading the plan summarizes it: part of what a comment costs
  const body = renderPlanComment([stack], { guard: guardForStacks([stack]) });
  if (i > 0) times.push(performance.now() - started); // the first run warms the JIT
  size = body.length;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`10,000 resource changes: median ${median.toFixed(0)} ms over ${RUNS} runs, comment ${size} characters (limit ${GITHUB_COMMENT_LIMIT})`);
console.log(`${median <= 500 && size <= GITHUB_COMMENT_LIMIT ? "PASS" : "MISS"}  render ≤ 500 ms and fits`);
process.exitCode = median <= 500 && size <= GITHUB_COMMENT_LIMIT ? 0 : 1;
