// Everything that points tofu, the AWS provider, the S3 backend and the AWS SDK at moto instead
// of AWS. Configuration only: the synthesized JSON is the same one that runs against real AWS.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { writeFileSync } from "node:fs";
import { Agent } from "node:https";
import type { SandboxTools } from "./tools.js";

export const SANDBOX_REGION = "us-east-1";
export const SANDBOX_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

/** Environment for tofu and the provider: credentials, region and AWS_ENDPOINT_URL -> moto. */
export function sandboxEnvironment(endpoint: string, caFile: string, tools: SandboxTools): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    AWS_REGION: SANDBOX_REGION,
    AWS_DEFAULT_REGION: SANDBOX_REGION,
    // Honoured by the provider and the S3 backend (AWS SDK for Go v2) for every service.
    AWS_ENDPOINT_URL: endpoint,
    // moto's throwaway certificate (sandbox/tls-certificate.ts).
    AWS_CA_BUNDLE: caFile,
    AWS_EC2_METADATA_DISABLED: "true",
    TF_CLI_CONFIG_FILE: tools.cliConfigFile,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "TF_LOG"]) delete env[name];
  return env;
}

/** The S3 backend's settings for moto, given to `tofu init -backend-config=<file>`. */
export function writeBackendOverrides(file: string, endpoint: string, caFile: string): string {
  writeFileSync(
    file,
    [
      "# moto stands in for S3, DynamoDB and STS: see sandbox/aws-environment.ts",
      `endpoints = {`,
      `  s3       = "${endpoint}"`,
      `  dynamodb = "${endpoint}"`,
      `  sts      = "${endpoint}"`,
      `  iam      = "${endpoint}"`,
      `}`,
      `custom_ca_bundle            = "${caFile}"`,
      "use_path_style              = true",
      "skip_credentials_validation = true",
      "skip_requesting_account_id  = true",
      "skip_metadata_api_check     = true",
      "skip_region_validation      = true",
      "",
    ].join("\n"),
  );
  return file;
}

/** Client settings for the AWS SDK for JavaScript v3 against moto, trusting only its certificate. */
export const sdkClientConfig = (endpoint: string, ca: string) => ({
  endpoint,
  region: SANDBOX_REGION,
  credentials: SANDBOX_CREDENTIALS,
  forcePathStyle: true,
  requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca }) }),
});
