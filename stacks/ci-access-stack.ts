// CI's access to AWS: GitHub's OIDC provider and the plan and apply roles. A stack of its own that
// an administrator applies, like the state backend's bootstrap: CI plans it (so a change to its own
// access is reviewed in the pull request) but never applies it, so no workflow can grant itself more.
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BackendSettings } from "../config-language/backend.js";
import type { CiAccessModel } from "../config-language/model.js";
import { CiRoles } from "../constructs/ci-roles.js";
import { addAwsProvider, type AwsProviderSettings } from "./aws-provider.js";

/** Where this stack keeps its state (the bucket exists before it is applied). */
export const CI_ACCESS_STATE_KEY = "ci-access/terraform.tfstate";

export interface CiAccessStackProps {
  readonly ci: CiAccessModel;
  readonly backend: BackendSettings;
  readonly provider: AwsProviderSettings;
  /** Resource types of the stacks CI applies. */
  readonly resourceTypes: string[];
  /** State keys of the stacks CI applies. */
  readonly appliedStateKeys: string[];
  /** Buckets besides the state bucket that those stacks manage in this account. */
  readonly otherBuckets?: string[];
  /** Roles in member accounts those stacks assume. */
  readonly assumedRoles?: string[];
}

export class CiAccessStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CiAccessStackProps) {
    super(scope, id);
    const { backend } = props;
    addAwsProvider(this, props.provider);
    new S3Backend(this, { bucket: backend.bucket, key: CI_ACCESS_STATE_KEY, region: backend.region, dynamodbTable: backend.dynamodb_table, encrypt: true });
    if (backend.use_lockfile) this.addOverride("terraform.backend.s3.use_lockfile", true);
    new CiRoles(this, "ci-roles", {
      ci: props.ci,
      backend,
      resourceTypes: props.resourceTypes,
      readKeys: [...props.appliedStateKeys, CI_ACCESS_STATE_KEY],
      writeKeys: props.appliedStateKeys,
      ...(props.otherBuckets ? { otherBuckets: props.otherBuckets } : {}),
      ...(props.assumedRoles ? { assumedRoles: props.assumedRoles } : {}),
    });
  }
}
