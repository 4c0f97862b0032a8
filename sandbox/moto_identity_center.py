"""IAM Identity Center calls the AWS provider makes and moto 5.2.1 does not answer (each a 500 there).

Added as the API reference describes them, on moto's own models, and listed in the sandbox's printed
output and the README's emulator table (sandbox/moto-server.ts, MOTO_LAUNCHER_DEVIATIONS):

sso-admin
  permission set ARNs                               arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>, as AWS
                                                    writes them (moto: the instance's ARN + /ps-<16>)
  ListTagsForResource, TagResource, UntagResource   tags of permission sets (and instances)
  DescribePermissionSetProvisioningStatus           the status ProvisionPermissionSet reported
  Put/Get/DeletePermissionsBoundary(To|For|From)PermissionSet
identitystore
  DescribeGroupMembership                           a membership by id
  UpdateGroup, UpdateUser                           AttributePath/AttributeValue operations on
                                                    displayName, description and name.* (others: ValidationException)
"""
import json

from moto.identitystore import exceptions as store_errors
from moto.identitystore.models import Name
from moto.identitystore.responses import IdentityStoreResponse
from moto.ssoadmin.exceptions import ResourceNotFoundException, ServiceQuotaExceededException
from moto.moto_api._internal import mock_random as random
from moto.ssoadmin.models import PermissionSet, SSOAdminBackend
from moto.ssoadmin.responses import SSOAdminResponse

# TagResource: "Tags: Array Members: Minimum number of 0 items. Maximum number of 75 items."
MAX_TAGS = 75


class ValidationException(ResourceNotFoundException):
    def __init__(self, message):
        super().__init__(message)
        self.error_type = "ValidationException"


# ---- sso-admin: state kept beside moto's backend ------------------------------------------------

def _extra(backend):
    if not hasattr(backend, "_aws_org_cdktf"):
        backend._aws_org_cdktf = {"instance_tags": {}, "provisioning": {}, "boundaries": {}}
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


def list_tags_for_resource(self):
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    return json.dumps({"Tags": [dict(tag) for tag in tags]})


def tag_resource(self):
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    for new in self._get_param("Tags") or []:
        for tag in tags:
            if tag["Key"] == new["Key"]:
                tag["Value"] = new.get("Value", "")
                break
        else:
            tags.append({"Key": new["Key"], "Value": new.get("Value", "")})
    if len(tags) > MAX_TAGS:
        raise ServiceQuotaExceededException(message=f"A resource holds at most {MAX_TAGS} tags")
    return "{}"


def untag_resource(self):
    tags = _tag_holder(self.ssoadmin_backend, self._get_param("InstanceArn"), self._get_param("ResourceArn"))
    keys = set(self._get_param("TagKeys") or [])
    tags[:] = [tag for tag in tags if tag["Key"] not in keys]
    return "{}"


def _recording_provisioning(original):
    """ProvisionPermissionSet as moto answers it, with its status kept for the Describe call."""
    def provision_permission_set(self):
        answer = original(self)
        status = json.loads(answer)["PermissionSetProvisioningStatus"]
        _extra(self.ssoadmin_backend)["provisioning"][status["RequestId"]] = status
        return answer
    return provision_permission_set


def describe_permission_set_provisioning_status(self):
    request_id = self._get_param("ProvisionPermissionSetRequestId")
    status = _extra(self.ssoadmin_backend)["provisioning"].get(request_id)
    if status is None:
        raise ResourceNotFoundException(message=f"Could not find provisioning request {request_id}")
    return json.dumps({"PermissionSetProvisioningStatus": status})


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
    SSOAdminResponse.list_tags_for_resource = list_tags_for_resource
    SSOAdminResponse.tag_resource = tag_resource
    SSOAdminResponse.untag_resource = untag_resource
    SSOAdminResponse.provision_permission_set = _recording_provisioning(SSOAdminResponse.provision_permission_set)
    SSOAdminResponse.describe_permission_set_provisioning_status = describe_permission_set_provisioning_status
    SSOAdminResponse.put_permissions_boundary_to_permission_set = put_permissions_boundary_to_permission_set
    SSOAdminResponse.get_permissions_boundary_for_permission_set = get_permissions_boundary_for_permission_set
    SSOAdminResponse.delete_permissions_boundary_from_permission_set = delete_permissions_boundary_from_permission_set
    SSOAdminBackend.delete_permission_set = _forgetting_boundary(SSOAdminBackend.delete_permission_set)
    IdentityStoreResponse.describe_group_membership = describe_group_membership
    IdentityStoreResponse.update_group = update_group
    IdentityStoreResponse.update_user = update_user
