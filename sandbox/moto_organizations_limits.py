"""AWS Organizations' limits, which moto 5.2.1 lacks, so the sandbox fails where AWS would.

moto creates an account the instant CreateAccount is called, with no quota, any number at once,
an email any other account already has, and closes any number of accounts. AWS (Organizations API
reference: CreateAccount, CreateAccountStatus, CloseAccount; the Organizations quotas page):
  - CreateAccount is asynchronous: it answers IN_PROGRESS and the account exists only when
    DescribeCreateAccountStatus says SUCCEEDED, minutes later.
  - An organization holds at most its account quota (default 10, the management account and closed
    accounts that are not yet removed included). CreateAccount over it is accepted and its status
    turns FAILED with FailureReason ACCOUNT_LIMIT_EXCEEDED (the CreateAccountStatus reference lists
    that reason for exactly this; ConstraintViolationException's ACCOUNT_NUMBER_LIMIT_EXCEEDED is
    listed as "might not be applicable to this specific API").
  - At most 5 CreateAccount requests are in progress at once. What AWS answers a sixth is not
    documented: the sandbox answers TooManyRequestsException, the documented CreateAccount error
    that means "try again later", which SDKs retry as throttling.
  - An email that any AWS account has or had, closed ones included, is refused: the status turns
    FAILED with EMAIL_ALREADY_EXISTS.
  - CloseAccount may close at most 10 % of the member accounts in any rolling 30 days, and never
    fewer than 10 nor more than 1,000 (ConstraintViolationException CLOSE_ACCOUNT_QUOTA_EXCEEDED).

  - Every list call answers at most 20 items a page ("MaxResults ... Maximum value of 20"); moto
    answers ListAccounts 100 at a time, so a client that ignores NextToken would pass here.

  - Service Quotas holds the organization's account quota (moto's Service Quotas knows only VPC):
    the plan reads it from there to warn before an apply runs into it.

Settings (environment, read at start): SANDBOX_ACCOUNT_QUOTA (AWS's default 10),
SANDBOX_CREATE_ACCOUNT_SECONDS (how long a creation stays IN_PROGRESS; AWS takes minutes, the
sandbox seconds), SANDBOX_CREATE_ACCOUNT_CONCURRENCY (AWS's 5), SANDBOX_LIMITS=off for moto as it is.
GET /_sandbox/organizations-limits answers what happened (most in progress at once, creations,
refusals), so a test can check that an apply stayed inside the limits.
"""
import io
import json
import os
import threading
import time

from moto.moto_api._internal import mock_random as random
from moto.organizations.exceptions import ConstraintViolationException
from moto.organizations import utils as organizations_utils
from moto.organizations.responses import OrganizationsResponse

THIRTY_DAYS = 30 * 24 * 3600
# Organizations' list calls: MaxResults 1-20 (API reference, every List* operation).
AWS_PAGE = 20


def _setting(name, default, kind=float):
    value = os.environ.get(name, "")
    return kind(value) if value != "" else default


class Settings:
    def __init__(self):
        self.enabled = os.environ.get("SANDBOX_LIMITS", "on") != "off"
        self.account_quota = _setting("SANDBOX_ACCOUNT_QUOTA", 10, int)
        self.create_seconds = _setting("SANDBOX_CREATE_ACCOUNT_SECONDS", 2.0)
        self.create_concurrency = _setting("SANDBOX_CREATE_ACCOUNT_CONCURRENCY", 5, int)


def _constraint(reason, message):
    error = ConstraintViolationException(message)
    error.Reason = reason
    return error


class Limits:
    """What the organization's account requests are doing; one lock, since moto serves requests in threads."""

    def __init__(self, settings):
        self.settings = settings
        self.lock = threading.RLock()
        self.requests = {}  # CreateAccountRequestId -> status dict (AWS's CreateAccountStatus shape) plus private fields
        self.closed_at = []
        self.max_in_progress = 0
        self.refused = {"TooManyRequestsException": 0, "ACCOUNT_LIMIT_EXCEEDED": 0, "EMAIL_ALREADY_EXISTS": 0, "CLOSE_ACCOUNT_QUOTA_EXCEEDED": 0}
        self.created = 0

    def in_progress(self):
        return [r for r in self.requests.values() if r["State"] == "IN_PROGRESS"]

    def settle(self, backend, create):
        """Finishes the creations whose time has come: the account is made (by moto) only now."""
        now = time.time()
        for request in self.in_progress():
            if now < request["_ready_at"]:
                continue
            status = create(backend, request["_params"])["CreateAccountStatus"]
            request.update(State="SUCCEEDED", AccountId=status["AccountId"], CompletedTimestamp=now)
            self.created += 1

    def snapshot(self):
        with self.lock:
            return {
                "maxInProgress": self.max_in_progress,
                "inProgress": len(self.in_progress()),
                "created": self.created,
                "requests": len(self.requests),
                "refused": dict(self.refused),
                "organizationsRequests": self.settings.throttle.seen if getattr(self.settings, "throttle", None) else None,
                "organizationsRequestsByOperation": self.settings.throttle.operations() if getattr(self.settings, "throttle", None) else None,
                "settings": {
                    "accountQuota": self.settings.account_quota,
                    "createAccountSeconds": self.settings.create_seconds,
                    "createAccountConcurrency": self.settings.create_concurrency,
                },
            }


LIMITS = None


def _public(request):
    return {k: v for k, v in request.items() if not k.startswith("_")}


def _emails_ever(backend, limits):
    """Every email an account in this emulator has or had (closed ones stay in moto's list), and pending ones."""
    emails = {account.email.lower() for account in backend.accounts}
    emails |= {r["_params"]["Email"].lower() for r in limits.requests.values() if r["State"] != "FAILED"}
    return emails


def install():
    global LIMITS
    settings = Settings()
    LIMITS = Limits(settings)
    if not settings.enabled:
        return settings
    for method in organizations_utils.PAGINATION_MODEL.values():
        method["limit_default"] = min(method.get("limit_default", AWS_PAGE), AWS_PAGE)
    original_create = OrganizationsResponse.create_account
    original_describe_status = OrganizationsResponse.describe_create_account_status
    original_close = OrganizationsResponse.close_account

    def create_in_moto(backend, params):
        return backend.create_account(**params)

    def settled(method):
        def run(self):
            with LIMITS.lock:
                LIMITS.settle(self.organizations_backend, create_in_moto)
            return method(self)

        return run

    def create_account(self):
        backend = self.organizations_backend
        params = dict(self.request_params)
        with LIMITS.lock:
            LIMITS.settle(backend, create_in_moto)
            if backend.org is None:
                return original_create(self)  # moto's own AWSOrganizationsNotInUseException
            if len(LIMITS.in_progress()) >= settings.create_concurrency:
                LIMITS.refused["TooManyRequestsException"] += 1
                return THROTTLE_BODY.decode(), {"status": 400, "Content-Type": "application/x-amz-json-1.1"}
            now = time.time()
            request = {
                "Id": "car-" + random.get_random_string(length=32, lower_case=True),
                "AccountName": params.get("AccountName"),
                "State": "IN_PROGRESS",
                "RequestedTimestamp": now,
                "_params": params,
                "_ready_at": now + settings.create_seconds,
            }
            accounts = len(backend.accounts) + len(LIMITS.in_progress())
            if accounts >= settings.account_quota:
                request.update(State="FAILED", FailureReason="ACCOUNT_LIMIT_EXCEEDED", CompletedTimestamp=now)
                LIMITS.refused["ACCOUNT_LIMIT_EXCEEDED"] += 1
            elif str(params.get("Email", "")).lower() in _emails_ever(backend, LIMITS):
                request.update(State="FAILED", FailureReason="EMAIL_ALREADY_EXISTS", CompletedTimestamp=now)
                LIMITS.refused["EMAIL_ALREADY_EXISTS"] += 1
            LIMITS.requests[request["Id"]] = request
            LIMITS.max_in_progress = max(LIMITS.max_in_progress, len(LIMITS.in_progress()))
            return json.dumps({"CreateAccountStatus": _public(request)})

    def describe_create_account_status(self):
        with LIMITS.lock:
            LIMITS.settle(self.organizations_backend, create_in_moto)
            request = LIMITS.requests.get(self._get_param("CreateAccountRequestId"))
            if request is None:
                return original_describe_status(self)
            return json.dumps({"CreateAccountStatus": _public(request)})

    def list_create_account_status(self):
        with LIMITS.lock:
            LIMITS.settle(self.organizations_backend, create_in_moto)
            states = self._get_param("States") or ["IN_PROGRESS", "SUCCEEDED", "FAILED"]
            statuses = [_public(r) for r in LIMITS.requests.values() if r["State"] in states]
            start = int(self._get_param("NextToken") or 0)
            size = int(self._get_param("MaxResults") or 20)
            page = statuses[start : start + size]
            answer = {"CreateAccountStatuses": page}
            if start + size < len(statuses):
                answer["NextToken"] = str(start + size)
            return json.dumps(answer)

    def close_account(self):
        backend = self.organizations_backend
        with LIMITS.lock:
            LIMITS.settle(backend, create_in_moto)
            now = time.time()
            LIMITS.closed_at = [t for t in LIMITS.closed_at if now - t < THIRTY_DAYS]
            members = len([a for a in backend.accounts if backend.org and a.id != backend.org.master_account_id and a.status == "ACTIVE"])
            quota = min(1000, max(10, members // 10))
            if len(LIMITS.closed_at) >= quota:
                LIMITS.refused["CLOSE_ACCOUNT_QUOTA_EXCEEDED"] += 1
                raise _constraint("CLOSE_ACCOUNT_QUOTA_EXCEEDED", f"You have exceeded close account quota for the past 30 days ({quota}).")
            answer = original_close(self)
            LIMITS.closed_at.append(now)
            return answer

    OrganizationsResponse.create_account = create_account
    OrganizationsResponse.describe_create_account_status = describe_create_account_status
    OrganizationsResponse.list_create_account_status = list_create_account_status
    OrganizationsResponse.close_account = close_account
    # Every read that could show an account settles the creations whose time has come first.
    for name in ("list_accounts", "list_accounts_for_parent", "describe_account", "list_children", "list_parents", "describe_organization"):
        setattr(OrganizationsResponse, name, settled(getattr(OrganizationsResponse, name)))
    return settings


STATUS_PATH = "/_sandbox/organizations-limits"


def status_endpoint(app):
    """WSGI: GET /_sandbox/organizations-limits answers LIMITS.snapshot(); PUT ...?rate=N sets the
    Organizations request rate from then on (0: unthrottled), so a benchmark can build an organization
    fast and then plan it throttled. Everything else goes to moto."""

    def serving(environ, start_response):
        if environ.get("PATH_INFO") == STATUS_PATH and LIMITS is not None:
            if environ.get("REQUEST_METHOD") == "PUT":
                query = dict(part.split("=", 1) for part in environ.get("QUERY_STRING", "").split("&") if "=" in part)
                bucket = getattr(LIMITS.settings, "throttle", None)
                if bucket is None or "rate" not in query:
                    start_response("400 Bad Request", [("Content-Length", "0")])
                    return [b""]
                bucket.set_rate(float(query["rate"]))
            body = json.dumps(LIMITS.snapshot()).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    return serving


class TokenBucket:
    """At most `rate` requests a second on average, `burst` at once: how AWS throttles an API per
    account. A rate of 0 lets everything through (and still counts it)."""

    def __init__(self, rate):
        self.lock = threading.Lock()
        self.throttled = 0
        self.seen = 0
        self.by_operation = {}
        self.set_rate(rate)

    def set_rate(self, rate):
        with self.lock:
            self.rate, self.burst = rate, max(1.0, 2 * rate)
            self.tokens, self.at = self.burst, time.monotonic()

    def operations(self):
        with self.lock:
            return dict(self.by_operation)

    def take(self, operation=""):
        with self.lock:
            self.seen += 1
            self.by_operation[operation] = self.by_operation.get(operation, 0) + 1
            if self.rate <= 0:
                return True
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            self.throttled += 1
            return False


ORGANIZATIONS_TARGET = "AWSOrganizationsV20161128."
THROTTLE_BODY = json.dumps({"__type": "TooManyRequestsException", "message": "You have sent too many requests in too short a period of time. Try again later."}).encode()


def throttling(app, settings):
    """WSGI: Organizations requests over SANDBOX_ORGANIZATIONS_RATE (a second, with a burst of twice
    that; 0 for none) get TooManyRequestsException before moto sees them. Outside the retry replay
    cache, so a retried request is judged again, as AWS judges it. Every request is counted."""
    if not settings.enabled:
        return app
    bucket = TokenBucket(_setting("SANDBOX_ORGANIZATIONS_RATE", 0.0))
    settings.throttle = bucket

    def serving(environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith(ORGANIZATIONS_TARGET) and not bucket.take(target[len(ORGANIZATIONS_TARGET):]):
            if LIMITS is not None:
                with LIMITS.lock:
                    LIMITS.refused["throttled"] = bucket.throttled
            start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(THROTTLE_BODY)))])
            return [THROTTLE_BODY]
        return app(environ, start_response)

    return serving


SERVICE_QUOTAS_TARGET = "ServiceQuotasV20190624."
# As Service Quotas names it (quota code as AWS lists it for AWS Organizations in us-east-1).
ACCOUNT_QUOTA = {"ServiceCode": "organizations", "ServiceName": "AWS Organizations", "QuotaCode": "L-29A0C5DF", "QuotaName": "Default maximum number of accounts", "Unit": "None", "Adjustable": True, "GlobalQuota": True}
AWS_DEFAULT_ACCOUNT_QUOTA = 10


def service_quotas(app, settings):
    """WSGI: Service Quotas answers the organization's account quota, which moto does not know.
    ListAWSDefaultServiceQuotas gives AWS's default (10); ListServiceQuotas gives the applied value
    only once it differs from the default, as AWS leaves out quotas whose applied value it has not
    recorded. A raised SANDBOX_ACCOUNT_QUOTA is the sandbox's granted increase. Other services go to moto."""
    if not settings.enabled:
        return app

    def serving(environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target[len(SERVICE_QUOTAS_TARGET):] if target.startswith(SERVICE_QUOTAS_TARGET) else ""
        if operation not in ("ListServiceQuotas", "ListAWSDefaultServiceQuotas"):
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        request = json.loads(raw or b"{}")
        if request.get("ServiceCode") != "organizations":
            environ["wsgi.input"] = io.BytesIO(raw)
            return app(environ, start_response)
        if operation == "ListAWSDefaultServiceQuotas":
            quotas = [dict(ACCOUNT_QUOTA, Value=float(AWS_DEFAULT_ACCOUNT_QUOTA))]
        else:
            quotas = [dict(ACCOUNT_QUOTA, Value=float(settings.account_quota))] if settings.account_quota != AWS_DEFAULT_ACCOUNT_QUOTA else []
        body = json.dumps({"Quotas": quotas}).encode()
        start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(body)))])
        return [body]

    return serving
