"""IAM Identity Center calls the AWS provider makes and moto 5.2.1 does not answer (each a 500 there).

Added as the API reference describes them, on moto's own models, and listed in the sandbox's printed
output and the README's emulator table (sandbox/moto-server.ts, MOTO_LAUNCHER_DEVIATIONS):

sso-admin
  permission set ARNs                               arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>, as AWS
                                                    writes them (moto: the instance's ARN + /ps-<16>)
  ListTagsForResource, TagResource, UntagResource   tags of permission sets (and instances): keys 1-128 and
                                                    values 0-256 characters of AWS's pattern, no "aws:"
                                                    prefix, at most 50 tags (ValidationException,
                                                    ServiceQuotaExceededException); a refused TagResource
                                                    changes nothing; ListTagsForResource pages (20 a page)
  ProvisionPermissionSet, CreateAccountAssignment   asynchronous: IN_PROGRESS, then SUCCEEDED, or FAILED
    and their Describe...Status calls              when a customer managed policy the permission set names
                                                    (or its boundary names) does not exist in a target
                                                    account, as AWS reports it; a status is found only with
                                                    the InstanceArn it was requested on (moto: SUCCEEDED at
                                                    once, whatever the instance)
  Put/Get/DeletePermissionsBoundary(To|For|From)PermissionSet
  ListAccountsForProvisionedPermissionSet           the accounts a permission set is provisioned to (by a
                                                    provisioning or an assignment that succeeded), paged
                                                    (moto: the caller's own account, and only after
                                                    ProvisionPermissionSet)
  list calls                                        20 a page unless MaxResults says otherwise (AWS does not
                                                    document its default and may return fewer than
                                                    MaxResults; moto answers 100), so pagination is exercised
identitystore
  DescribeGroupMembership                           a membership by id
  UpdateGroup, UpdateUser                           AttributePath/AttributeValue operations on
                                                    displayName, description and name.* (others: ValidationException)

Settings (environment, read at start): SANDBOX_SSO_PROVISION_SECONDS, how long a provisioning or an
assignment stays IN_PROGRESS (default 6, past the provider's first poll at 5 s; AWS takes seconds).
"""
import json
import os
import time
import unicodedata

from moto.core.exceptions import JsonRESTError
from moto.identitystore import exceptions as store_errors
from moto.identitystore.models import Name
from moto.identitystore.responses import IdentityStoreResponse
from moto.ssoadmin.exceptions import ResourceNotFoundException, ServiceQuotaExceededException
from moto.moto_api._internal import mock_random as random
from moto.ssoadmin.models import PermissionSet, SSOAdminBackend
from moto.ssoadmin.responses import SSOAdminResponse
from moto.ssoadmin import utils as ssoadmin_utils

# Tag (API reference): key 1-128, value 0-256 characters of this pattern; AWS's tagging rules
# reserve the aws: prefix and allow 50 user tags per resource.
MAX_TAGS = 50


def _tag_text(text):
    """[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*: letters, separators, numbers and those six marks."""
    return all(unicodedata.category(c)[0] in "LZN" or c in "_.:/=+-@" for c in text)

TAGS_PAGE = 20
# A list call's page when MaxResults is not given: AWS leaves its default undocumented (and may
# always return fewer than asked); moto's 100 would let a client that ignores NextToken pass.
LIST_PAGE = 20


class ValidationException(JsonRESTError):
    """sso-admin's ValidationException, which moto 5.2.1 does not define."""
    code = 400

    def __init__(self, message):
        super().__init__(error_type="ValidationException", message=message)


# ---- sso-admin: state kept beside moto's backend ------------------------------------------------

def _extra(backend):
    if not hasattr(backend, "_aws_org_cdktf"):
        backend._aws_org_cdktf = {"instance_tags": {}, "provisioning": {}, "assignments": {}, "provisioned_to": {}, "boundaries": {}}
    return backend._aws_org_cdktf


def _tag_holder(backend, instance_arn, resource_arn):
    """The list of {Key, Value} that belongs to a permission set or an instance."""
    for permission_set in backend.permission_sets:
        if permission_set.permission_set_arn == resource_arn and permission_set.instance_arn == instance_arn:
            if permission_set.tags is None:
                permission_set.tags = []
            return permission_set.tags
    if any(instance.instance_arn == resource_arn for instance in backend.instances):
        return _extra(backend)["instance_tags"].setdefault(resource_arn, [])
    raise ResourceNotFoundException(message=f"Could not find resource {resource_arn}")


def tag_problems(tags):
    """What AWS refuses in a TagResource's Tags, every problem named."""
    problems = []
    for index, tag in enumerate(tags):
        key, value = tag.get("Key"), tag.get("Value")
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or not _tag_text(key):
            problems.append(f"Tags[{index}].Key must be 1-128 characters of [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]")
        elif key.lower().startswith("aws:"):
            problems.append(f"Tags[{index}].Key {key!r}: the aws: prefix is reserved for AWS")
        if not isinstance(value, str) or len(value) > 256 or not _tag_text(value):
            problems.append(f"Tags[{index}].Value must be 0-256 characters of [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]")
    return problems


def list_tags_for_resource(self):
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    start = _page_start(self._get_param("NextToken"), len(tags))
    answer = {"Tags": [dict(tag) for tag in tags[start : start + TAGS_PAGE]]}
    if start + TAGS_PAGE < len(tags):
        answer["NextToken"] = str(start + TAGS_PAGE)
    return json.dumps(answer)


def _page_start(token, size):
    if token is None:
        return 0
    if not token.isdigit() or int(token) > size:
        raise ValidationException(f"NextToken {token!r} is not one this call gave")
    return int(token)


def tag_resource(self):
    """All or nothing, as AWS: a request with a bad tag, or one that would leave more than the quota, changes nothing."""
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    new_tags = self._get_param("Tags") or []
    problems = tag_problems(new_tags)
    if problems:
        raise ValidationException("; ".join(problems))
    merged = {tag["Key"]: tag["Value"] for tag in tags}
    merged.update({tag["Key"]: tag["Value"] for tag in new_tags})
    if len(merged) > MAX_TAGS:
        raise ServiceQuotaExceededException(message=f"A resource holds at most {MAX_TAGS} tags; this request would leave {len(merged)}")
    tags[:] = [{"Key": key, "Value": value} for key, value in merged.items()]
    return "{}"


def untag_resource(self):
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    keys = set(self._get_param("TagKeys") or [])
    tags[:] = [tag for tag in tags if tag["Key"] not in keys]
    return "{}"


# Longer than the provider's first poll (5 s after the request), so its waiting on IN_PROGRESS runs.
PROVISION_SECONDS = float(os.environ.get("SANDBOX_SSO_PROVISION_SECONDS") or 6)


def _missing_customer_managed_policies(backend, permission_set_arn, account_id):
    """The customer managed policies (references and boundary) the permission set names that do not
    exist in the account: AWS cannot build the account's role then, and the request FAILS."""
    from moto.iam.models import iam_backends

    permission_set = next((p for p in backend.permission_sets if p.permission_set_arn == permission_set_arn), None)
    if permission_set is None:
        return []
    references = [(policy.path, policy.name) for policy in permission_set.customer_managed_policies]
    boundary = _extra(backend)["boundaries"].get(permission_set_arn, {}).get("CustomerManagedPolicyReference")
    if boundary is not None:
        references.append((boundary.get("Path", "/"), boundary["Name"]))
    existing = iam_backends[account_id]["aws"].managed_policies
    arns = [f"arn:aws:iam::{account_id}:policy{path}{name}" for path, name in references]
    return [arn for arn in arns if arn not in existing]


def _settle(backend):
    """Finishes the provisionings and assignments whose time has come, as AWS would have by then."""
    extra = _extra(backend)
    now = time.time()
    for status in extra["provisioning"].values():
        if status["Status"] != "IN_PROGRESS" or now < status["_ready_at"]:
            continue
        missing = [arn for account in status["_accounts"] for arn in _missing_customer_managed_policies(backend, status["PermissionSetArn"], account)]
        if missing:
            status.update(Status="FAILED", FailureReason=f"Received a 404 status error: Not supported policy {missing[0]}.")
        else:
            status["Status"] = "SUCCEEDED"
            extra["provisioned_to"].setdefault(status["PermissionSetArn"], set()).update(status["_accounts"])
    for status in extra["assignments"].values():
        if status["Status"] != "IN_PROGRESS" or now < status["_ready_at"]:
            continue
        missing = _missing_customer_managed_policies(backend, status["PermissionSetArn"], status["TargetId"])
        if missing:
            status.update(Status="FAILED", FailureReason=f"Received a 404 status error: Not supported policy {missing[0]}.")
            backend.account_assignments[:] = [a for a in backend.account_assignments if a.request_id != status["RequestId"]]
        else:
            status["Status"] = "SUCCEEDED"
            extra["provisioned_to"].setdefault(status["PermissionSetArn"], set()).add(status["TargetId"])


def _public(status):
    return {key: value for key, value in status.items() if not key.startswith("_")}


def _status(self, kind, request_id):
    """A request's status, found only with the instance it was made on (AWS scopes requests to it)."""
    _settle(self.ssoadmin_backend)
    status = _extra(self.ssoadmin_backend)[kind].get(request_id)
    if status is None or status["_instance_arn"] != self._get_param("InstanceArn"):
        raise ResourceNotFoundException(message=f"Could not find request {request_id} in instance {self._get_param('InstanceArn')}")
    return _public(status)


def provision_permission_set(self):
    """Asynchronous, as AWS: IN_PROGRESS now; the accounts are the one named, or every account the
    permission set is provisioned to or assigned on."""
    backend = self.ssoadmin_backend
    _settle(backend)
    instance_arn, permission_set_arn = self._get_param("InstanceArn"), self._get_param("PermissionSetArn")
    target_type, target_id = self._get_param("TargetType"), self._get_param("TargetId")
    backend._find_permission_set(instance_arn, permission_set_arn)
    if target_type == "AWS_ACCOUNT":
        if not (isinstance(target_id, str) and len(target_id) == 12 and target_id.isdigit()):
            raise ValidationException("TargetId must be a 12-digit account id when TargetType is AWS_ACCOUNT")
        accounts = {target_id}
    elif target_type == "ALL_PROVISIONED_ACCOUNTS":
        accounts = set(_extra(backend)["provisioned_to"].get(permission_set_arn, set()))
        accounts |= {a.target_id for a in backend.account_assignments if a.permission_set_arn == permission_set_arn}
    else:
        raise ValidationException("TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS")
    now = time.time()
    status = {
        "AccountId": target_id if target_type == "AWS_ACCOUNT" else None,
        "CreatedDate": now,
        "PermissionSetArn": permission_set_arn,
        "RequestId": str(random.uuid4()),
        "Status": "IN_PROGRESS",
        "_instance_arn": instance_arn,
        "_accounts": sorted(accounts),
        "_ready_at": now + PROVISION_SECONDS,
    }
    if status["AccountId"] is None:
        del status["AccountId"]
    _extra(backend)["provisioning"][status["RequestId"]] = status
    return json.dumps({"PermissionSetProvisioningStatus": _public(status)})


def list_accounts_for_provisioned_permission_set(self):
    """Every account the permission set was provisioned to, as AWS keeps them (an assignment provisions it)."""
    backend = self.ssoadmin_backend
    _settle(backend)
    instance_arn, permission_set_arn = self._get_param("InstanceArn"), self._get_param("PermissionSetArn")
    backend._find_permission_set(instance_arn, permission_set_arn)
    accounts = sorted(_extra(backend)["provisioned_to"].get(permission_set_arn, set()))
    size = min(int(self._get_param("MaxResults") or LIST_PAGE), 100)
    start = _page_start(self._get_param("NextToken"), len(accounts))
    answer = {"AccountIds": accounts[start : start + size]}
    if start + size < len(accounts):
        answer["NextToken"] = str(start + size)
    return json.dumps(answer)


def describe_permission_set_provisioning_status(self):
    return json.dumps({"PermissionSetProvisioningStatus": _status(self, "provisioning", self._get_param("ProvisionPermissionSetRequestId"))})


def _asynchronous_assignment(original):
    """CreateAccountAssignment as moto makes it, answered IN_PROGRESS; it settles as AWS's would."""
    def create_account_assignment(self):
        _settle(self.ssoadmin_backend)
        answer = json.loads(original(self))["AccountAssignmentCreationStatus"]
        now = time.time()
        status = {**answer, "Status": "IN_PROGRESS", "CreatedDate": now, "_instance_arn": self._get_param("InstanceArn"), "_ready_at": now + PROVISION_SECONDS}
        _extra(self.ssoadmin_backend)["assignments"][answer["RequestId"]] = status
        return json.dumps({"AccountAssignmentCreationStatus": _public(status)})
    return create_account_assignment


def describe_account_assignment_creation_status(self):
    return json.dumps({"AccountAssignmentCreationStatus": _status(self, "assignments", self._get_param("AccountAssignmentCreationRequestId"))})


def _settled(original):
    def run(self):
        _settle(self.ssoadmin_backend)
        return original(self)
    return run


def _validating_tags(original):
    def create_permission_set(self):
        problems = tag_problems(self._get_param("Tags") or [])
        if len(self._get_param("Tags") or []) > MAX_TAGS:
            problems.append(f"a resource holds at most {MAX_TAGS} tags")
        if problems:
            raise ValidationException("; ".join(problems))
        return original(self)
    return create_permission_set


def _permission_set(self):
    # moto's lookup raises ResourceNotFoundException for an unknown permission set, as AWS does.
    return self.ssoadmin_backend._find_permission_set(self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))


def put_permissions_boundary_to_permission_set(self):
    permission_set = _permission_set(self)
    boundary = self._get_param("PermissionsBoundary") or {}
    if ("ManagedPolicyArn" in boundary) == ("CustomerManagedPolicyReference" in boundary):
        raise ValidationException("PermissionsBoundary takes exactly one of ManagedPolicyArn and CustomerManagedPolicyReference")
    reference = boundary.get("CustomerManagedPolicyReference")
    if reference is not None:
        boundary = {"CustomerManagedPolicyReference": {"Name": reference["Name"], "Path": reference.get("Path", "/")}}
    _extra(self.ssoadmin_backend)["boundaries"][permission_set.permission_set_arn] = boundary
    return "{}"


def get_permissions_boundary_for_permission_set(self):
    permission_set = _permission_set(self)
    boundary = _extra(self.ssoadmin_backend)["boundaries"].get(permission_set.permission_set_arn)
    if boundary is None:
        raise ResourceNotFoundException(message="The permission set has no permissions boundary")
    return json.dumps({"PermissionsBoundary": boundary})


def delete_permissions_boundary_from_permission_set(self):
    permission_set = _permission_set(self)
    if _extra(self.ssoadmin_backend)["boundaries"].pop(permission_set.permission_set_arn, None) is None:
        raise ResourceNotFoundException(message="The permission set has no permissions boundary")
    return "{}"


def _forgetting_boundary(original):
    """A deleted permission set takes its boundary with it."""
    def delete_permission_set(self, instance_arn, permission_set_arn):
        answer = original(self, instance_arn, permission_set_arn)
        _extra(self)["boundaries"].pop(permission_set_arn, None)
        return answer
    return delete_permission_set


# ---- identitystore -----------------------------------------------------------------------------

def _store(self):
    identity_store_id = self._get_param("IdentityStoreId") or ""
    # moto keeps its stores private (name-mangled) and makes one on first use, as the real one exists.
    return self.identitystore_backend._IdentityStoreBackend__get_identity_store(identity_store_id)


def describe_group_membership(self):
    membership_id = self._get_param("MembershipId")
    membership = _store(self).group_memberships.get(membership_id)
    if membership is None:
        raise store_errors.ResourceNotFoundException(message="GROUP_MEMBERSHIP not found.", resource_type="GROUP_MEMBERSHIP")
    return json.dumps(membership)


def _operations(self):
    operations = self._get_param("Operations") or []
    if not operations:
        raise store_errors.ValidationException(message="Operations must hold at least 1 item")
    return operations


def update_group(self):
    store = _store(self)
    group_id = self._get_param("GroupId")
    group = store.groups.get(group_id)
    if group is None:
        raise store_errors.ResourceNotFoundException(message="GROUP not found.", resource_type="GROUP")
    for operation in _operations(self):
        path, value = operation.get("AttributePath", ""), operation.get("AttributeValue")
        if path == "displayName":
            if any(g.DisplayName == value and g.GroupId != group_id for g in store.groups.values()):
                raise store_errors.ConflictException(message="Duplicate GroupDisplayName", reason="UNIQUENESS_CONSTRAINT_VIOLATION")
            group = group._replace(DisplayName=value)
        elif path == "description":
            group = group._replace(Description=value)
        else:
            raise store_errors.ValidationException(message=f"The sandbox updates displayName and description of a group, not {path}")
    store.groups[group_id] = group
    return "{}"


USER_FIELDS = {"displayName": "DisplayName", "nickName": "NickName", "title": "Title", "userType": "UserType", "locale": "Locale", "timezone": "Timezone", "preferredLanguage": "PreferredLanguage", "profileUrl": "ProfileUrl"}
NAME_FIELDS = {"givenName": "GivenName", "familyName": "FamilyName", "middleName": "MiddleName", "formatted": "Formatted", "honorificPrefix": "HonorificPrefix", "honorificSuffix": "HonorificSuffix"}


def update_user(self):
    store = _store(self)
    user_id = self._get_param("UserId")
    user = store.users.get(user_id)
    if user is None:
        raise store_errors.ResourceNotFoundException(message="USER not found.", resource_type="USER")
    for operation in _operations(self):
        path, value = operation.get("AttributePath", ""), operation.get("AttributeValue")
        if path in USER_FIELDS:
            user = user._replace(**{USER_FIELDS[path]: value})
        elif path.startswith("name.") and path[5:] in NAME_FIELDS:
            name = user.Name or Name(None, None, None, None, None, None)
            user = user._replace(Name=name._replace(**{NAME_FIELDS[path[5:]]: value}))
        else:
            raise store_errors.ValidationException(message=f"The sandbox updates displayName, name.* and profile fields of a user, not {path}")
    store.users[user_id] = user
    return "{}"


def permission_set_arn(instance_arn):
    """arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>: the instance's id, then the permission set's."""
    partition_and_service, instance_id = instance_arn.split(":instance/", 1)
    return f"{partition_and_service}:permissionSet/{instance_id}/ps-{random.get_random_string(length=16).lower()}"


def install():
    PermissionSet.generate_id = staticmethod(permission_set_arn)
    for method in ssoadmin_utils.PAGINATION_MODEL.values():
        method["limit_default"] = LIST_PAGE
    SSOAdminResponse.create_permission_set = _validating_tags(SSOAdminResponse.create_permission_set)
    SSOAdminResponse.list_tags_for_resource = list_tags_for_resource
    SSOAdminResponse.tag_resource = tag_resource
    SSOAdminResponse.untag_resource = untag_resource
    SSOAdminResponse.provision_permission_set = provision_permission_set
    SSOAdminResponse.describe_permission_set_provisioning_status = describe_permission_set_provisioning_status
    SSOAdminResponse.list_accounts_for_provisioned_permission_set = list_accounts_for_provisioned_permission_set
    SSOAdminResponse.create_account_assignment = _asynchronous_assignment(SSOAdminResponse.create_account_assignment)
    SSOAdminResponse.describe_account_assignment_creation_status = describe_account_assignment_creation_status
    for name in ("list_account_assignments", "list_account_assignments_for_principal"):
        setattr(SSOAdminResponse, name, _settled(getattr(SSOAdminResponse, name)))
    SSOAdminResponse.put_permissions_boundary_to_permission_set = put_permissions_boundary_to_permission_set
    SSOAdminResponse.get_permissions_boundary_for_permission_set = get_permissions_boundary_for_permission_set
    SSOAdminResponse.delete_permissions_boundary_from_permission_set = delete_permissions_boundary_from_permission_set
    SSOAdminBackend.delete_permission_set = _forgetting_boundary(SSOAdminBackend.delete_permission_set)
    IdentityStoreResponse.describe_group_membership = describe_group_membership
    IdentityStoreResponse.update_group = update_group
    IdentityStoreResponse.update_user = update_user
