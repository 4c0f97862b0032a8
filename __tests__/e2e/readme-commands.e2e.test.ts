// The README's commands for a real organization, run line by line through bash exactly as written,
// in a copy of the project, against moto: "Bootstrapping state", "Giving CI its access", then
// "Applying the organization".
// Only what a person supplies by hand is added through the environment: credentials and endpoint
// (as AWS_PROFILE would), `tofu` on PATH, and the "yes" typed at apply and at the state migration.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { runProcess } from "../helpers/run-process.js";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { writeSandboxConfig } from "../../sandbox/sandbox-config.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { STATE_BACKEND_STATE_KEY } from "../../stacks/state-backend-stack.js";
import { projectCopy } from "../helpers/project-copy.js";
import { readmeCommands } from "../helpers/readme.js";
import { createOrganizationOutsideTofu, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

let sandbox: Sandbox;
let project: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  const organizations = organizationsClient(sandbox);
  const existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
  organizations.destroy();
  project = projectCopy();
  const bin = join(project, ".bin");
  mkdirSync(bin);
  symlinkSync(sandbox.tools.tofuBin, join(bin, "tofu"));
  const config = await defaultSandboxConfig(sandbox, { organizationId: existing.organizationId, accountIds: { dns: existing.accountId } });
  env = {
    ...sandbox.tofu.env,
    PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`,
    ORG_CONFIG: writeSandboxConfig(join(project, "sandbox-organization.json"), config),
    // What a person answers at the prompts of `apply` and `init -migrate-state`.
    TF_CLI_ARGS_apply: "-auto-approve",
    TF_CLI_ARGS_init: "-force-copy",
  };
});

afterAll(async () => {
  await sandbox?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** One README line through bash in the project copy; fails with its output if it fails. */
async function run(line: string): Promise<string> {
  const result = await runProcess("bash", ["-c", line], { cwd: project, env, timeout: 240_000 });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`README command failed (exit ${result.status ?? result.signal}): ${line}\n${output}`);
  return output;
}

describe("the README's commands, as written", () => {
  it("bootstrap the state backend and move its state into the bucket", async () => {
    const lines = readmeCommands("Bootstrapping state (once)");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) await run(line);
    expect(existsSync(join(project, "state-backend.tfstate"))).toBe(true);
    const s3 = new S3Client(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
    const object = await s3.send(new GetObjectCommand({ Bucket: sandbox.backend.bucket, Key: STATE_BACKEND_STATE_KEY }));
    expect(await object.Body!.transformToString()).toContain('"aws_dynamodb_table"');
    s3.destroy();
  });

  it("give CI its access: the OIDC provider and both roles, and the gh commands with their ARNs", async () => {
    const lines = readmeCommands("Giving CI its access (once, and whenever it changes)");
    expect(lines).toHaveLength(3);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await run(line));
    expect(outputs[1]).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
    expect(outputs[2]).toMatch(/^gh variable set AWS_PLAN_ROLE_ARN --repo example-org\/aws-organization --body arn:aws:iam::\d{12}:role\/aws-org-cdktf-plan$/m);
    expect(outputs[2]).toMatch(/^gh variable set AWS_APPLY_ROLE_ARN --repo example-org\/aws-organization --body arn:aws:iam::\d{12}:role\/aws-org-cdktf-apply$/m);
  });

  it("apply the organization: the existing one and dns imported, the rest created", async () => {
    const lines = readmeCommands("Applying the organization");
    expect(lines.some((line) => /apply -parallelism=5 tfplan$/.test(line))).toBe(true);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await run(line));
    expect(outputs.join("\n")).toMatch(/Apply complete! Resources: 2 imported, 27 added, 2 changed, 0 destroyed/);
    const names = (await liveAccounts(organizationsClient(sandbox))).map((a) => a.name).sort();
    expect(names).toEqual(["dns", "master", "website-prod"]);
    expect(await run("tofu -chdir=cdktf.out/stacks/organization plan -detailed-exitcode")).toContain("No changes.");
  });
});
