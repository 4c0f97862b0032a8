# The hand-written OpenTofu an engineer would write for the same organization as the project's
# JSON: the seed's resources and addresses, nested OUs one level deep, the guardrails, and access
# through IAM Identity Center (permission sets with AWS managed policies, groups, assignments), with the
# organization's data in terraform.tfvars.json. `npm run bench:plan` plans it side by side with
# the project on the same tofu, provider and moto.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
  backend "s3" {}
}

provider "aws" {
  region = "us-east-1"
}

variable "organization_id" {
  type    = string
  default = null
}

variable "enabled_policy_types" {
  type = list(string)
}

variable "aws_service_access_principals" {
  type = list(string)
}

variable "default_tags" {
  type = map(string)
}

variable "organizational_units" {
  type = map(object({}))
}

variable "organizational_units_level_2" {
  type = map(object({ name = string, parent = string }))
}

variable "accounts_to_create" {
  type = map(object({ email = string, organizational_unit = string }))
}

variable "accounts_to_import" {
  type = map(object({ email = string, organizational_unit = string, id = string }))
}

variable "policies" {
  type = map(object({ description = string, content = any }))
}

variable "policy_attachments" {
  type = map(object({ policy = string, target = string }))
}

variable "permission_sets" {
  type    = map(object({ description = string, session_duration = string }))
  default = {}
}

variable "permission_set_managed_policies" {
  type    = map(object({ permission_set = string, arn = string }))
  default = {}
}

variable "groups" {
  type    = map(object({ description = string }))
  default = {}
}

variable "account_assignments" {
  type    = map(object({ permission_set = string, group = string, account = string }))
  default = {}
}

resource "aws_organizations_organization" "org" {
  feature_set                   = "ALL"
  enabled_policy_types          = var.enabled_policy_types
  aws_service_access_principals = var.aws_service_access_principals

  lifecycle {
    prevent_destroy = true
  }
}

import {
  for_each = var.organization_id == null ? toset([]) : toset([var.organization_id])
  to       = aws_organizations_organization.org
  id       = each.value
}

resource "aws_organizations_organizational_unit" "ous" {
  for_each  = var.organizational_units
  name      = each.key
  parent_id = aws_organizations_organization.org.roots[0].id
  tags      = merge(var.default_tags, { Name = each.key })
}

resource "aws_organizations_organizational_unit" "ous_level_2" {
  for_each  = var.organizational_units_level_2
  name      = each.value.name
  parent_id = aws_organizations_organizational_unit.ous[each.value.parent].id
  tags      = merge(var.default_tags, { Name = each.value.name })
}

locals {
  # OU path -> id, for accounts at any level.
  parent_ids = merge(
    { for key, ou in aws_organizations_organizational_unit.ous : key => ou.id },
    { for key, ou in aws_organizations_organizational_unit.ous_level_2 : key => ou.id },
  )
}

resource "aws_organizations_account" "accounts" {
  for_each                   = var.accounts_to_create
  name                       = each.key
  email                      = each.value.email
  role_name                  = "OrganizationAccountAccessRole"
  iam_user_access_to_billing = "DENY"
  close_on_deletion          = false
  parent_id                  = local.parent_ids[each.value.organizational_unit]
  tags                       = merge(var.default_tags, { Name = each.key })

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_organizations_account" "imported" {
  for_each  = var.accounts_to_import
  name      = each.key
  email     = each.value.email
  parent_id = local.parent_ids[each.value.organizational_unit]
  tags      = merge(var.default_tags, { Name = each.key })

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [role_name, iam_user_access_to_billing, close_on_deletion, create_govcloud]
  }
}

import {
  for_each = var.accounts_to_import
  to       = aws_organizations_account.imported[each.key]
  id       = each.value.id
}

resource "aws_organizations_policy" "policies" {
  for_each    = var.policies
  name        = each.key
  type        = "SERVICE_CONTROL_POLICY"
  description = each.value.description
  content     = jsonencode(each.value.content)
  tags        = var.default_tags
}

resource "aws_organizations_policy_attachment" "attachments" {
  for_each   = var.policy_attachments
  policy_id  = aws_organizations_policy.policies[each.value.policy].id
  target_id  = each.value.target == "root" ? aws_organizations_organization.org.roots[0].id : local.parent_ids[each.value.target]
  depends_on = [aws_organizations_organization.org]
}

data "aws_ssoadmin_instances" "identity_center" {}

locals {
  identity_center_arn = tolist(data.aws_ssoadmin_instances.identity_center.arns)[0]
  identity_store_id   = tolist(data.aws_ssoadmin_instances.identity_center.identity_store_ids)[0]
  account_ids = merge(
    { for name, a in aws_organizations_account.accounts : name => a.id },
    { for name, a in aws_organizations_account.imported : name => a.id },
    { "management-account" = aws_organizations_organization.org.master_account_id },
  )
}

resource "aws_ssoadmin_permission_set" "permission_sets" {
  for_each         = var.permission_sets
  name             = each.key
  description      = each.value.description
  instance_arn     = local.identity_center_arn
  session_duration = each.value.session_duration
  tags             = var.default_tags
}

resource "aws_ssoadmin_managed_policy_attachment" "managed_policies" {
  for_each           = var.permission_set_managed_policies
  instance_arn       = local.identity_center_arn
  permission_set_arn = aws_ssoadmin_permission_set.permission_sets[each.value.permission_set].arn
  managed_policy_arn = each.value.arn
}

resource "aws_identitystore_group" "groups" {
  for_each          = var.groups
  identity_store_id = local.identity_store_id
  display_name      = each.key
  description       = each.value.description
}

resource "aws_ssoadmin_account_assignment" "assignments" {
  for_each           = var.account_assignments
  instance_arn       = local.identity_center_arn
  permission_set_arn = aws_ssoadmin_permission_set.permission_sets[each.value.permission_set].arn
  principal_type     = "GROUP"
  principal_id       = aws_identitystore_group.groups[each.value.group].group_id
  target_type        = "AWS_ACCOUNT"
  target_id          = local.account_ids[each.value.account]
}
