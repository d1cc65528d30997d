/**
 * The delivery-status logging role and its inline policy (SMS preferences opt-in,
 * infra/aws/sms-account-opt-ins.ts): the calls terraform-provider-aws v6 makes for them, read in
 * internal/service/iam/role.go and role_policy.go (aws-sdk-go-v2 versions) and
 * internal/provider/sdkv2/tags_interceptor.go.
 */
import type { ProviderCallRow } from "./provider-call-row";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

export const DELIVERY_STATUS_ROLE_CALLS: readonly ProviderCallRow[] = [
  {
    type: ROLE,
    operations: ["create"],
    actions: ["iam:CreateRole"],
    on: "deliveryStatusRole",
    why: "creates the role, its tags in the same call",
    source: "internal/service/iam/role.go resourceRoleCreate, retryCreateRole",
  },
  {
    type: ROLE,
    operations: ["create", "read", "update"],
    actions: ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"],
    on: "deliveryStatusRole",
    why: "every read also reads the inline policies and the attached managed policies (the deprecated inline_policy and managed_policy_arns)",
    source: "internal/service/iam/role.go resourceRoleRead: findRoleByName, readRoleInlinePolicies, findRoleAttachedPolicies",
  },
  {
    type: ROLE,
    operations: ["update"],
    actions: ["iam:UpdateAssumeRolePolicy", "iam:UpdateRoleDescription"],
    on: "deliveryStatusRole",
    why: "a new trust policy or description, in the program or by hand (drift)",
    source: "internal/service/iam/role.go resourceRoleUpdate",
  },
  {
    type: ROLE,
    operations: ["update"],
    actions: ["iam:UpdateRole"],
    on: "deliveryStatusRole",
    why: "drift: a maximum session duration changed by hand goes back to the default 3600",
    source: "internal/service/iam/role.go resourceRoleUpdate (max_session_duration)",
  },
  {
    type: ROLE,
    operations: ["update"],
    actions: ["iam:DeleteRolePermissionsBoundary"],
    on: "deliveryStatusRole",
    when: { input: "permissionsBoundary", set: false },
    why: "drift: a boundary set by hand, read by a refresh, is removed by the next up",
    source: "internal/service/iam/role.go resourceRoleUpdate (permissions_boundary)",
  },
  {
    type: ROLE,
    operations: ["update"],
    actions: ["iam:TagRole", "iam:UntagRole"],
    on: "deliveryStatusRole",
    why: "tags changed in the program, or by hand (drift)",
    source: "internal/provider/sdkv2/tags_interceptor.go run (Before Update: UpdateTags); internal/service/iam/tags.go",
  },
  {
    type: ROLE,
    operations: ["delete"],
    actions: ["iam:ListInstanceProfilesForRole"],
    on: "deliveryStatusRole",
    why: "every delete first takes the role out of its instance profiles",
    source: "internal/service/iam/role.go deleteRole, deleteRoleInstanceProfiles",
  },
  {
    type: ROLE,
    operations: ["delete"],
    actions: ["iam:RemoveRoleFromInstanceProfile"],
    on: "stackInstanceProfiles",
    why: "for each instance profile found (one made by hand); allowed for instance profiles under the stack's path only",
    source: "internal/service/iam/role.go deleteRoleInstanceProfiles",
  },
  {
    type: ROLE,
    operations: ["delete"],
    actions: ["iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"],
    on: "deliveryStatusRole",
    why: "when the state holds attached managed policies (one attached by hand and read by a refresh): detached before the delete",
    source: "internal/service/iam/role.go resourceRoleDelete (hasManaged), deleteRole, deleteRolePolicyAttachments",
  },
  {
    type: ROLE,
    operations: ["delete"],
    actions: ["iam:ListRolePolicies", "iam:DeleteRolePolicy"],
    on: "deliveryStatusRole",
    why: "the state holds the inline policy (read from the role), so the delete lists and deletes inline policies",
    source: "internal/service/iam/role.go resourceRoleDelete (hasInline), deleteRole, deleteRoleInlinePolicies",
  },
  {
    type: ROLE,
    operations: ["delete"],
    actions: ["iam:DeleteRole"],
    on: "deliveryStatusRole",
    why: "the role itself",
    source: "internal/service/iam/role.go deleteRole",
  },
  {
    type: ROLE_POLICY,
    operations: ["create", "update"],
    actions: ["iam:PutRolePolicy"],
    on: "deliveryStatusRole",
    why: "writes the inline policy",
    source: "internal/service/iam/role_policy.go resourceRolePolicyPut",
  },
  {
    type: ROLE_POLICY,
    operations: ["create", "read", "update"],
    actions: ["iam:GetRolePolicy"],
    on: "deliveryStatusRole",
    why: "reads it back",
    source: "internal/service/iam/role_policy.go resourceRolePolicyRead, findRolePolicyByTwoPartKey",
  },
  {
    type: ROLE_POLICY,
    operations: ["delete"],
    actions: ["iam:DeleteRolePolicy"],
    on: "deliveryStatusRole",
    why: "removes it",
    source: "internal/service/iam/role_policy.go resourceRolePolicyDelete",
  },
];
