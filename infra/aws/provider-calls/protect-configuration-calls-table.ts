/**
 * The account-default protect configuration (a dynamic resource run by Pulumi's Node.js dynamic
 * provider with the same credentials as the AWS provider): the End User Messaging SMS calls of
 * infra/aws/protect-configuration-calls.ts, each operation one of its functions. Resource types from
 * the Service Authorization Reference (AWS End User Messaging SMS and Voice V2): the configuration's
 * resource type takes aws:ResourceTag, CreateProtectConfiguration aws:RequestTag, so the role reaches
 * only configurations tagged with its stack. CreateProtectConfiguration lists no dependent action,
 * so its tags need no sms-voice:TagResource.
 */
import { PROTECT_CONFIGURATION_TYPE } from "../account-protect-configuration";
import type { ProviderCallRow } from "./provider-call-row";

const SOURCE = "infra/aws/protect-configuration-calls.ts";

export const PROTECT_CONFIGURATION_CALLS: readonly ProviderCallRow[] = [
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["create", "update", "delete"],
    actions: ["sms-voice:DescribeAccountAttributes"],
    on: "inStackRegion",
    why: "reads which configuration is the account default before taking or giving it up",
    source: `${SOURCE} createProtectConfiguration, takeAccountDefault, deleteProtectConfiguration (accountDefaultId)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["create"],
    actions: ["sms-voice:CreateProtectConfiguration"],
    on: "newProtectConfiguration",
    why: "creates the configuration, tagged (its id is AWS's, unknown before)",
    source: `${SOURCE} createProtectConfiguration (create)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["create", "read", "update"],
    actions: ["sms-voice:GetProtectConfigurationCountryRuleSet"],
    on: "protectConfigurations",
    why: "reads every country's SMS rule",
    source: `${SOURCE} applyRules, readProtectConfiguration (smsRules)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["create", "update"],
    actions: ["sms-voice:UpdateProtectConfigurationCountryRuleSet", "sms-voice:SetAccountDefaultProtectConfiguration"],
    on: "protectConfigurations",
    why: "writes the rules that differ, then takes the account default",
    source: `${SOURCE} applyRules (updateSmsRules), takeAccountDefault (setAccountDefault)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["read"],
    actions: ["sms-voice:DescribeProtectConfigurations"],
    on: "inStackRegion",
    why: "the read finds the configuration and whether it is the account default",
    source: `${SOURCE} readProtectConfiguration (describe)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["delete"],
    actions: ["sms-voice:DeleteAccountDefaultProtectConfiguration"],
    on: "inStackRegion",
    why: "gives up the account default while it is still this configuration (the call takes no id)",
    source: `${SOURCE} deleteProtectConfiguration (deleteAccountDefault)`,
  },
  {
    type: PROTECT_CONFIGURATION_TYPE,
    operations: ["create", "delete"],
    actions: ["sms-voice:DeleteProtectConfiguration"],
    on: "protectConfigurations",
    why: "the delete; also a create that failed half-way removes what it made",
    source: `${SOURCE} deleteProtectConfiguration, createProtectConfiguration (delete)`,
  },
];
