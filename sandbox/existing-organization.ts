// What the console does before this project exists: an organization, and an account in it.
// Used to rehearse adopting an existing organization (import blocks) in the sandbox.
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";

const STATUS_POLLS = 100;
const STATUS_POLL_MS = 100;

/** CreateAccount as the console does it, waiting (bounded) for SUCCEEDED: creation is asynchronous. Returns the account id. */
export async function createAccountOutsideTofu(client: OrganizationsClient, accountName: string, email: string): Promise<string> {
  const request = (await client.send(new CreateAccountCommand({ AccountName: accountName, Email: email }))).CreateAccountStatus!;
  let status = request;
  for (let poll = 0; poll < STATUS_POLLS && status.State === "IN_PROGRESS"; poll++) {
    await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    status = (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.Id! }))).CreateAccountStatus!;
  }
  if (status.State !== "SUCCEEDED") throw new Error(`creating ${accountName}: ${status.State} ${status.FailureReason ?? ""}`);
  return status.AccountId!;
}

export async function createOrganizationOutsideTofu(client: OrganizationsClient, accountName: string, email: string) {
  const organization = (await client.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }))).Organization!;
  return { organizationId: organization.Id!, accountId: await createAccountOutsideTofu(client, accountName, email) };
}
