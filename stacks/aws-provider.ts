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
