// One retry policy for the AWS reads outside tofu: `aws-org plan`'s reading of the live
// organization rides out a burst of throttling (four TooManyRequestsException in a row) that three
// attempts gave up on, and fails at once on what no retry fixes. Organizations is a local server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLiveOrganization } from "../../adopt/discover-organization.js";
import { AWS_RETRY } from "../../limits/aws-retry.js";

const ANSWERS: Record<string, unknown> = {
  DescribeOrganization: { Organization: { Id: "o-example123", FeatureSet: "ALL", MasterAccountId: "000000000000" } },
  ListRoots: { Roots: [{ Id: "r-ab12", Name: "Root", PolicyTypes: [] }] },
  ListAWSServiceAccessForOrganization: { EnabledServicePrincipals: [] },
  ListOrganizationalUnitsForParent: { OrganizationalUnits: [] },
  ListAccountsForParent: { Accounts: [{ Id: "111111111111", Name: "app", Email: "app@example.com", Status: "ACTIVE" }] },
};

let server: Server;
let endpoint: string;
let throttleNext = 0;
let denyAll = false;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const operation = String(request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      seen.push(operation);
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(body));
      };
      if (denyAll) return reply(400, { __type: "AccessDeniedException", Message: "not authorized" });
      if (throttleNext > 0) {
        throttleNext--;
        return reply(400, { __type: "TooManyRequestsException", Message: "Rate exceeded" });
      }
      reply(200, ANSWERS[operation] ?? {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = { region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };

describe("the AWS retry policy", () => {
  it("is adaptive with 10 attempts", () => {
    expect(AWS_RETRY).toEqual({ retryMode: "adaptive", maxAttempts: 10 });
  });

  it("reads the live organization through four throttled answers in a row (three attempts gave up)", async () => {
    throttleNext = 4;
    seen.length = 0;
    const live = await readLiveOrganization({ ...client, endpoint });
    expect(live).not.toBeInstanceOf(Error);
    expect((live as Exclude<typeof live, Error>).accounts.map((a) => a.name)).toEqual(["app"]);
    expect(seen.slice(0, 5)).toEqual(Array(5).fill("DescribeOrganization"));
  });

  it("fails at once, with the reason, on an error no retry fixes", async () => {
    denyAll = true;
    seen.length = 0;
    const live = await readLiveOrganization({ ...client, endpoint });
    denyAll = false;
    expect(live).toBeInstanceOf(Error);
    expect((live as Error).name).toBe("AccessDeniedException");
    expect(seen).toEqual(["DescribeOrganization"]);
  });
});
