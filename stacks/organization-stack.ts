// The organization, its OUs and accounts, with state in the S3 backend of backend.tf.json.
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BackendSettings } from "../config-language/backend.js";
import { accountsToCreate, accountsToImport, type OrganizationModel } from "../config-language/model.js";
import { AccountParents } from "../constructs/account-parents.js";
import { DelegatedAdministrators } from "../constructs/delegated-administrators.js";
import { ExistingLinks } from "../constructs/existing-links.js";
import { Policies } from "../constructs/policies.js";
import { IdentityCenter } from "../constructs/identity-center.js";
import { ImportedAccounts } from "../constructs/imported-accounts.js";
import { MemberAccounts } from "../constructs/member-accounts.js";
import { Organization } from "../constructs/organization.js";
import { OrganizationalUnits } from "../constructs/organizational-units.js";
import { namedVariable } from "../terraform/blocks.js";
import { ORGANIZATION_ADDRESS, RESOURCE_NAMES, VARIABLES } from "../terraform/names.js";
import { addAccountProvider, addAwsProvider } from "./aws-provider.js";
import { AlternateContacts } from "../constructs/alternate-contacts.js";
import { OrganizationTrail } from "../constructs/organization-trail.js";
import { RootAccess } from "../constructs/root-access.js";

export interface OrganizationStackProps {
  readonly model: OrganizationModel;
  readonly backend: BackendSettings;
}

export class OrganizationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id);
    const { model, backend } = props;
    addAwsProvider(this, model.provider);
    new S3Backend(this, {
      bucket: backend.bucket,
      key: backend.key,
      region: backend.region,
      dynamodbTable: backend.dynamodb_table,
      encrypt: backend.encrypt,
    });
    if (backend.use_lockfile) this.addOverride("terraform.backend.s3.use_lockfile", true);

    const organization = new Organization(this, "organization", { settings: model.organization });
    namedVariable(this, VARIABLES.defaultTags, { type: "map(string)", default: model.defaultTags, description: "Tags on every OU and account" });
    const units = new OrganizationalUnits(this, "organizational-units", {
      units: model.organizationalUnits,
      rootIdReference: organization.rootIdReference,
      defaultTags: model.defaultTags,
      nameTags: model.nameTags,
    });
    const parents = new AccountParents(this, "account-parents", {
      accounts: model.accounts,
      units,
      rootIdReference: organization.rootIdReference,
    });
    new MemberAccounts(this, "member-accounts", {
      accounts: accountsToCreate(model),
      parentIdExpression: parents.parentIdExpression,
      defaultTags: model.defaultTags,
      nameTags: model.nameTags,
    });
    new ImportedAccounts(this, "imported-accounts", {
      accounts: accountsToImport(model),
      parentIdExpression: parents.parentIdExpression,
      defaultTags: model.defaultTags,
      nameTags: model.nameTags,
    });
    const imported = new Set(accountsToImport(model).map((account) => account.name));
    const isImportedAccount = (name: string) => imported.has(name);
    new Policies(this, "policies", { policies: model.policies, isImportedAccount, organization: organization.resource });
    new ExistingLinks(this, "existing-links", { model });
    new DelegatedAdministrators(this, "delegated-administrators", {
      delegatedAdministrators: model.delegatedAdministrators,
      isImportedAccount,
      organization: organization.resource,
    });
    const foundations = model.securityFoundations;
    if (foundations?.organizationTrail) {
      const trail = foundations.organizationTrail;
      const archive = trail.logArchiveAccount === undefined ? undefined : model.accounts.find((a) => a.name === trail.logArchiveAccount);
      new OrganizationTrail(this, "organization-trail", {
        trail,
        region: model.provider.region,
        organizationIdReference: `${ORGANIZATION_ADDRESS}.id`,
        managementAccountIdReference: `${ORGANIZATION_ADDRESS}.master_account_id`,
        organization: organization.resource,
        ...(archive?.importId ? { bucketProvider: addAccountProvider(this, RESOURCE_NAMES.logArchiveProvider, model.provider, archive.importId, trail.accessRoleName) } : {}),
      });
    }
    if (foundations?.rootAccess) new RootAccess(this, "root-access", { rootAccess: foundations.rootAccess, organization: organization.resource, ...(model.organization.importId ? { organizationId: model.organization.importId } : {}) });
    if (foundations) new AlternateContacts(this, "alternate-contacts", { contacts: foundations.contacts, isImportedAccount, organization: organization.resource });
    if (model.identityCenter) {
      new IdentityCenter(this, "identity-center", {
        identityCenter: model.identityCenter,
        defaultTags: model.defaultTags,
        hasCreatedAccounts: accountsToCreate(model).length > 0,
        hasImportedAccounts: accountsToImport(model).length > 0,
      });
    }
  }
}
