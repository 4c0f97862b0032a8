// Runs main.ts the way `cdktf synth` does, as a child process, on good and bad configs.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { currentCliBundle } from "../../cli/bundle/current-cli-bundle.mjs";
import { projectCopy } from "../helpers/project-copy.js";
import { readmeJson, readmeOutput } from "../helpers/readme.js";

const runMain = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "./scripts/ts-resolve.mjs", "main.ts"], { env: { ...process.env, ...env }, encoding: "utf8" });

describe("synthesizing through main.ts", () => {
  it("writes both stacks for the default config", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-"));
    const result = runMain({ CDKTF_OUTDIR: out });
    expect(result.status, result.stderr).toBe(0);
    const organization = JSON.parse(readFileSync(join(out, "stacks/organization/cdk.tf.json"), "utf8"));
    expect(organization.resource.aws_organizations_organization.org.feature_set).toBe("ALL");
    expect(existsSync(join(out, "stacks/state-backend/cdk.tf.json"))).toBe(true);
  });

  it("selects another config with ORG_CONFIG", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-"));
    const result = runMain({ CDKTF_OUTDIR: out, ORG_CONFIG: "config/examples/gitops-environments.ts" });
    expect(result.status, result.stderr).toBe(0);
    const organization = JSON.parse(readFileSync(join(out, "stacks/organization/cdk.tf.json"), "utf8"));
    expect(Object.keys(organization.variable.accounts_to_create.default).sort()).toEqual(["DeploymentAccount", "dev-account", "prod-account", "test-account"]);
    expect(organization.variable.accounts_to_create.default.DeploymentAccount.iam_user_access_to_billing).toBe("ALLOW");
  });

  it("selects another config with the cdktf context key orgConfig", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-"));
    const result = runMain({ CDKTF_OUTDIR: out, CDKTF_CONTEXT_JSON: JSON.stringify({ orgConfig: "config/examples/gitops-environments.ts" }) });
    expect(result.status, result.stderr).toBe(0);
    const organization = JSON.parse(readFileSync(join(out, "stacks/organization/cdk.tf.json"), "utf8"));
    expect(Object.keys(organization.variable.organizational_units.default).sort()).toEqual(["Deployment", "dev", "prod", "test"]);
  });

  it("refuses a cdktf context that is not JSON, naming it, instead of falling back to the default config", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-"));
    const result = runMain({ CDKTF_OUTDIR: out, CDKTF_CONTEXT_JSON: '{"orgConfig": "config/examples/gitops-environments.ts",' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid organization config (CDKTF_CONTEXT_JSON): 1 problem");
    expect(result.stderr).toMatch(/\(file\): is not valid JSON \(.*\), so the config it may name cannot be read/);
    expect(existsSync(join(out, "stacks"))).toBe(false);
    const wrongType = runMain({ CDKTF_OUTDIR: out, CDKTF_CONTEXT_JSON: JSON.stringify({ orgConfig: ["a.ts"] }) });
    expect(wrongType.status).toBe(1);
    expect(wrongType.stderr).toContain('context.orgConfig: must be the config file\'s path as a string, not ["a.ts"]');
  });

  it("exits non-zero on a bad config, lists every problem and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-config-"));
    const config = join(dir, "bad.json");
    writeFileSync(config, JSON.stringify({ accounts: [{ name: "a", email: "nope" }, { name: "a", email: "x@example.com", id: "12" }] }));
    const out = join(dir, "out");
    const result = runMain({ CDKTF_OUTDIR: out, ORG_CONFIG: config });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Invalid organization config (${config}): 3 problems`);
    expect(result.stderr).toContain("accounts[0].email: must be a valid email address");
    expect(result.stderr).toContain("accounts[1].id: must be a 12-digit AWS account id");
    expect(result.stderr).toContain("accounts[1].name: duplicates accounts[0]");
    expect(existsSync(out)).toBe(false);
  });

  it("reports a problem in backend.tf.json together with the config's", () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-backend-"));
    const backend = join(dir, "backend.tf.json");
    writeFileSync(backend, JSON.stringify({ terraform: { backend: { s3: { bucket: "Bad_Bucket", key: "k", region: "us-east-1", dynamodb_table: "locks", encrypt: false } } } }));
    const config = join(dir, "bad.json");
    writeFileSync(config, JSON.stringify({ organization: { featureSet: "NONE" } }));
    const result = runMain({ CDKTF_OUTDIR: join(dir, "out"), ORG_CONFIG: config, ORG_BACKEND_FILE: backend });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("organization.featureSet");
    expect(result.stderr).toContain("terraform.backend.s3.bucket: must be an S3 bucket name");
    expect(result.stderr).toContain("terraform.backend.s3.encrypt: must be true");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("prints the organization tree and where the JSON is", () => {
    const output = execFileSync(process.execPath, ["cli/aws-org.mjs", "tree", "--out", "/nonexistent"], { encoding: "utf8" });
    expect(output).toContain("Organization from config/organization.ts: 3 OUs, 1 account to create, 1 to import");
    expect(output).toContain("└── dns <aws-dns@example.com> (imported: 111111111111)");
    expect(output).toContain("Terraform JSON (organization): not synthesized yet");
  });

  it("aws-org synth, from its bundle and from source, writes byte for byte what cdktf synth writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-same-"));
    const viaCdktf = join(dir, "cdktf");
    const env = { ...process.env, CI: "true", CHECKPOINT_DISABLE: "1", ORG_CONFIG: "config/examples/gitops-environments.ts" };
    const cdktf = spawnSync("node_modules/.bin/cdktf", ["synth", "--output", viaCdktf], { env, encoding: "utf8" });
    expect(cdktf.status, cdktf.stderr).toBe(0);
    for (const [how, fromSource] of [["bundle", "0"], ["source", "1"]] as const) {
      const viaCli = join(dir, how);
      const cli = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--quiet", "--out", viaCli], { env: { ...env, AWS_ORG_FROM_SOURCE: fromSource }, encoding: "utf8" });
      expect(cli.status, cli.stderr).toBe(0);
      // The launcher built (or found) the bundle of these very sources, and ran it.
      if (how === "bundle") expect(currentCliBundle(process.cwd(), "synth")).toMatch(/\/synth\.cjs$/);
      const files = ["manifest.json", "stacks/organization/cdk.tf.json", "stacks/state-backend/cdk.tf.json"];
      for (const file of files) expect(readFileSync(join(viaCli, file), "utf8"), `${how}: ${file}`).toBe(readFileSync(join(viaCdktf, file), "utf8"));
      expect(readdirSync(join(viaCli, "stacks")).sort()).toEqual(readdirSync(join(viaCdktf, "stacks")).sort());
    }
  }, 60_000);

  it("a failed synth removes the previous synth's JSON and plans, and says so once", () => {
    const dir = mkdtempSync(join(tmpdir(), "stale-"));
    const out = join(dir, "out");
    const good = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--quiet", "--out", out], { encoding: "utf8" });
    expect(good.status, good.stderr).toBe(0);
    writeFileSync(join(out, "stacks/organization/tfplan.json"), "{}");
    mkdirSync(join(out, "stacks/organization/.terraform"));

    const config = join(dir, "bad.json");
    writeFileSync(config, JSON.stringify({ accounts: [{ name: "a", email: "nope" }] }));
    const bad = spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--out", out], { env: { ...process.env, ORG_CONFIG: config }, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      `Invalid organization config (${config}): 1 problem\n  - accounts[0].email: must be a valid email address: 6-64 characters, exactly one @, and a dotted domain (it has 4 characters)\n` +
        `Removed the previous synth's Terraform JSON and plans in ${out} (5 files), so nothing can plan or apply a config that no longer matches.\n`,
    );
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
    expect(existsSync(join(out, "stacks/organization/cdk.tf.json"))).toBe(false);
    expect(existsSync(join(out, "stacks/organization/tfplan.json"))).toBe(false);
    expect(existsSync(join(out, "stacks/organization/.terraform"))).toBe(true); // tofu's own working files stay

    // main.ts, as cdktf synth runs it, does the same with CDKTF_OUTDIR.
    spawnSync(process.execPath, ["cli/aws-org.mjs", "synth", "--quiet", "--out", out]);
    const viaMain = runMain({ CDKTF_OUTDIR: out, ORG_CONFIG: config });
    expect(viaMain.status).toBe(1);
    expect(viaMain.stderr).toContain(`Removed the previous synth's Terraform JSON and plans in ${out} (4 files)`);
    expect(existsSync(join(out, "stacks/state-backend/cdk.tf.json"))).toBe(false);
  });

  it("npm start prints what the README shows", () => {
    const project = projectCopy();
    try {
      const { ORG_CONFIG: _config, CDKTF_OUTDIR: _outdir, ...env } = process.env; // the defaults, as a new user has them
      const result = spawnSync("npm", ["start", "--silent"], { cwd: project, env, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe(readmeOutput("Two commands", "`npm start` prints"));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("prints for the README's bad config exactly what the README shows", () => {
    const project = projectCopy();
    try {
      writeFileSync(join(project, "bad.json"), readmeJson("Bad input"));
      const { CDKTF_OUTDIR: _outdir, ...env } = process.env;
      const result = spawnSync("npm", ["start", "--silent"], { cwd: project, env: { ...env, ORG_CONFIG: "bad.json" }, encoding: "utf8" });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(readmeOutput("Bad input", "npm start` prints"));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
