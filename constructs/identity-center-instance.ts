// The organization's IAM Identity Center instance and its identity store, read at plan time
// (data.aws_ssoadmin_instances.identity_center): AWS makes one when Identity Center is enabled,
// and it cannot be created through the API, so a missing one stops the plan with what to do.
import { DataAwsSsoadminInstances } from "@cdktf/provider-aws/lib/data-aws-ssoadmin-instances/index.js";
import { Construct } from "constructs";
import { named, namedLocal } from "../terraform/blocks.js";
import { LOCALS, RESOURCE_NAMES } from "../terraform/names.js";

export class IdentityCenterInstance extends Construct {
  /** HCL reference (with ${}) to the instance's ARN. */
  readonly instanceArn = `\${local.${LOCALS.identityCenterArn}}`;
  /** HCL reference (with ${}) to the identity store's id. */
  readonly identityStoreId = `\${local.${LOCALS.identityStoreId}}`;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const instances = named(new DataAwsSsoadminInstances(this, RESOURCE_NAMES.identityCenter), RESOURCE_NAMES.identityCenter);
    instances.addOverride("lifecycle.postcondition", [
      {
        condition: "${length(self.arns) == 1}",
        error_message:
          "IAM Identity Center is not enabled for this organization: enable it once in the console of the management account (IAM Identity Center, Enable), then plan again. It cannot be enabled through the API.",
      },
    ]);
    const data = `data.${DataAwsSsoadminInstances.tfResourceType}.${RESOURCE_NAMES.identityCenter}`;
    namedLocal(this, LOCALS.identityCenterArn, `\${tolist(${data}.arns)[0]}`);
    namedLocal(this, LOCALS.identityStoreId, `\${tolist(${data}.identity_store_ids)[0]}`);
  }
}
