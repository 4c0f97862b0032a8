// Centralized root access for member accounts: aws_iam_organizations_features.root_access.
// RootCredentialsManagement lets the management account remove (and not need) member accounts'
// root credentials; RootSessions lets it run the few root-only tasks as short sessions.
import { IamOrganizationsFeatures } from "@cdktf/provider-aws/lib/iam-organizations-features/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { SecurityFoundationsModel } from "../config-language/model.js";
import { addImportBlock, named } from "../terraform/blocks.js";
import { RESOURCE_NAMES, RESOURCE_TYPES } from "../terraform/names.js";

export interface RootAccessProps {
  readonly rootAccess: NonNullable<SecurityFoundationsModel["rootAccess"]>;
  /** The organization: IAM's trusted access must be on first. */
  readonly organization: ITerraformDependable;
  /** The organization's id, when it exists: what the features are imported by. */
  readonly organizationId?: string;
}

/** The IAM feature names, in the order the IAM API lists them. */
export const rootAccessFeatures = (rootAccess: RootAccessProps["rootAccess"]): string[] => [
  ...(rootAccess.credentialsManagement ? ["RootCredentialsManagement"] : []),
  ...(rootAccess.rootSessions ? ["RootSessions"] : []),
];

export class RootAccess extends Construct {
  constructor(scope: Construct, id: string, props: RootAccessProps) {
    super(scope, id);
    const features = rootAccessFeatures(props.rootAccess);
    if (features.length === 0) return;
    named(new IamOrganizationsFeatures(this, "features", { enabledFeatures: features, dependsOn: [props.organization] }), RESOURCE_NAMES.rootAccess);
    // Validation makes sure the id is there when the features exist already.
    if (props.rootAccess.existing && props.organizationId !== undefined) addImportBlock(this, `${RESOURCE_TYPES.organizationsFeatures}.${RESOURCE_NAMES.rootAccess}`, props.organizationId);
  }
}
