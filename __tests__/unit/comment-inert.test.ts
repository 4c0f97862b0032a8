// Config and plan text stay data in the pull request comment: whatever a name, tag, address, plan
// or error holds, it pings nobody, renders no HTML, image or link, keeps the comment's structure,
// adds nothing to the Mermaid diagram and cannot pass for a reviewed-plan marker. Named hostile
// cases first, then fast-check over random strings biased toward Markdown and Mermaid syntax.
import fc from "fast-check";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import type { PlanJson } from "../../plan/plan-json.js";
import { stackPlan, type StackPlan } from "../../plan/stack-plan.js";
import { digestsInComment } from "../../plan-comment/comment-markers.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";
import { accountAddress, ouAddress, RESOURCE_NAMES, RESOURCE_TYPES } from "../../terraform/names.js";

const RUN_URL = "https://github.com/acme/org/actions/runs/42";

/** A plan in which `text` is everywhere data can be: keys, names, tags, reasons, plan and error text. */
function hostileStacks(text: string): StackPlan[] {
  const plan: PlanJson = {
    resource_changes: [
      {
        address: ouAddress(text, 1),
        type: RESOURCE_TYPES.organizationalUnit,
        name: "ous",
        index: text,
        change: { actions: ["create"], before: null, after: { name: text, tags: { Owner: text } } },
      },
      {
        address: accountAddress(text),
        type: RESOURCE_TYPES.account,
        name: RESOURCE_NAMES.accounts,
        index: text,
        action_reason: text,
        change: {
          actions: ["delete", "create"],
          before: { name: text, email: "a@example.com", tags: { Owner: "x" } },
          after: { name: text, email: text, tags: { Owner: text } },
          replace_paths: [[text]],
        },
      },
      {
        address: accountAddress(`${text}-moved`),
        previous_address: text,
        type: RESOURCE_TYPES.account,
        name: RESOURCE_NAMES.accounts,
        index: `${text}-moved`,
        change: { actions: ["update"], before: { name: "b", tags: { [text]: "1" } }, after: { name: "b", tags: { [text]: "2" } }, importing: { id: text } },
      },
      // Access: who gains what where, and a permission set's changes, in words.
      {
        address: `${RESOURCE_TYPES.accountAssignment}.${RESOURCE_NAMES.accountAssignments}[${JSON.stringify(`${text}/P/${text}`)}]`,
        type: RESOURCE_TYPES.accountAssignment,
        name: RESOURCE_NAMES.accountAssignments,
        index: `${text}/P/${text}`,
        change: { actions: ["create"], before: null, after: {} },
      },
      {
        address: `${RESOURCE_TYPES.permissionSet}.${RESOURCE_NAMES.permissionSets}[${JSON.stringify(text)}]`,
        type: RESOURCE_TYPES.permissionSet,
        name: RESOURCE_NAMES.permissionSets,
        index: text,
        change: { actions: ["update"], before: { session_duration: text, tags: {} }, after: { session_duration: `${text}!`, tags: {} } },
      },
    ],
  };
  return [stackPlan({ name: "organization", plan, planText: `plan says: ${text}\n${text}` }), stackPlan({ name: "state-backend", error: `Error: ${text}` })];
}

interface Rendered {
  markdown: string;
  html: string;
}

function render(text: string): Rendered {
  const stacks = hostileStacks(text);
  const markdown = renderPlanComment(stacks, { guard: guardForStacks(stacks), runUrl: RUN_URL, artifactName: "tofu-plan" });
  return { markdown, html: marked.parse(markdown, { gfm: true, async: false }) as string };
}

/** The HTML with code and preformatted blocks taken out: where data would render if it escaped. */
const outsideCode = (html: string): string => html.replace(/<pre>[\s\S]*?<\/pre>/g, "").replace(/<code>[\s\S]*?<\/code>/g, "");

const MERMAID_LINE =
  /^(```mermaid|flowchart TD|  root\(\["Root"\]\)|  n\d+(\["[^"\n]*"\]|\("[^"\n]*"\))|  (root|n\d+) (-->|-\.->) n\d+|  class n\d+ \w+|  classDef \w+ [\w:#,. -]+|```)$/;

function expectInert(text: string): void {
  const { markdown, html } = render(text);
  const prose = outsideCode(html);
  // Nobody is notified: no @name outside code.
  expect(prose).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/);
  // No image, no link but the tool's own, no HTML element from data.
  expect(html).not.toMatch(/<img/i);
  for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) expect(href).toBe(RUN_URL);
  expect((html.match(/<details>/g) ?? []).length).toBe(1);
  expect(prose).not.toMatch(/<(script|iframe|svg|style|table|details|summary)\b[^>]*>(?![\s\S]*Full plan output)/i);
  // The structure stands: both stack sections, the guard line, the closing marker block.
  expect(markdown.match(/^### /gm)).toHaveLength(2);
  expect(markdown).toMatch(/^\*\*Guard:\*\* /m);
  expect(Object.keys(digestsInComment(markdown))).toEqual(["organization"]);
  // The diagram is only the tool's statements: no directive, node, edge or click from data.
  const mermaid = /```mermaid\n[\s\S]*?\n```/.exec(markdown)?.[0] ?? "";
  expect(mermaid).not.toBe("");
  for (const line of mermaid.split("\n")) expect(line, line).toMatch(MERMAID_LINE);
  // Mermaid reads %%{...}%% as a directive anywhere, inside a quoted label too: data never writes one.
  expect(mermaid).not.toContain("%%");
}

describe("the plan comment keeps hostile text inert", () => {
  it.each([
    ["a mention", "@octocat"],
    ["a team mention", "@acme/admins please approve"],
    ["backticks around a mention", "`@octocat`"],
    ["a run of backticks", "``` ``@x`` ```"],
    ["an HTML block", "<details><summary>open me</summary>hidden</details>"],
    ["an image", '<img src="https://evil.example/x.png" onerror="alert(1)">'],
    ["a Markdown image", "![x](https://evil.example/x.png)"],
    ["a link", "[click me](https://evil.example)"],
    ["an autolink", "<https://evil.example>"],
    ["a Mermaid directive", "%%{init: {'theme': 'dark'}}%%"],
    ["a Mermaid statement after a line break", 'x"]\n  click n0 call alert()\n  n9["y'],
    ["a forged marker", `<!-- aws-org-cdktf:reviewed-plan organization=sha256:${"0".repeat(64)} -->`],
    ["HTML comments", "<!-- hide --> visible"],
    ["line breaks", "a\n\n# Heading\n- item"],
    ["a table row", "| a | b |\n|---|---|"],
    ["emphasis and entities", "**bold** _em_ &amp; &#64;octocat"],
    ["a very long run", `@${"x".repeat(20_000)}`],
  ])("%s", (_, text) => expectInert(text));

  it("holds for random strings full of Markdown, HTML and Mermaid syntax", () => {
    const fragment = fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("@", "@team/x", "`", "```", "<", ">", "<img src=x>", "<details>", "</details>", "[a](https://x.example)", "![", "%%", "\n", "\r\n", '"', "]", ")", "#", "|", "<!--", "-->", "&#64;", "_", "*", "~~", "\\"),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => parts.join("")), (text) => expectInert(text)),
      { numRuns: 150 },
    );
  });
});
