// Shared steps of the end-to-end scenarios: bootstrapping the state backend through tofu, and
// reading the organization back from moto with the AWS SDK for JavaScript v3.
import { runProcess, type ProcessResult } from "../helpers/run-process.js";
import {
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
} from "@aws-sdk/client-organizations";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { describeDeviations, sandboxConfig, type SandboxConfigOptions } from "../../sandbox/sandbox-config.js";
import type { Sandbox } from "../../sandbox/sandbox.js";

export { createOrganizationOutsideTofu } from "../../sandbox/existing-organization.js";

export const DEFAULT_CONFIG_FILE = "config/organization.ts";

/** `aws-org <args>` as a user runs it, with the sandbox's tofu, credentials, endpoint and CA. */
export function awsOrg(sandbox: Sandbox, args: string[]): Promise<ProcessResult> {
  return runProcess(process.execPath, ["cli/aws-org.mjs", ...args], {
    env: { ...sandbox.tofu.env, TOFU_BIN: sandbox.tools.tofuBin, NODE_EXTRA_CA_CERTS: sandbox.tofu.env.AWS_CA_BUNDLE },
    timeout: 240_000,
  });
}

/** The shipped config with the sandbox's printed deviations applied. */
export async function defaultSandboxConfig(sandbox: Sandbox, options: Omit<SandboxConfigOptions, "providerVersion"> = {}): Promise<OrganizationConfigInput> {
  const { config, deviations } = await sandboxConfig(DEFAULT_CONFIG_FILE, { providerVersion: sandbox.tools.providerVersion, ...options });
  process.stderr.write(`${describeDeviations(DEFAULT_CONFIG_FILE, deviations)}\n`);
  return config;
}

/** The README's first step: apply the state-backend stack with local state. Returns the out dir. */
export async function bootstrapStateBackend(sandbox: Sandbox, config: OrganizationConfigInput): Promise<string> {
  const outDir = await sandbox.synth("bootstrap", config, { bootstrapped: false });
  const dir = sandbox.stackDir(outDir, "state-backend");
  await sandbox.init(dir);
  await sandbox.apply(dir);
  return outDir;
}

/** Retries throttling as a patient client does: the sandbox throttles Organizations as AWS does. */
export const organizationsClient = (sandbox: Sandbox) => new OrganizationsClient({ ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca), maxAttempts: 10, retryMode: "adaptive" });

export interface LiveAccount {
  id: string;
  name: string;
  email: string;
  parentId: string;
  tags: Record<string, string>;
}

/** Every account in moto's organization with its parent and tags. */
export async function liveAccounts(client: OrganizationsClient): Promise<LiveAccount[]> {
  const accounts = [];
  for await (const page of paginateListAccounts({ client }, {})) accounts.push(...(page.Accounts ?? []));
  return Promise.all(
    accounts.map(async (account) => ({
      id: account.Id!,
      name: account.Name!,
      email: account.Email!,
      parentId: (await client.send(new ListParentsCommand({ ChildId: account.Id! }))).Parents![0]!.Id!,
      tags: await liveTags(client, account.Id!),
    })),
  );
}

export async function liveTags(client: OrganizationsClient, id: string): Promise<Record<string, string>> {
  const tags = [];
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: id })) tags.push(...(page.Tags ?? []));
  return Object.fromEntries(tags.map((tag) => [tag.Key!, tag.Value!]));
}

export async function rootId(client: OrganizationsClient): Promise<string> {
  return (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
}

/** OU name -> id for the OUs directly under `parentId`. */
export async function liveOus(client: OrganizationsClient, parentId: string): Promise<Record<string, string>> {
  const ous = [];
  for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) ous.push(...(page.OrganizationalUnits ?? []));
  return Object.fromEntries(ous.map((ou) => [ou.Name!, ou.Id!]));
}

/** The alternate contacts the shipped config gives an account (security foundations): sorted as tofu lists them. */
export const contactAddresses = (account: string): string[] => ["BILLING", "OPERATIONS", "SECURITY"].map((type) => `aws_account_alternate_contact.contacts["${account}/${type}"]`);

/** What the shipped config's security foundations add besides contacts: the trail, its bucket and root access. */
export const TRAIL_AND_ROOT_ACCESS_ADDRESSES = [
  "aws_cloudtrail.organization",
  "aws_iam_organizations_features.root_access",
  "aws_s3_bucket.cloudtrail_logs",
  "aws_s3_bucket_lifecycle_configuration.cloudtrail_logs",
  "aws_s3_bucket_policy.cloudtrail_logs",
  "aws_s3_bucket_public_access_block.cloudtrail_logs",
  "aws_s3_bucket_server_side_encryption_configuration.cloudtrail_logs",
  "aws_s3_bucket_versioning.cloudtrail_logs",
];
