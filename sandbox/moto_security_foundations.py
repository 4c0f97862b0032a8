"""The security foundations as AWS enforces them, where moto 5.2.1 lacks or simplifies them.

Added from the API references, on moto's own models, and listed in the sandbox's printed output
and the README's emulator table (sandbox/moto-server.ts, MOTO_LAUNCHER_DEVIATIONS):

organizations
  iam.amazonaws.com is a trusted service (Organizations' list of integrated services: centralized
  root access); moto 5.2.1 refuses it as "unrecognized".
iam (ListOrganizationsFeatures, Enable/DisableOrganizationsRootCredentialsManagement, Enable/
DisableOrganizationsRootSessions), which moto lacks
  only from the organization's management account (CallerIsNotManagementAccountException), in an
  organization with all features (OrganizationNotInAllFeaturesModeException) and IAM's trusted
  access enabled (ServiceAccessNotEnabledException); no organization: OrganizationNotFoundException.
cloudtrail CreateTrail / UpdateTrail with IsOrganizationTrail
  only from the management account (NotOrganizationMasterAccountException), with all features
  (OrganizationNotInAllFeaturesModeException) and CloudTrail's trusted access enabled
  (CloudTrailAccessNotEnabledException); and, for every trail, a bucket policy that lets
  cloudtrail.amazonaws.com GetBucketAcl on the bucket and PutObject under
  <prefix>/AWSLogs/<account>/ (and AWSLogs/<organization id>/ for an organization trail), with any
  aws:SourceArn condition naming this trail (InsufficientS3BucketPolicyException). moto checks only
  that the bucket exists.
cloudtrail StartLogging, StopLogging, DeleteTrail
  take the trail's name or ARN, as the API reference says (moto: only the name; an ARN is a 500).
cloudtrail GetEventSelectors, DescribeTrails
  a trail created without event selectors has CloudTrail's default one (all read and write
  management events, no data events), as the EventSelector reference says; moto answers none.
  DescribeTrails says HasCustomEventSelectors once selectors were put, and HasInsightSelectors once
  insight selectors were (moto: always false, so a reader that skips GetEventSelectors for a trail
  without custom selectors, as the aws provider does, never sees what was put).
account Put/Get/DeleteAlternateContact with AccountId
  the account must be a member of the caller's organization, called from its management account,
  with the Account API's trusted access enabled (AccessDeniedException); the caller's own id is
  refused (ValidationException: leave AccountId out); fields are checked against the API
  reference's lengths and patterns (ValidationException). moto takes any account and any text.
"""
import fnmatch
import json
import re

from moto.account.responses import AccountResponse
from moto.cloudtrail.models import CloudTrailBackend, Trail
from moto.cloudtrail.responses import CloudTrailResponse
from moto.core.exceptions import JsonRESTError, ServiceException
from moto.core.responses import ActionResult
from moto.iam.responses import IamResponse
from moto.organizations.models import FakeServiceAccess, organizations_backends

FEATURES = ("RootCredentialsManagement", "RootSessions")


def _organization(account_id):
    """(backend, organization) of the organization account_id manages or belongs to, or (None, None)."""
    owner = organizations_backends.master_accounts.get(account_id, (account_id, "aws"))[0]
    backend = organizations_backends[owner]["aws"]
    return (backend, backend.org) if backend.org is not None else (None, None)


def _trusted(backend, principal):
    return any(service["ServicePrincipal"] == principal for service in backend.services)


# ---- iam: organizations features ------------------------------------------------------------------

class IamError(ServiceException):
    def __init__(self, code, message):
        super().__init__(code, message)


def _features_state(backend):
    if not hasattr(backend, "_aws_org_cdktf_features"):
        backend._aws_org_cdktf_features = []
    return backend._aws_org_cdktf_features


def _checked_organization(self):
    backend, organization = _organization(self.current_account)
    if organization is None:
        raise IamError("OrganizationNotFoundException", "The request failed because AWS Organizations is not in use for this account")
    if organization.master_account_id != self.current_account:
        raise IamError("CallerIsNotManagementAccountException", "The request was rejected because the account making the request is not the management account of the organization")
    if organization.feature_set != "ALL":
        raise IamError("OrganizationNotInAllFeaturesModeException", "The request failed because the organization does not have all features enabled")
    if not _trusted(backend, "iam.amazonaws.com"):
        raise IamError("ServiceAccessNotEnabledException", "The request was rejected because trusted access for IAM is not enabled in AWS Organizations")
    return backend, organization


def _features_answer(backend, organization):
    return ActionResult({"OrganizationId": organization.id, "EnabledFeatures": [f for f in FEATURES if f in _features_state(backend)]})


def list_organizations_features(self):
    backend, organization = _checked_organization(self)
    return _features_answer(backend, organization)


def _switching(feature, on):
    def switch(self):
        backend, organization = _checked_organization(self)
        enabled = _features_state(backend)
        if on and feature not in enabled:
            enabled.append(feature)
        elif not on and feature in enabled:
            enabled.remove(feature)
        return _features_answer(backend, organization)
    return switch


# ---- cloudtrail: organization trails and the bucket policy --------------------------------------

class TrailError(JsonRESTError):
    code = 400

    def __init__(self, error_type, message):
        super().__init__(error_type, message)


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _grants(statements, action, resource, trail_arn):
    """True when an Allow for the CloudTrail service covers action on resource, and any aws:SourceArn condition names this trail."""
    for statement in statements:
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal") or {}
        services = _as_list(principal.get("Service", [])) if isinstance(principal, dict) else []
        if "cloudtrail.amazonaws.com" not in services and principal != "*":
            continue
        if not any(fnmatch.fnmatchcase(action, pattern) for pattern in _as_list(statement.get("Action", []))):
            continue
        if not any(fnmatch.fnmatchcase(resource, pattern) for pattern in _as_list(statement.get("Resource", []))):
            continue
        source_arns = [value for operator, conditions in (statement.get("Condition") or {}).items() if operator.startswith("String") for key, values in conditions.items() if key.lower() == "aws:sourcearn" for value in _as_list(values)]
        if source_arns and not any(fnmatch.fnmatchcase(trail_arn, arn) for arn in source_arns):
            continue
        return True
    return False


def _check_trail(self, organization_trail):
    from moto.s3.models import s3_backends

    name, bucket_name = self._get_param("Name"), self._get_param("S3BucketName")
    account = self.current_account
    if organization_trail:
        backend, organization = _organization(account)
        if organization is None or organization.master_account_id != account:
            raise TrailError("NotOrganizationMasterAccountException", "This operation can be performed only from the organization's management account")
        if organization.feature_set != "ALL":
            raise TrailError("OrganizationNotInAllFeaturesModeException", "This operation requires that all features are enabled in the organization")
        if not _trusted(backend, "cloudtrail.amazonaws.com"):
            raise TrailError("CloudTrailAccessNotEnabledException", "Trusted access for CloudTrail is not enabled in AWS Organizations")
    if not bucket_name:
        return
    try:
        bucket = s3_backends[account]["aws"].get_bucket(bucket_name)
    except Exception:  # noqa: BLE001 - moto's own check names the missing bucket
        return
    arn_name = name if not name.startswith("arn:") else name.rsplit("/", 1)[-1]
    trail_arn = f"arn:aws:cloudtrail:{self.region}:{account}:trail/{arn_name}"
    statements = _as_list(json.loads(bucket.policy.decode())["Statement"]) if bucket.policy else []
    prefix = self._get_param("S3KeyPrefix")
    base = f"arn:aws:s3:::{bucket_name}/{prefix + '/' if prefix else ''}AWSLogs"
    owners = [account] + ([organization.id] if organization_trail else [])
    needed = [("s3:GetBucketAcl", f"arn:aws:s3:::{bucket_name}")] + [("s3:PutObject", f"{base}/{owner}/file") for owner in owners]
    missing = [f"{action} on {resource}" for action, resource in needed if not _grants(statements, action, resource, trail_arn)]
    if missing:
        raise TrailError("InsufficientS3BucketPolicyException", f"Incorrect S3 bucket policy is detected for bucket: {bucket_name} (it does not let cloudtrail.amazonaws.com {'; '.join(missing)})")


def _checking_trail(original):
    def run(self):
        organization_trail = self._get_bool_param("IsOrganizationTrail", False)
        _check_trail(self, organization_trail)
        return original(self)
    return run


# ---- account: alternate contacts of member accounts ---------------------------------------------

class AccountError(JsonRESTError):
    code = 400

    def __init__(self, error_type, message, status=400):
        super().__init__(error_type, message)
        self.code = status


CONTACT_RULES = {
    "Name": (1, 64, None),
    "Title": (1, 50, None),
    "EmailAddress": (1, 254, re.compile(r"^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$")),
    "PhoneNumber": (1, 25, re.compile(r"^[\s0-9()+-]+$")),
}


def _check_contact_account(self):
    account_id = self._get_param("AccountId")
    if account_id is None:
        return
    if account_id == self.current_account:
        raise AccountError("ValidationException", "To manage the calling account's own contacts, leave AccountId out")
    backend, organization = _organization(self.current_account)
    if organization is None or organization.master_account_id != self.current_account:
        raise AccountError("AccessDeniedException", "Only the organization's management account or a delegated administrator may name another account", 403)
    if not _trusted(backend, "account.amazonaws.com"):
        raise AccountError("AccessDeniedException", "Trusted access for AWS Account Management is not enabled in AWS Organizations", 403)
    if not any(account.id == account_id for account in backend.accounts):
        raise AccountError("AccessDeniedException", f"Account {account_id} is not a member of this organization", 403)


def _checking_contact_account(original, validate_fields=False):
    def run(self):
        _check_contact_account(self)
        if validate_fields:
            problems = []
            for field, (low, high, pattern) in CONTACT_RULES.items():
                value = self._get_param(field)
                if not isinstance(value, str) or not low <= len(value) <= high or (pattern and not pattern.match(value)):
                    problems.append(f"{field} must be {low}-{high} characters{' matching ' + pattern.pattern if pattern else ''}")
            if problems:
                raise AccountError("ValidationException", "; ".join(problems))
        return original(self)
    return run


def _by_name_or_arn(original):
    """The backend method with an ARN turned into the trail's name first."""
    def run(self, name, *args, **kwargs):
        if name.startswith("arn:"):
            name = self.get_trail(name).trail_name
        return original(self, name, *args, **kwargs)
    return run


# A trail's selectors when none were put: CloudTrail's default, as GetEventSelectors returns it.
DEFAULT_EVENT_SELECTOR = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}


def _with_default_selector(original):
    def run(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.event_selectors = [dict(DEFAULT_EVENT_SELECTOR)]
    return run


def _marking_custom(original):
    def run(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self._aws_org_cdktf_custom_selectors = True
    return run


def _describing_selectors(original):
    def run(self, *args, **kwargs):
        description = original(self, *args, **kwargs)
        description["HasCustomEventSelectors"] = getattr(self, "_aws_org_cdktf_custom_selectors", False)
        description["HasInsightSelectors"] = bool(self.insight_selectors)
        return description
    return run


def install():
    Trail.__init__ = _with_default_selector(Trail.__init__)
    Trail.put_event_selectors = _marking_custom(Trail.put_event_selectors)
    Trail.description = _describing_selectors(Trail.description)
    for method in ("start_logging", "stop_logging", "delete_trail"):
        setattr(CloudTrailBackend, method, _by_name_or_arn(getattr(CloudTrailBackend, method)))
    FakeServiceAccess.TRUSTED_SERVICES.append("iam.amazonaws.com")
    IamResponse.list_organizations_features = list_organizations_features
    IamResponse.enable_organizations_root_credentials_management = _switching("RootCredentialsManagement", True)
    IamResponse.disable_organizations_root_credentials_management = _switching("RootCredentialsManagement", False)
    IamResponse.enable_organizations_root_sessions = _switching("RootSessions", True)
    IamResponse.disable_organizations_root_sessions = _switching("RootSessions", False)
    CloudTrailResponse.create_trail = _checking_trail(CloudTrailResponse.create_trail)
    CloudTrailResponse.update_trail = _checking_trail(CloudTrailResponse.update_trail)
    AccountResponse.put_alternate_contact = _checking_contact_account(AccountResponse.put_alternate_contact, validate_fields=True)
    AccountResponse.get_alternate_contact = _checking_contact_account(AccountResponse.get_alternate_contact)
    AccountResponse.delete_alternate_contact = _checking_contact_account(AccountResponse.delete_alternate_contact)
