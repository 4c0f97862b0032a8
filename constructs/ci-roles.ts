// CI's way into AWS: GitHub's OIDC provider (created, or adopted by ARN), a plan role that pull
// requests and the drift check assume, and an apply role that only the apply environment's jobs
// assume. Each trust policy names exact `sub` values (StringEquals, never a pattern that a fork or
// another repository could match) and the `sts.amazonaws.com` audience.
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider/index.js";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import type { BackendSettings } from "../config-language/backend.js";
import type { CiAccessModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal } from "../terraform/blocks.js";
import { applyRolePolicy, planRolePolicy } from "./ci-permissions.js";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const OIDC_AUDIENCE = "sts.amazonaws.com";
/** GitHub's certificate thumbprints; AWS no longer checks them for this provider, the API still takes them. */
const GITHUB_THUMBPRINTS = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"];

/** The exact subjects each role trusts. */
export function trustedSubjects(ci: CiAccessModel): { plan: string[]; apply: string[] } {
  const repo = `repo:${ci.repository}`;
  return { plan: [`${repo}:pull_request`, `${repo}:ref:refs/heads/${ci.driftBranch}`], apply: [`${repo}:environment:${ci.applyEnvironment}`] };
}

export function trustPolicy(providerArn: string, subjects: string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitHubActionsOfThisRepository",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subjects } },
      },
    ],
  };
}

export interface CiRolesProps {
  readonly ci: CiAccessModel;
  readonly backend: BackendSettings;
  /** Resource types of the stacks CI applies: their actions make up the roles' permissions. */
  readonly resourceTypes: string[];
  readonly readKeys: string[];
  readonly writeKeys: string[];
  /** Buckets besides the state bucket that the stacks manage in this account. */
  readonly otherBuckets?: string[];
  /** Roles in member accounts the stacks assume. */
  readonly assumedRoles?: string[];
}

export class CiRoles extends Construct {
  constructor(scope: Construct, id: string, props: CiRolesProps) {
    super(scope, id);
    const { ci } = props;
    named(new DataAwsCallerIdentity(this, "current"), "current");
    const provider = named(
      new IamOpenidConnectProvider(this, "github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: [OIDC_AUDIENCE], thumbprintList: GITHUB_THUMBPRINTS }),
      "github",
    );
    if (ci.oidcProviderArn !== undefined) addImportBlock(this, `${IamOpenidConnectProvider.tfResourceType}.github`, ci.oidcProviderArn);

    const subjects = trustedSubjects(ci);
    const roleArn = (name: string) => `arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/${name}`;
    const input = {
      resourceTypes: props.resourceTypes,
      backend: props.backend,
      readKeys: props.readKeys,
      writeKeys: props.writeKeys,
      ciAccessArns: [provider.arn, roleArn(ci.planRoleName), roleArn(ci.applyRoleName)],
      ...(props.otherBuckets ? { otherBuckets: props.otherBuckets } : {}),
      ...(props.assumedRoles ? { assumedRoles: props.assumedRoles } : {}),
    };
    // The documents stay readable JSON in locals; jsonencode() hands them to IAM.
    namedLocal(this, "ci_roles", {
      plan: { name: ci.planRoleName, trust: trustPolicy("${aws_iam_openid_connect_provider.github.arn}", subjects.plan), permissions: planRolePolicy(input) },
      apply: { name: ci.applyRoleName, trust: trustPolicy("${aws_iam_openid_connect_provider.github.arn}", subjects.apply), permissions: applyRolePolicy(input) },
    });
    for (const role of ["plan", "apply"] as const) {
      const resource = named(
        new IamRole(this, `${role}-role`, {
          name: `\${local.ci_roles.${role}.name}`,
          description: role === "plan" ? `Plans ${ci.repository}'s pull requests and drift checks (read-only)` : `Applies ${ci.repository}'s reviewed plans`,
          assumeRolePolicy: `\${jsonencode(local.ci_roles.${role}.trust)}`,
          maxSessionDuration: 3600,
        }),
        role,
      );
      named(new IamRolePolicy(this, `${role}-policy`, { name: "what-the-stacks-manage", role: resource.name, policy: `\${jsonencode(local.ci_roles.${role}.permissions)}` }), role);
      named(new TerraformOutput(this, `${role}-role-arn`, { value: resource.arn, description: `AWS_${role.toUpperCase()}_ROLE_ARN` }), `${role}_role_arn`);
    }
    named(
      new TerraformOutput(this, "gh-commands", {
        description: "Sets the repository variables the workflows read",
        value: [
          `gh variable set AWS_PLAN_ROLE_ARN --repo ${ci.repository} --body \${aws_iam_role.plan.arn}`,
          `gh variable set AWS_APPLY_ROLE_ARN --repo ${ci.repository} --body \${aws_iam_role.apply.arn}`,
          `gh variable set AWS_REGION --repo ${ci.repository} --body ${props.backend.region}`,
          "",
        ].join("\n"),
      }),
      "gh_variable_commands",
    );
  }
}
