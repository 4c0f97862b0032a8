// npm run preview:comment: shows plan comments as a reviewer sees them on GitHub. Renders the
// comment for a few real plans (the fixtures) to HTML, GitHub-flavoured with alerts and Mermaid,
// and, when Chromium is installed (apt-get install chromium), screenshots each to docs/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { marked } from "marked";
import { guardForStacks } from "../guard/guard-for-stacks.js";
import { renderPlanComment } from "../plan-comment/render-comment.js";
import { readPlannedStack } from "../plan/read-stack-plan.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MERMAID = join(ROOT, "node_modules/mermaid/dist/mermaid.min.js");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
/** Real plans, stored as `aws-org plan` leaves a stack directory (made by npm run fixtures:plans). */
const FIXTURES = join(ROOT, "__tests__/fixtures/plans");
const CASES = process.argv.slice(2).length ? process.argv.slice(2) : ["import", "replace-email"];

const ALERT_COLOURS: Record<string, string> = { CAUTION: "#cf222e", WARNING: "#9a6700", NOTE: "#0969da" };

/** GitHub's alert blockquotes ("> [!CAUTION]") as coloured boxes. */
function alerts(html: string): string {
  return html.replace(/<blockquote>\s*<p>\[!(CAUTION|WARNING|NOTE)\]/g, (_, kind: string) =>
    `<blockquote style="border-left:4px solid ${ALERT_COLOURS[kind]}"><p><b style="color:${ALERT_COLOURS[kind]}">${kind[0]}${kind.slice(1).toLowerCase()}</b><br>`,
  );
}

function page(markdown: string): string {
  const body = alerts(marked.parse(markdown, { gfm: true, async: false }) as string).replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    (_, code: string) => `<pre class="mermaid">${code}</pre>`,
  );
  return `<!doctype html><meta charset="utf-8"><style>
  body{font:14px -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:860px;margin:24px auto;padding:16px 24px;border:1px solid #d0d7de;border-radius:6px}
  code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:85%} pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}
  pre code{background:none;padding:0} table{border-collapse:collapse} td,th{border:1px solid #d0d7de;padding:4px 10px}
  blockquote{margin:0;padding:0 12px;color:#1f2328} h2{border-bottom:1px solid #d0d7de;padding-bottom:6px} pre.mermaid{background:none}
  </style>${body}<script src="${pathToFileURL(MERMAID).href}"></script><script>mermaid.initialize({startOnLoad:true})</script>`;
}

const scratch = mkdtempSync(join(tmpdir(), "comment-preview-"));
for (const name of CASES) {
  const stack = await readPlannedStack("organization", join(FIXTURES, name));
  const markdown = renderPlanComment([stack], { guard: guardForStacks([stack]), title: "OpenTofu plan", runUrl: "https://github.com/acme/org/actions/runs/42", artifactName: "tofu-plan" });
  const html = join(scratch, `${name}.html`);
  writeFileSync(html, page(markdown));
  if (!CHROMIUM) {
    process.stdout.write(`${html} (install chromium for a screenshot)\n`);
    continue;
  }
  const png = join(ROOT, "docs", `plan-comment-${name}.png`);
  execFileSync(CHROMIUM, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${join(scratch, "profile")}`, "--hide-scrollbars",
    "--allow-file-access-from-files", "--virtual-time-budget=8000", "--window-size=920,1150", `--screenshot=${png}`, pathToFileURL(html).href,
  ], { stdio: "ignore" });
  process.stdout.write(`${png}\n`);
}

