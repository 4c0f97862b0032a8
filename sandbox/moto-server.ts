// moto server on 127.0.0.1 at a port the kernel picks: the local AWS API (Organizations, S3, DynamoDB, STS,
// IAM). Whoever starts one stops it; a process exit stops any still running.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { fileURLToPath } from "node:url";
import type { TlsCertificate } from "./tls-certificate.js";

export const MOTO_VERSION = "5.2.1";

/** What sandbox/moto_server_tls.py changes about moto, printed wherever the sandbox runs (and in the README's table). */
export const MOTO_LAUNCHER_DEVIATIONS = [
  `the launcher serves only moto ${MOTO_VERSION} (its additions patch that version's internals); another installed version is replaced by the pinned one, or the launcher refuses to start`,
  "TLS handshakes run per connection in that connection's thread (moto's launcher stalls everyone on one silent client)",
  "a retried request moto already carried out successfully (same amz-sdk-invocation-id, same method, path, query and body) gets its first answer again, not a second execution; a refused request's retry, or a retry with another body, is carried out (GET /_sandbox/replays counts both kinds)",
  "bucket policies: aws:SecureTransport = true is evaluated (Bool, StringEquals, StringNotEquals, with or without IfExists) and a statement whose condition fails is left out, as AWS does; a condition on another key or with another operator is never taken as holding for an Allow (it grants nothing), while a Deny with it still denies, said once on stderr",
  "connections close gracefully and TLS 1.3 session tickets are off",
  "IAM Identity Center, as the API reference describes it (sandbox/moto_identity_center.py): permission set ARNs in AWS's form arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16> (moto nests them under the instance's ARN); the calls moto 5.2.1 lacks: sso-admin ListTagsForResource (20 a page), TagResource (all or nothing: keys 1-128 and values 0-256 characters of AWS's pattern, no aws: prefix, at most 50 tags; also checked on CreatePermissionSet), UntagResource, DescribePermissionSetProvisioningStatus, Put/Get/DeletePermissionsBoundary; ListAccountsForProvisionedPermissionSet, the accounts an assignment or a provisioning reached, paged (moto: only the caller's own, after ProvisionPermissionSet); identitystore DescribeGroupMembership, UpdateGroup, UpdateUser",
  "IAM Identity Center provisioning is asynchronous, as on AWS: ProvisionPermissionSet and CreateAccountAssignment answer IN_PROGRESS for SANDBOX_SSO_PROVISION_SECONDS (6 s, past the provider's first poll at 5 s), then SUCCEEDED, or FAILED with AWS's reason when a customer managed policy the permission set (or its boundary) names does not exist in the target account, and a failed assignment is not made; a status is found only on the InstanceArn it was requested on (moto: SUCCEEDED at once, on any instance)",
  "security foundations (sandbox/moto_security_foundations.py): iam.amazonaws.com is a trusted service (moto refuses it); IAM ListOrganizationsFeatures and Enable/DisableOrganizationsRootCredentialsManagement/RootSessions, which moto lacks, only from the management account of an all-features organization with IAM's trusted access; CreateTrail/UpdateTrail of an organization trail only from the management account with CloudTrail's trusted access, and every trail only onto a bucket whose policy lets CloudTrail GetBucketAcl and PutObject under AWSLogs/<account>/ (and AWSLogs/<organization>/), any aws:SourceArn naming the trail (InsufficientS3BucketPolicyException; moto checks only that the bucket exists); StartLogging, StopLogging and DeleteTrail take the trail's ARN as well as its name (moto: a 500); a trail created without event selectors has CloudTrail's default one, all management events (moto: none), and DescribeTrails says HasCustomEventSelectors once selectors were put (moto: never, which hid a plan that never settles); alternate contacts of another account only for a member of the caller's organization, from its management account with the Account API's trusted access, never the caller's own id, fields checked against the API reference",
  "list calls page as AWS's API reference allows: Organizations at most 20 a page (moto: ListAccounts 100), sso-admin 20 a page unless MaxResults says otherwise (AWS leaves its default undocumented; moto: 100)",
];

/**
 * AWS Organizations' limits that sandbox/moto_organizations_limits.py enforces. Counts are AWS's
 * (Organizations quotas page, CreateAccount and CloseAccount API reference); durations and rates
 * are AWS's shape scaled down so the suite fits CI: a creation AWS finishes in minutes takes seconds.
 */
export interface OrganizationsLimits {
  /** Accounts the organization may hold, the management account and closed ones included (AWS's default quota: 10). */
  accountQuota: number;
  /** How long a CreateAccount stays IN_PROGRESS (AWS: minutes). */
  createAccountSeconds: number;
  /** CreateAccount requests in progress at once (AWS: 5). */
  createAccountConcurrency: number;
  /** Organizations requests a second before TooManyRequestsException (burst: twice that); 0 = no throttling. */
  requestsPerSecond: number;
}

/**
 * The sandbox's defaults. AWS documents no request rate for Organizations; 20 a second, bursts of 40,
 * is slow enough that a plan of a few hundred accounts meets it and fast enough for the suite.
 */
export const SANDBOX_ORGANIZATIONS_LIMITS: OrganizationsLimits = { accountQuota: 10, createAccountSeconds: 2, createAccountConcurrency: 5, requestsPerSecond: 20 };
/** How much faster than AWS the sandbox creates an account (AWS: about 2 minutes, a figure from experience, not a documented one). */
const CREATE_ACCOUNT_SCALE = (limits: OrganizationsLimits): string => `1:${Math.round(120 / limits.createAccountSeconds)}`;

export const describeOrganizationsLimits = (limits: OrganizationsLimits = SANDBOX_ORGANIZATIONS_LIMITS): string[] => [
  `AWS Organizations' limits (sandbox/moto_organizations_limits.py): account quota ${limits.accountQuota} (AWS's default), closed accounts counted; over it a creation FAILS with ACCOUNT_LIMIT_EXCEEDED`,
  `CreateAccount asynchronous: IN_PROGRESS for ${limits.createAccountSeconds} s (time scaled ${CREATE_ACCOUNT_SCALE(limits)} against AWS's minutes), at most ${limits.createAccountConcurrency} in progress, the next answered TooManyRequestsException`,
  "an email any account has or had refused (EMAIL_ALREADY_EXISTS); CloseAccount limited to 10 % of member accounts per rolling 30 days, between 10 and 1,000 (CLOSE_ACCOUNT_QUOTA_EXCEEDED)",
  `Service Quotas answers the account quota (moto knows no Organizations quota): ListAWSDefaultServiceQuotas 10, ListServiceQuotas ${limits.accountQuota === 10 ? "nothing until the quota is raised, as AWS" : limits.accountQuota}`,
  limits.requestsPerSecond > 0 ? `Organizations throttled above ${limits.requestsPerSecond} requests/s, bursts of ${2 * limits.requestsPerSecond} (TooManyRequestsException)` : "Organizations not throttled",
];

/** What moto itself does not check or support, so the tests prove it elsewhere (the README's table says where). */
export const MOTO_LIMITS = [
  "accepts what AWS refuses: a policy attached twice, more policies on a target than the quota, a non-JSON or oversized document, a policy type that is not enabled (proven by validation unit tests)",
  "registers delegated administrators only for access-analyzer, config-multiaccountsetup, guardduty, macie, servicecatalog and ssm (the tests use guardduty)",
  "provisions no IAM role for a permission set in any account and checks no customer managed policy exists there (AWS does both when an assignment is made)",
  "evaluates no web-identity trust policy: any token may assume CI's roles here (the trust conditions are proven by unit tests and read back from IAM)",
];

export const describeMotoDeviations = (): string =>
  [
    `[sandbox] moto ${MOTO_VERSION} runs through sandbox/moto_server_tls.py, which changes:`,
    ...MOTO_LAUNCHER_DEVIATIONS.map((d) => `[sandbox]   - ${d}`),
    ...describeOrganizationsLimits().map((d) => `[sandbox]   - ${d}`),
    `[sandbox] moto ${MOTO_VERSION} itself:`,
    ...MOTO_LIMITS.map((d) => `[sandbox]   - ${d}`),
  ].join("\n");
/** Importing moto takes a few seconds, longer on a loaded machine. */
const STARTUP_TIMEOUT_MS = 90_000;

/** moto's own server, plus the aws:SecureTransport condition it lacks (see the file). */
const LAUNCHER = fileURLToPath(new URL("./moto_server_tls.py", import.meta.url));

const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));
// A signal that ends this process skips "exit" handlers: stop the servers, then die of the signal.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    running.forEach((child) => child.kill("SIGKILL"));
    process.kill(process.pid, signal);
  });
}

/** The moto version python3 imports, or undefined when it cannot import moto's server. */
export function installedMotoVersion(): string | undefined {
  try {
    return execFileSync("python3", ["-c", "import moto, moto.server, flask_cors; print(moto.__version__)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

let motoChecked = false;

/**
 * Installs moto[server] at MOTO_VERSION from PyPI when python3 cannot import it or imports another
 * version: the launcher's additions patch moto's internals as MOTO_VERSION has them.
 */
export function ensureMotoInstalled(): void {
  if (motoChecked) return;
  const found = installedMotoVersion();
  if (found !== MOTO_VERSION) {
    process.stderr.write(`[sandbox] ${found ? `moto ${found} is installed, the sandbox is written against ${MOTO_VERSION}:` : "moto is not installed:"} installing moto[server]==${MOTO_VERSION} from PyPI\n`);
    execFileSync("python3", ["-m", "pip", "install", "--quiet", `moto[server]==${MOTO_VERSION}`], { stdio: "inherit" });
    const installed = installedMotoVersion();
    if (installed !== MOTO_VERSION) throw new Error(`moto ${MOTO_VERSION} is needed; after installing it python3 imports ${installed ?? "no moto"}`);
  }
  motoChecked = true;
}

/** GET /_sandbox/organizations-limits. */
export interface OrganizationsLimitsStatus {
  maxInProgress: number;
  inProgress: number;
  created: number;
  requests: number;
  refused: Record<string, number>;
  /** Organizations requests the server was sent, throttled ones included; null with the limits off. */
  organizationsRequests: number | null;
  /** The same, per Organizations operation (throttled attempts included): where a plan's calls go. */
  organizationsRequestsByOperation: Record<string, number> | null;
}

export class MotoServer {
  private readonly child: ChildProcess;
  readonly endpoint: string;
  /** PEM of the certificate moto serves: clients trust exactly this. */
  readonly ca: string;

  private readonly output: { stderr: string };

  private constructor(child: ChildProcess, endpoint: string, ca: string, output: { stderr: string }) {
    this.child = child;
    this.endpoint = endpoint;
    this.ca = ca;
    this.output = output;
  }

  /** The last 8,000 characters the server wrote to stderr (its warnings, e.g. a condition it cannot evaluate). */
  get stderr(): string {
    return this.output.stderr;
  }

  /** The server's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** One HTTPS request to moto's own API; resolves to the status code. */
  private call(method: string, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.endpoint}${path}`, { method, ca: this.ca, timeout: 30_000 }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.end();
    });
  }

  /** What the limits saw: the most creations in progress at once, creations, refusals by reason. */
  organizationsLimitsStatus(): Promise<OrganizationsLimitsStatus> {
    return this.limitsRequest("GET", "");
  }

  /** Throttles Organizations at `requestsPerSecond` from now on (0: not at all), e.g. after building an organization fast. */
  setOrganizationsRate(requestsPerSecond: number): Promise<OrganizationsLimitsStatus> {
    return this.limitsRequest("PUT", `?rate=${requestsPerSecond}`);
  }

  private limitsRequest(method: "GET" | "PUT", query: string): Promise<OrganizationsLimitsStatus> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.endpoint}/_sandbox/organizations-limits${query}`, { method, ca: this.ca, timeout: 30_000 }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body) as OrganizationsLimitsStatus) : reject(new Error(`limits status answered ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.end();
    });
  }

  /** `limits`: AWS's Organizations limits to enforce (the sandbox's by default), or "off" for moto as it is. */
  static async start(tls: TlsCertificate, limits: Partial<OrganizationsLimits> | "off" = {}): Promise<MotoServer> {
    ensureMotoInstalled();
    const args = [LAUNCHER, "--host", "127.0.0.1", "--cert", tls.certFile, "--key", tls.keyFile];
    const enforced = limits === "off" ? undefined : { ...SANDBOX_ORGANIZATIONS_LIMITS, ...limits };
    const env = {
      ...process.env,
      // The launcher refuses to serve with any other moto (its additions patch moto's internals).
      SANDBOX_MOTO_VERSION: MOTO_VERSION,
      SANDBOX_LIMITS: enforced ? "on" : "off",
      ...(enforced && {
        SANDBOX_ACCOUNT_QUOTA: String(enforced.accountQuota),
        SANDBOX_CREATE_ACCOUNT_SECONDS: String(enforced.createAccountSeconds),
        SANDBOX_CREATE_ACCOUNT_CONCURRENCY: String(enforced.createAccountConcurrency),
        SANDBOX_ORGANIZATIONS_RATE: String(enforced.requestsPerSecond),
      }),
    };
    // stdin is a pipe the server watches: if this process dies, even by SIGKILL, moto exits too.
    const child = spawn("python3", args, { stdio: ["pipe", "pipe", "pipe"], env });
    running.add(child);
    const output = { stderr: "" };
    child.stderr?.on("data", (chunk: Buffer) => (output.stderr = (output.stderr + chunk.toString()).slice(-8000)));
    try {
      // The launcher binds port 0 and prints the port it got: no race with another process.
      const port = await announcedPort(child, STARTUP_TIMEOUT_MS);
      const server = new MotoServer(child, `https://127.0.0.1:${port}`, readFileSync(tls.certFile, "utf8"), output);
      const status = await server.call("GET", "/moto-api/");
      if (status !== 200) throw new Error(`GET /moto-api/ answered ${status}`);
      return server;
    } catch (error) {
      await stopChild(child);
      throw new Error(`moto server did not start: ${(error as Error).message}\n${output.stderr}`);
    }
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** Resolves to the port in the launcher's "listening on port N" line, or rejects after `timeoutMs`. */
function announcedPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => done(new Error(`no "listening on port" line within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on port (\d+)/.exec(out);
      if (match) done(undefined, Number(match[1]));
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`the launcher exited (${code ?? signal}) before listening`));
    function done(error?: Error, port?: number) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.stdout?.resume(); // nothing more is read from stdout; keep the pipe from filling
      if (error) reject(error);
      else resolve(port!);
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  running.delete(child);
}
