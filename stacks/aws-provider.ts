// The AWS provider block and its version constraint, shared by both stacks.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import type { TerraformStack } from "cdktf";

export interface AwsProviderSettings {
  region: string;
  /** cdktf pins the exact version its bindings come from; this admits later releases. */
  versionConstraint: string;
  /** The provider's max_retries; its own default when absent. */
  maxRetries?: number;
}

export function addAwsProvider(stack: TerraformStack, settings: AwsProviderSettings): AwsProvider {
  const provider = new AwsProvider(stack, "aws", { region: settings.region, ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }) });
  stack.addOverride("terraform.required_providers.aws.version", settings.versionConstraint);
  return provider;
}

/** An aliased provider that works in a member account by assuming `roleName` there (the account's id is known: it exists). */
export function addAccountProvider(stack: TerraformStack, alias: string, settings: AwsProviderSettings, accountId: string, roleName: string): AwsProvider {
  return new AwsProvider(stack, `aws-${alias}`, {
    alias,
    region: settings.region,
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    assumeRole: [{ roleArn: `arn:aws:iam::${accountId}:role/${roleName}`, sessionName: "aws-org-cdktf" }],
  });
}
