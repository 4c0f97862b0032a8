// The sandbox has AWS Organizations' teeth (sandbox/moto_organizations_limits.py), checked through
// the AWS SDK as the provider and `aws-org init` meet them: asynchronous CreateAccount, the account
// quota, 5 creations in progress, emails never reused, the CloseAccount quota, throttling.
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  OrganizationsClient,
  type CreateAccountStatus,
} from "@aws-sdk/client-organizations";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from "../../sandbox/aws-environment.js";
import { MotoServer, type OrganizationsLimits } from "../../sandbox/moto-server.js";
import { createLoopbackCertificate, type TlsCertificate } from "../../sandbox/tls-certificate.js";
import { readAccountQuota } from "../../limits/account-quota.js";

let dir: string;
let tls: TlsCertificate;
const servers: MotoServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "organizations-limits-"));
  tls = createLoopbackCertificate(dir);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function organization(limits: Partial<OrganizationsLimits>): Promise<{ moto: MotoServer; client: OrganizationsClient }> {
  const moto = await MotoServer.start(tls, limits);
  servers.push(moto);
  // One attempt: the test sees every refusal the SDK would otherwise retry.
  const client = new OrganizationsClient({
    endpoint: moto.endpoint,
    region: SANDBOX_REGION,
    credentials: SANDBOX_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: moto.ca }) }),
  });
  await client.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  return { moto, client };
}

const create = (client: OrganizationsClient, name: string) =>
  client.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` })).then((out) => out.CreateAccountStatus!);

/** Polls like the provider until the request is no longer IN_PROGRESS (bounded). */
async function settled(client: OrganizationsClient, id: string): Promise<CreateAccountStatus> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const status = (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id }))).CreateAccountStatus!;
    if (status.State !== "IN_PROGRESS") return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${id} still IN_PROGRESS after 30 s`);
}

const names = async (client: OrganizationsClient) => ((await client.send(new ListAccountsCommand({}))).Accounts ?? []).map((a) => a.Name);

describe("AWS Organizations' limits in the sandbox", () => {
  it("CreateAccount is asynchronous: IN_PROGRESS, no account id, no account, then SUCCEEDED", async () => {
    const { client } = await organization({ createAccountSeconds: 1.5, requestsPerSecond: 0 });
    const request = await create(client, "async-one");
    expect(request.State).toBe("IN_PROGRESS");
    expect(request.AccountId).toBeUndefined();
    expect(request.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    expect(await names(client)).not.toContain("async-one");
    const done = await settled(client, request.Id!);
    expect(done.State).toBe("SUCCEEDED");
    expect(done.AccountId).toMatch(/^\d{12}$/);
    expect(await names(client)).toContain("async-one");
    const listed = await client.send(new ListCreateAccountStatusCommand({ States: ["SUCCEEDED"] }));
    expect(listed.CreateAccountStatuses?.map((s) => s.Id)).toEqual([request.Id]);
  });

  it("holds at most 5 creations in progress: the sixth is refused with TooManyRequestsException", async () => {
    const { moto, client } = await organization({ accountQuota: 20, createAccountSeconds: 30, requestsPerSecond: 0 });
    for (const n of [1, 2, 3, 4, 5]) expect((await create(client, `busy-${n}`)).State).toBe("IN_PROGRESS");
    await expect(create(client, "busy-6")).rejects.toMatchObject({ name: "TooManyRequestsException" });
    const status = await moto.organizationsLimitsStatus();
    expect(status.maxInProgress).toBe(5);
    expect(status.refused.TooManyRequestsException).toBe(1);
  });

  it("fails a creation over the account quota with ACCOUNT_LIMIT_EXCEEDED, counting the management account", async () => {
    const { client } = await organization({ accountQuota: 3, createAccountSeconds: 0.2, requestsPerSecond: 0 });
    const first = await create(client, "quota-1");
    const second = await create(client, "quota-2");
    expect((await settled(client, first.Id!)).State).toBe("SUCCEEDED");
    expect((await settled(client, second.Id!)).State).toBe("SUCCEEDED");
    const third = await settled(client, (await create(client, "quota-3")).Id!);
    expect(third).toMatchObject({ State: "FAILED", FailureReason: "ACCOUNT_LIMIT_EXCEEDED" });
    expect(await names(client)).not.toContain("quota-3");
  });

  it("refuses an email any account has or had, closed ones included", async () => {
    const { client } = await organization({ createAccountSeconds: 0.2, requestsPerSecond: 0 });
    const made = await settled(client, (await create(client, "reused")).Id!);
    await client.send(new CloseAccountCommand({ AccountId: made.AccountId! }));
    const again = await settled(client, (await create(client, "reused")).Id!);
    expect(again).toMatchObject({ State: "FAILED", FailureReason: "EMAIL_ALREADY_EXISTS" });
    const upperCase = await client.send(new CreateAccountCommand({ AccountName: "other", Email: "REUSED@example.com" }));
    expect(await settled(client, upperCase.CreateAccountStatus!.Id!)).toMatchObject({ State: "FAILED", FailureReason: "EMAIL_ALREADY_EXISTS" });
  });

  it("closes at most 10 accounts in 30 days when 10 % of the members is fewer", async () => {
    const { client } = await organization({ accountQuota: 20, createAccountSeconds: 0.2, requestsPerSecond: 0 });
    const ids: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const requests = [];
      for (let n = 0; n < 4; n++) requests.push(await create(client, `closing-${batch}-${n}`));
      for (const request of requests) ids.push((await settled(client, request.Id!)).AccountId!);
    }
    for (const id of ids.slice(0, 10)) await client.send(new CloseAccountCommand({ AccountId: id }));
    await expect(client.send(new CloseAccountCommand({ AccountId: ids[10]! }))).rejects.toMatchObject({ name: "ConstraintViolationException", Reason: "CLOSE_ACCOUNT_QUOTA_EXCEEDED" });
  });

  it("throttles Organizations above the configured rate with TooManyRequestsException", async () => {
    const { moto, client } = await organization({ requestsPerSecond: 2 });
    const answers = await Promise.allSettled(Array.from({ length: 12 }, () => client.send(new ListAccountsCommand({}))));
    const throttled = answers.filter((a) => a.status === "rejected" && (a.reason as Error).name === "TooManyRequestsException");
    // A burst of twice the rate passes; the rest of 12 at once cannot all.
    expect(throttled.length).toBeGreaterThanOrEqual(12 - 4 - 2);
    expect(answers.filter((a) => a.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect((await moto.organizationsLimitsStatus()).refused.throttled).toBe(throttled.length);
  });

  it("changes the rate while running: unthrottled to build an organization fast, then throttled, every request counted", async () => {
    const { moto, client } = await organization({ requestsPerSecond: 0 });
    const free = await Promise.allSettled(Array.from({ length: 30 }, () => client.send(new ListAccountsCommand({}))));
    expect(free.filter((a) => a.status === "rejected")).toHaveLength(0);
    await moto.setOrganizationsRate(2);
    const limited = await Promise.allSettled(Array.from({ length: 12 }, () => client.send(new ListAccountsCommand({}))));
    const throttled = limited.filter((a) => a.status === "rejected" && (a.reason as Error).name === "TooManyRequestsException").length;
    expect(throttled).toBeGreaterThanOrEqual(12 - 4 - 2);
    const status = await moto.organizationsLimitsStatus();
    // CreateOrganization, 30, then 12.
    expect(status.organizationsRequests).toBe(1 + 30 + 12);
    expect(status.refused.throttled).toBe(throttled);
  });

  it("is moto as it is when switched off", async () => {
    const { client } = await organization("off" as never);
    expect((await create(client, "instant")).State).toBe("SUCCEEDED");
  });
});

describe("the account quota in Service Quotas, as aws-org plan reads it", () => {
  const quotasClient = (moto: MotoServer) =>
    new ServiceQuotasClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: SANDBOX_CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: moto.ca }) }) });

  it("reads AWS's default when the quota was never raised (ListServiceQuotas leaves it out), and a raised quota as raised", async () => {
    const { moto } = await organization({});
    expect(await readAccountQuota(quotasClient(moto))).toEqual({ value: 10, source: "service-quotas" });
    const { moto: raised } = await organization({ accountQuota: 40 });
    expect(await readAccountQuota(quotasClient(raised))).toEqual({ value: 40, source: "service-quotas" });
  });

  // With the limits off, moto answers an Organizations quota with an error page: any failure must fall back.
  it("falls back to AWS's default of 10, saying why, when Service Quotas has no answer", async () => {
    const { moto } = await organization("off" as never);
    const quota = await readAccountQuota(quotasClient(moto));
    expect(quota).toMatchObject({ value: 10, source: "aws-default" });
    expect(quota.unreadable).toMatch(/\w+: \S/);
  });
});
