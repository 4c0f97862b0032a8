// The AWS Organization itself: aws_organizations_organization.org.
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization/index.js";
import { Construct } from "constructs";
import type { OrganizationModel } from "../config-language/model.js";
import { addImportBlock, named } from "../terraform/blocks.js";
import { ORGANIZATION_ADDRESS, RESOURCE_NAMES, ROOT_ID_REFERENCE } from "../terraform/names.js";

export interface OrganizationProps {
  /** Feature set, policy types, service principals and, for an existing organization, its id. */
  readonly settings: OrganizationModel["organization"];
}

export class Organization extends Construct {
  readonly resource: OrganizationsOrganization;
  /** HCL reference to the root's id (r-...): the parent of top-level OUs and root accounts. */
  readonly rootIdReference = ROOT_ID_REFERENCE;

  constructor(scope: Construct, id: string, props: OrganizationProps) {
    super(scope, id);
    const { settings } = props;
    this.resource = named(
      new OrganizationsOrganization(this, RESOURCE_NAMES.organization, {
        featureSet: settings.featureSet,
        enabledPolicyTypes: settings.enabledPolicyTypes,
        awsServiceAccessPrincipals: settings.awsServiceAccessPrincipals,
        // Destroying this resource deletes the organization.
        lifecycle: { preventDestroy: true },
      }),
      RESOURCE_NAMES.organization,
    );
    if (settings.importId !== undefined) addImportBlock(this, ORGANIZATION_ADDRESS, settings.importId);
  }
}
