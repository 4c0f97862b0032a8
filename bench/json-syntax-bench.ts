// npm run bench:syntax — how much of `tofu plan` is the JSON syntax itself. The project's
// synthesized organization stack for 1,000 accounts / 100 OUs is planned twice, offline (the
// provider is told to skip every credential and account lookup; nothing is refreshed because
// nothing exists yet): once as the Terraform JSON cdktf writes, once as the same configuration
// written in HCL syntax by a mechanical conversion. Both read the organization's data from the same
// terraform.tfvars.json, so the syntax is the only difference. Interleaved rounds, medians.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTools } from "../sandbox/tools.js";
import { PROJECT_ROOT } from "../sandbox/synthesize.js";
import { generatedConfig } from "./generated-config.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
type Json = unknown;

/** A JSON-syntax value as HCL: "${expr}" becomes expr, any other string a quoted literal. */
function hclValue(value: Json): string {
  if (typeof value === "string") {
    const whole = /^\$\{([\s\S]*)\}$/.exec(value);
    if (whole && !whole[1]!.includes("${")) return whole[1]!;
    if (value.includes("${") || value.includes("%{")) throw new Error(`cannot convert the template ${value}`);
    return JSON.stringify(value);
  }
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(", ")}]`;
  return `{ ${Object.entries(value as Record<string, Json>).map(([k, v]) => `${JSON.stringify(k)} = ${hclValue(v)}`).join(", ")} }`;
}

/** The synthesized stack (resources with plain arguments and a lifecycle block, variables, locals) as HCL. */
function toHcl(stack: Record<string, Record<string, Json>>): string {
  const out: string[] = [];
  const providers = (stack.terraform as { required_providers: Record<string, { source: string; version: string }> }).required_providers;
  out.push(`terraform {\n  required_providers {\n${Object.entries(providers).map(([n, p]) => `    ${n} = { source = ${JSON.stringify(p.source)}, version = ${JSON.stringify(p.version)} }`).join("\n")}\n  }\n}`);
  for (const [name, configs] of Object.entries(stack.provider ?? {})) {
    for (const config of configs as Record<string, Json>[]) out.push(`provider "${name}" {\n${Object.entries(config).map(([k, v]) => `  ${k} = ${hclValue(v)}`).join("\n")}\n}`);
  }
  for (const [name, variable] of Object.entries(stack.variable ?? {})) {
    const { type, description } = variable as { type: string; description?: string };
    out.push(`variable "${name}" {\n  type = ${type}${description ? `\n  description = ${JSON.stringify(description)}` : ""}\n}`);
  }
  out.push(`locals {\n${Object.entries(stack.locals ?? {}).map(([k, v]) => `  ${k} = ${hclValue(v)}`).join("\n")}\n}`);
  for (const [type, resources] of Object.entries(stack.resource ?? {})) {
    for (const [name, resource] of Object.entries(resources as Record<string, Record<string, Json>>)) {
      const body = Object.entries(resource).flatMap(([k, v]) => {
        if (k === "//") return [];
        if (k === "lifecycle") {
          const lifecycle = Object.entries(v as Record<string, Json>).map(([lk, lv]) => `    ${lk} = ${lk === "ignore_changes" ? `[${(lv as string[]).join(", ")}]` : hclValue(lv)}`);
          return [`  lifecycle {\n${lifecycle.join("\n")}\n  }`];
        }
        if (k === "depends_on") return [`  depends_on = [${(v as string[]).map((d) => d.replace(/^\$\{|\}$/g, "")).join(", ")}]`];
        return [`  ${k} = ${hclValue(v)}`];
      });
      out.push(`resource "${type}" "${name}" {\n${body.join("\n")}\n}`);
    }
  }
  for (const key of Object.keys(stack)) {
    if (!["terraform", "provider", "variable", "locals", "resource", "//"].includes(key)) throw new Error(`the conversion does not handle "${key}" blocks`);
  }
  return `${out.join("\n\n")}\n`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const tools = await ensureTools();
const scratch = mkdtempSync(join(tmpdir(), "syntax-bench-"));
try {
  const config = generatedConfig();
  // Offline: imports would need the accounts to exist, so every account is one to create.
  const offline = { ...config, accounts: (config.accounts ?? []).map(({ id: _id, ...a }) => a), provider: { versionConstraint: tools.providerVersion } };
  writeFileSync(join(scratch, "config.json"), JSON.stringify(offline));
  const synth = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--quiet", "--out", join(scratch, "out")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ORG_CONFIG: join(scratch, "config.json") },
    encoding: "utf8",
  });
  if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
  const stack = JSON.parse(readFileSync(join(scratch, "out/stacks/organization/cdk.tf.json"), "utf8")) as Record<string, Record<string, Json>>;
  // Local state, and a provider that asks AWS nothing: planning creates needs no API call.
  delete (stack.terraform as Record<string, Json>).backend;
  const tfvars = Object.fromEntries(Object.entries(stack.variable ?? {}).map(([name, v]) => [name, (v as { default: Json }).default]));
  for (const variable of Object.values(stack.variable ?? {})) delete (variable as Record<string, Json>).default;
  const offlineProvider = { provider: { aws: [{ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, access_key: "offline", secret_key: "offline" }] } };
  const dirs = { "Terraform JSON (as synthesized)": join(scratch, "json"), "the same in HCL syntax": join(scratch, "hcl") };
  for (const dir of Object.values(dirs)) {
    mkdirSync(dir);
    writeFileSync(join(dir, "terraform.tfvars.json"), JSON.stringify(tfvars));
    writeFileSync(join(dir, "override.tf.json"), JSON.stringify(offlineProvider));
  }
  writeFileSync(join(dirs["Terraform JSON (as synthesized)"], "cdk.tf.json"), JSON.stringify(stack, null, 2));
  writeFileSync(join(dirs["the same in HCL syntax"], "main.tf"), toHcl(stack));

  const env = { ...process.env, TF_CLI_CONFIG_FILE: tools.cliConfigFile, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  const tofu = (dir: string, args: string[]): number => {
    const started = performance.now();
    const run = spawnSync(tools.tofuBin, args, { cwd: dir, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`tofu ${args.join(" ")} failed in ${dir}:\n${run.stderr}`);
    return (performance.now() - started) / 1000;
  };
  for (const dir of Object.values(dirs)) {
    tofu(dir, ["init", "-input=false", "-no-color"]);
    tofu(dir, ["plan", "-input=false", "-no-color", "-out=tfplan"]); // warm-up, not counted
  }
  const times = Object.fromEntries(Object.keys(dirs).map((label) => [label, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, dir] of Object.entries(dirs)) times[label]!.push(tofu(dir, ["plan", "-input=false", "-no-color", "-out=tfplan"]));
  }
  console.log(`tofu plan of the 1,000-account / 100-OU organization stack, offline, ${ROUNDS} interleaved rounds (${tools.tofuBin})`);
  for (const [label, samples] of Object.entries(times)) console.log(`${label.padEnd(32)} median ${median(samples).toFixed(2)} s  (${samples.map((s) => s.toFixed(2)).join(", ")})`);
  const [json, hcl] = Object.values(times).map(median) as [number, number];
  console.log(`INFO  the JSON syntax costs ${((json / hcl - 1) * 100).toFixed(0)} % of tofu plan here (${json.toFixed(2)} s vs ${hcl.toFixed(2)} s)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
