# The hand-written OpenTofu an engineer would write for the same organization as the project's
# JSON: the seed's resources and addresses, nested OUs one level deep, and the guardrails, with the
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
