// CI's access against moto with real tofu and the real provider: after the state backend's
// bootstrap an administrator applies the ci-access stack; the OIDC provider and both roles are read
// back with the AWS SDK, trust conditions and permissions as synthesized; the gh commands print
// the real ARNs. moto does not evaluate web-identity trust conditions (see the last test).
import { GetOpenIDConnectProviderCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListOpenIDConnectProvidersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { bootstrapStateBackend, defaultSandboxConfig } from "./helpers.js";

let sandbox: Sandbox;
let iam: IAMClient;
let sts: STSClient;
let config: OrganizationConfigInput;
let dir: string;

/** moto's account. */
const ACCOUNT = "123456789012";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

/** The synthesized role documents with the references tofu resolves filled in. */
function synthesizedDocument(role: "plan" | "apply", part: "trust" | "permissions"): unknown {
  const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
  return JSON.parse(
    JSON.stringify(json.locals.ci_roles[role][part]).replaceAll("${data.aws_caller_identity.current.account_id}", ACCOUNT).replaceAll("${aws_iam_openid_connect_provider.github.arn}", PROVIDER_ARN),
  );
}

/** An unsigned JWT with the claims GitHub puts in an Actions token. */
const token = (sub: string) =>
  [{ alg: "RS256", typ: "JWT" }, { iss: "https://token.actions.githubusercontent.com", aud: "sts.amazonaws.com", sub, exp: Math.floor(Date.now() / 1000) + 300 }, "sig"]
    .map((part) => Buffer.from(typeof part === "string" ? part : JSON.stringify(part)).toString("base64url"))
    .join(".");

beforeAll(async () => {
  sandbox = await Sandbox.start();
  iam = new IAMClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  sts = new STSClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  config = await defaultSandboxConfig(sandbox);
  await bootstrapStateBackend(sandbox, config);
  dir = sandbox.stackDir(await sandbox.synth("ci", config), "ci-access");
  await sandbox.init(dir);
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  iam?.destroy();
  sts?.destroy();
  await sandbox?.stop();
});

describe("the ci-access stack", () => {
  it("plans GitHub's OIDC provider and the two roles with their policies", async () => {
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({
      create: ["aws_iam_openid_connect_provider.github", "aws_iam_role.apply", "aws_iam_role.plan", "aws_iam_role_policy.apply", "aws_iam_role_policy.plan"],
    });
  });

  it("applies: AWS has the provider, and each role trusts and may do exactly what was synthesized", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: PROVIDER_ARN }));
    expect(provider.ClientIDList).toEqual(["sts.amazonaws.com"]);
    expect(provider.Url).toMatch(/token\.actions\.githubusercontent\.com$/);
    for (const [role, name] of [["plan", "aws-org-cdktf-plan"], ["apply", "aws-org-cdktf-apply"]] as const) {
      const read = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
      expect(JSON.parse(decodeURIComponent(read.AssumeRolePolicyDocument!))).toEqual(synthesizedDocument(role, "trust"));
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: "what-the-stacks-manage" }));
      expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(synthesizedDocument(role, "permissions"));
    }
    const trust = synthesizedDocument("apply", "trust") as { Statement: { Condition: { StringEquals: Record<string, string[]> } }[] };
    expect(trust.Statement[0]!.Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toEqual(["repo:example-org/aws-organization:environment:production"]);
  });

  it("has nothing left to do on the next plan", async () => {
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("prints the gh commands that set the repository variables, with the real ARNs", async () => {
    const commands = (await sandbox.tofu.run(dir, ["output", "-raw", "gh_variable_commands"])).stdout;
    expect(commands).toBe(
      [
        `gh variable set AWS_PLAN_ROLE_ARN --repo example-org/aws-organization --body arn:aws:iam::${ACCOUNT}:role/aws-org-cdktf-plan`,
        `gh variable set AWS_APPLY_ROLE_ARN --repo example-org/aws-organization --body arn:aws:iam::${ACCOUNT}:role/aws-org-cdktf-apply`,
        "gh variable set AWS_REGION --repo example-org/aws-organization --body us-east-1",
        "",
      ].join("\n"),
    );
  });

  it("adopts an OIDC provider the account already has, by ARN: imported, not created", async () => {
    const adopted = sandbox.stackDir(await sandbox.synth("ci-adopt", { ...config, ciAccess: { ...config.ciAccess!, oidcProviderArn: PROVIDER_ARN } }), "ci-access");
    await sandbox.init(adopted, ["-backend-config=key=ci-adopt/terraform.tfstate"]);
    const plan = await sandbox.plan(adopted);
    const actions = addressesByAction(plan.json);
    expect(actions.import).toEqual(["aws_iam_openid_connect_provider.github"]);
    expect(actions.create).not.toContain("aws_iam_openid_connect_provider.github");
    expect((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toHaveLength(1);
  });

  it("records what moto does not check: it grants a web identity whatever the token's repository (AWS refuses it by the trust conditions above)", async () => {
    const foreign = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/aws-org-cdktf-apply`, RoleSessionName: "fork", WebIdentityToken: token("repo:attacker/fork:pull_request") }),
    );
    expect(foreign.Credentials?.AccessKeyId).toBeTruthy();
  });
});
