/**
 * The published rules every input the program registers must follow: the validation of the Pulumi
 * providers' upstream Terraform providers (the code that runs under `pulumi up`) and the limits of the
 * APIs behind them (what AWS and Auth0 refuse). Each rule names its source: a provider source file at
 * the version the pinned Pulumi package bridges, or an API reference / documentation page.
 *
 * Versions: @pulumi/auth0 3.49.0 bridges terraform-provider-auth0 v1.53.0 (pulumi-auth0 tag v3.49.0,
 * submodule `upstream` at 7ab86e5). @pulumi/aws 7.48.0 bridges terraform-provider-aws v6 (the 7.x line
 * moved to v6.46.0 in pulumi/pulumi-aws#6392); the AWS rules cited here are unchanged across the v6 line.
 *
 * A rule reads one input (`property`, a dotted path, or its own `value`) and answers a problem or
 * undefined. A value the run cannot see (a secret or a value known only after apply) is not judged:
 * the offline plan hides secrets, the mock run shows them, and both run for every stack.
 */
import { PROTECT_CONFIGURATION_TYPE } from "../../infra/aws/account-protect-configuration";
import { ALLOWED_COUNTRY_STATUSES, PROTECT_STATUSES } from "../../infra/aws/protect-configuration-rules";
import {
  all,
  ARN,
  awsTags,
  describe,
  EMAIL,
  iamPolicyDocument,
  integer,
  isBoolean,
  isFiniteNumber,
  isString,
  jsonObject,
  list,
  object,
  oneOf,
  optional,
  required,
  text,
  valueAt,
  type Check,
} from "./rule-values";

/** One registered resource, as the mock run or the plan shows it. */
export interface ResourceUnderTest {
  type: string;
  /** The logical name (what Pulumi autonames from). */
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  /** Resource option replaceOnChanges. */
  replaceOnChanges: readonly string[];
  /** URNs this resource depends on (explicit dependsOn and, where known, its inputs' resources). */
  dependsOn: readonly string[];
  /** The region of the AWS provider that manages it (aws: types), when the run knows it. */
  providerRegion?: string;
}

/** The Auth0 tenant the stack deploys to, as far as the rules depend on it. */
export interface TenantState {
  /** The tenant's `phone_consolidated_experience` flag; undefined = never set (every new tenant). */
  phoneConsolidatedExperience: boolean | undefined;
}

export interface RuleContext {
  tenant: TenantState;
  /** Every resource of the same run, for rules that relate resources. */
  resources: readonly ResourceUnderTest[];
}

export interface ProviderRule {
  /** Stable identifier, used by the known-defect list and in failure messages. */
  id: string;
  resourceType: string;
  /** The input the rule reads (dotted path); its first segment is the input the rule covers. */
  property: string;
  /** What the rule requires, as a sentence. */
  rule: string;
  /** Where the rule is published: a provider source file at the bridged version, or a documentation URL. */
  source: string;
  /** Reads the value to judge; default: the input at `property`. */
  value?: (resource: ResourceUnderTest) => unknown;
  check: (value: unknown, resource: ResourceUnderTest, context: RuleContext) => string | undefined;
}

// ---------------------------------------------------------------- sources

const TF_AUTH0 = "https://github.com/auth0/terraform-provider-auth0/blob/v1.53.0";
const TF_AWS = "https://github.com/hashicorp/terraform-provider-aws/blob/v6.46.0";
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const SNS_API = "https://docs.aws.amazon.com/sns/latest/api";
const CW_API = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference";
const ACTIONS_LIMITS = "https://auth0.com/docs/customize/actions/limitations";
const PULUMI_AUTONAMING = "https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming";
const SMS_VOICE_API = "https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2";
/** @pulumi/pulumi 3.248.0, the version the project pins: the Node.js dynamic provider plugin. */
const PULUMI_DYNAMIC_PROVIDER = "https://github.com/pulumi/pulumi/blob/v3.248.0/sdk/nodejs/cmd/dynamic-provider/index.ts";

// ---------------------------------------------------------------- types

export const RESOURCE_TYPES = {
  iamUser: "aws:iam/user:User",
  iamUserPolicy: "aws:iam/userPolicy:UserPolicy",
  iamAccessKey: "aws:iam/accessKey:AccessKey",
  iamRole: "aws:iam/role:Role",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  smsPreferences: "aws:sns/smsPreferences:SmsPreferences",
  snsTopic: "aws:sns/topic:Topic",
  snsTopicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  action: "auth0:index/action:Action",
  triggerActions: "auth0:index/triggerActions:TriggerActions",
  guardian: "auth0:index/guardian:Guardian",
  phoneProvider: "auth0:index/phoneProvider:PhoneProvider",
  phoneTemplate: "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate",
  protectConfiguration: PROTECT_CONFIGURATION_TYPE,
} as const;
const T = RESOURCE_TYPES;

// ---------------------------------------------------------------- shared value rules

/** IAM names of users, roles and policies: `[\w+=,.@-]+` (CreateUser UserName, CreateRole RoleName, Put*Policy PolicyName). */
const IAM_NAME_CHARACTERS = /^[\w+=,.@-]+$/;
const iamName = (max: number): Check => text({ min: 1, max, pattern: IAM_NAME_CHARACTERS, patternText: "[\\w+=,.@-]+" });
/** IAM paths: `/` alone, or `/` + printable ASCII (0x21-0x7E) + `/`, 1-512 characters. */
const IAM_PATH = text({ min: 1, max: 512, pattern: /^(\/|\/[\u0021-\u007E]+\/)$/, patternText: "/ or /path/ of printable ASCII" });
/** Tag characters of IAM, CloudWatch and the AWS tagging guide: letters, digits, spaces and _ . : / = + - @. */
const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const AWS_TAG_CHARACTERS_TEXT = "letters, digits, spaces and _ . : / = + - @";
const AWS_TAGS = awsTags({ maxTags: 50, characters: AWS_TAG_CHARACTERS, charactersText: AWS_TAG_CHARACTERS_TEXT });

/**
 * The name a resource gets in its cloud: the `name` input, or Pulumi's autoname (logical name, "-",
 * 7 random characters). The placeholder suffix has the autoname's length, so length limits are judged.
 */
export function nameOrAutoname(resource: ResourceUnderTest, property = "name"): unknown {
  return resource.inputs[property] ?? `${resource.name}-abcdef0`;
}

function awsTagRules(resourceType: string, source: string): ProviderRule {
  return {
    id: `${ruleIdPrefix(resourceType)}-tags`,
    resourceType,
    property: "tags",
    rule: `At most 50 tags; keys 1-128 and values 0-256 characters of ${AWS_TAG_CHARACTERS_TEXT}; no aws: key prefix`,
    source,
    check: optional(AWS_TAGS),
  };
}

/** Rules for inputs that carry another resource's name or ARN: judged when the run shows the value. */
function reference(resourceType: string, property: string, check: Check, rule: string, source: string): ProviderRule {
  return { id: `${ruleIdPrefix(resourceType)}-${property}`, resourceType, property, rule, source, check: required(check) };
}

/** "aws:iam/userPolicy:UserPolicy" → "iam-user-policy"; "auth0:index/action:Action" → "auth0-action". */
export function ruleIdPrefix(resourceType: string): string {
  const [provider = "", module = ""] = resourceType.split(":");
  const service = provider === "aws" ? (module.split("/")[0] ?? provider) : provider;
  const kind = (resourceType.split(":").pop() ?? "").replace(
    /[A-Z]/g,
    (letter, index: number) => `${index === 0 ? "" : "-"}${letter.toLowerCase()}`,
  );
  return `${service}-${kind}`;
}

function simple(resourceType: string, property: string, check: Check, rule: string, source: string, id?: string): ProviderRule {
  return { id: id ?? `${ruleIdPrefix(resourceType)}-${property.replace(/\./g, "-")}`, resourceType, property, rule, source, check };
}

// ---------------------------------------------------------------- Auth0 facts

/** Trigger ids the provider accepts (auth0_trigger_actions `trigger`; the same list validates auth0_trigger_action). */
export const AUTH0_TRIGGER_IDS = [
  "post-login",
  "credentials-exchange",
  "pre-user-registration",
  "post-user-registration",
  "post-change-password",
  "send-phone-message",
  "password-reset-post-challenge",
  "custom-email-provider",
  "custom-phone-provider",
  "login-post-identifier",
  "signup-post-identifier",
] as const;

/** The current version of the phone triggers (GET /api/v2/actions/triggers, as the provider's guide lists it). */
export const CURRENT_TRIGGER_VERSIONS: Readonly<Record<string, string>> = {
  "send-phone-message": "v2",
  "custom-phone-provider": "v1",
};

export const AUTH0_ACTION_RUNTIMES = ["node12", "node16", "node18", "node22"] as const;
export const MAX_ACTION_CODE_BYTES = 100_000;
export const MAX_ACTION_DEPENDENCIES = 10;
export const MAX_ACTION_SECRETS = 30;
export const MAX_BOUND_ACTIONS_PER_TRIGGER = 20;

/** Guardian's Optional + Computed factor blocks: written only when the block changes (guardian/expand.go). */
export const GUARDIAN_COMPUTED_FACTORS = ["webauthnRoaming", "webauthnPlatform", "duo", "push"] as const;

function triggerOf(resource: ResourceUnderTest): unknown {
  return valueAt(resource.inputs, "supportedTriggers.id");
}

/** The regions an identity policy's Allow statements pin with `aws:RequestedRegion` (StringEquals). */
export function requestedRegions(policy: string): string[] {
  const document = jsonObject(policy);
  if (typeof document === "string") return [];
  const statements = Array.isArray(document["Statement"]) ? (document["Statement"] as unknown[]) : [document["Statement"]];
  return statements.flatMap((statement) => {
    if (valueAt(statement as Record<string, unknown>, "Effect") !== "Allow") return [];
    const pinned = (statement as { Condition?: { StringEquals?: Record<string, unknown> } }).Condition?.StringEquals?.[
      "aws:RequestedRegion"
    ];
    return typeof pinned === "string"
      ? [pinned]
      : Array.isArray(pinned)
        ? pinned.filter((item): item is string => typeof item === "string")
        : [];
  });
}

// ---------------------------------------------------------------- End User Messaging SMS facts

const COUNTRY_CODE = text({ min: 2, max: 2, pattern: /^[A-Z]{2}$/, patternText: "[A-Z]{2}" });

/** A map keyed by two-letter country codes, each value passing `check`. */
function countryMap(check: Check): Check {
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return `must be a map of country codes (got ${describe(value)})`;
    for (const [country, entry] of Object.entries(value)) {
      const problem = COUNTRY_CODE(country) ?? check(entry);
      if (problem !== undefined) return `${country}: ${problem}`;
    }
    return undefined;
  };
}

/** The account-default protect configuration (one dynamic resource; its calls: infra/aws/protect-configuration-calls.ts). */
const PROTECT_CONFIGURATION_RULES: readonly ProviderRule[] = [
  simple(
    T.protectConfiguration,
    "__provider",
    required(
      text({ min: 1, max: 10_000_000, pattern: /^exports\.handler = /, patternText: "a CommonJS module assigning exports.handler" }),
    ),
    "The serialized provider: a module whose exports.handler() returns the provider",
    `${PULUMI_DYNAMIC_PROVIDER} (getProvider: requireFromString(props.__provider).handler())`,
  ),
  simple(
    T.protectConfiguration,
    "region",
    required(text({ min: 1, max: 64, pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, patternText: "an AWS region name" })),
    "The AWS region of the configuration and of the account default it becomes (End User Messaging is regional)",
    "https://docs.aws.amazon.com/general/latest/gr/end-user-messaging.html",
  ),
  simple(
    T.protectConfiguration,
    "accountId",
    required(text({ min: 12, max: 12, pattern: /^\d{12}$/, patternText: "a 12-digit AWS account ID" })),
    "The AWS account of the instance's AWS provider, as aws.getCallerIdentity answers it: the provider acts only with credentials in it",
    "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (Account: the account ID number of the account that owns the calling entity)",
  ),
  simple(
    T.protectConfiguration,
    "profile",
    optional(text({ min: 1, max: 256 })),
    "The named profile of the instance's AWS provider, when it has one: the SDK's `profile` client setting",
    "https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html (named profiles)",
  ),
  simple(
    T.protectConfiguration,
    "allowedCountries",
    required(list({ max: 300, item: COUNTRY_CODE })),
    "Two-letter country codes ([A-Z]{2}), as CountryRuleSetUpdates keys them",
    `${SMS_VOICE_API}/API_UpdateProtectConfigurationCountryRuleSet.html (CountryRuleSetUpdates: Key Pattern [A-Z]{2})`,
  ),
  simple(
    T.protectConfiguration,
    "allowedCountryStatus",
    required(oneOf(ALLOWED_COUNTRY_STATUSES)),
    "ALLOW, FILTER or MONITOR: a ProtectStatus other than BLOCK (what every other country gets)",
    `${SMS_VOICE_API}/API_ProtectConfigurationCountryRuleSetInformation.html (ProtectStatus: ALLOW, BLOCK, MONITOR or FILTER)`,
  ),
  simple(
    T.protectConfiguration,
    "smsCountryRules",
    required(countryMap(oneOf(PROTECT_STATUSES))),
    "Two-letter country codes, each with a ProtectStatus",
    `${SMS_VOICE_API}/API_UpdateProtectConfigurationCountryRuleSet.html (Key Pattern [A-Z]{2}); ${SMS_VOICE_API}/API_ProtectConfigurationCountryRuleSetInformation.html`,
  ),
  {
    id: "pulumi-nodejs-account-protect-configuration-allowed-rules",
    resourceType: T.protectConfiguration,
    property: "smsCountryRules",
    rule: "Every allowed country is written with allowedCountryStatus, every other one BLOCK (with no allowed country, every one allowedCountryStatus): a new configuration starts with every country ALLOW",
    source: `${SMS_VOICE_API}/API_CreateProtectConfiguration.html ("By default all country rule sets for each capability are set to ALLOW")`,
    check: (value, resource) => {
      const allowed = resource.inputs["allowedCountries"];
      const status = resource.inputs["allowedCountryStatus"];
      if (!Array.isArray(allowed) || typeof value !== "object" || value === null) return undefined;
      const wrong = Object.entries(value as Record<string, unknown>).filter(
        ([country, rule]) => rule !== (allowed.length === 0 || allowed.includes(country) ? status : "BLOCK"),
      );
      const missing = allowed.filter((country) => !(String(country) in value));
      if (missing.length > 0) return `has no rule for allowed ${missing.map(String).join(", ")}`;
      return wrong.length === 0
        ? undefined
        : `gives ${wrong
            .map(([country, rule]) => `${country} ${String(rule)}`)
            .slice(0, 5)
            .join(", ")}`;
    },
  },
  simple(
    T.protectConfiguration,
    "tags",
    required(awsTags({ maxTags: 200, characters: /^.+$/su, charactersText: "any characters (pattern .+ for keys, .* for values)" })),
    "At most 200 tags; keys 1-128, values 0-256 characters",
    `${SMS_VOICE_API}/API_CreateProtectConfiguration.html (Tags: at most 200); ${SMS_VOICE_API}/API_Tag.html`,
  ),
  simple(
    T.protectConfiguration,
    "accountDefault",
    required((value) =>
      value === true
        ? undefined
        : `must be true: SNS SMS follow a protect configuration only as the account default (got ${describe(value)})`,
    ),
    "true: only the account default governs SMS sent through Amazon SNS",
    'https://docs.aws.amazon.com/sms-voice/latest/userguide/protect-configuration.html ("To use a protect configuration with other AWS services to send messages, like Amazon SNS ..., you need to set your protect configuration as the account default")',
  ),
];

// ---------------------------------------------------------------- the rules

export const PROVIDER_RULES: readonly ProviderRule[] = [
  // IAM user
  {
    id: "iam-user-name",
    resourceType: T.iamUser,
    property: "name",
    rule: "1-64 characters of letters, digits and + = , . @ _ -",
    source: `${TF_AWS}/internal/service/iam/user.go (name: ^[0-9A-Za-z=,.@\\-_+]+$); ${IAM_API}/API_CreateUser.html (UserName 1-64)`,
    check: required(iamName(64)),
  },
  {
    id: "iam-user-name-unique",
    resourceType: T.iamUser,
    property: "name",
    rule: "No two IAM users of one run (one AWS account) share a name",
    source: `${TF_AWS}/internal/service/iam/user.go (resourceUserCreate: CreateUser with name); ${IAM_API}/API_CreateUser.html (EntityAlreadyExists)`,
    check: (name, resource, context) => {
      const same = context.resources.filter(
        (other) => other.type === T.iamUser && other.inputs["name"] === name && other.urn !== resource.urn,
      );
      return same.length > 0
        ? `${describe(name)} is also the name of ${same.map((other) => describe(other.name)).join(", ")}: CreateUser refuses the second (EntityAlreadyExists)`
        : undefined;
    },
  },
  simple(
    T.iamUser,
    "path",
    optional(IAM_PATH),
    "/ or /segments/ of printable ASCII, 1-512 characters",
    `${IAM_API}/API_CreateUser.html (Path)`,
  ),
  awsTagRules(T.iamUser, `${IAM_API}/API_Tag.html; ${IAM_API}/API_CreateUser.html (Tags: at most 50)`),
  simple(
    T.iamUser,
    "forceDestroy",
    optional(isBoolean),
    "true or false",
    `${TF_AWS}/internal/service/iam/user.go (force_destroy: TypeBool, default false)`,
  ),

  // IAM inline user policy
  simple(
    T.iamUserPolicy,
    "name",
    required(iamName(128)),
    "1-128 characters of letters, digits and + = , . @ _ -",
    `${IAM_API}/API_PutUserPolicy.html (PolicyName)`,
  ),
  reference(T.iamUserPolicy, "user", iamName(64), "an IAM user name", `${IAM_API}/API_PutUserPolicy.html (UserName)`),
  simple(
    T.iamUserPolicy,
    "policy",
    required(iamPolicyDocument({ kind: "identity", maxCharacters: 2048 })),
    "An identity policy document (Version 2012-10-17; Effect, Action/NotAction, Resource/NotResource per statement) of at most 2,048 characters without whitespace",
    `${IAM_API}/API_PutUserPolicy.html; ${IAM_QUOTAS} (user policy size: 2,048 characters)`,
  ),
  {
    id: "iam-user-policy-region",
    resourceType: T.iamUserPolicy,
    property: "policy",
    rule: "The regions the policy lets the user publish in (aws:RequestedRegion) are the region of the AWS provider, where the account's SMS preferences and alarms are made",
    source: `${TF_AWS}/internal/service/meta/region_data_source.go (aws_region: "Default to provider current Region"); https://github.com/pulumi/pulumi-aws/blob/v7.48.0/sdk/nodejs/sns/smsPreferences.ts (region: "Defaults to the Region set in the provider configuration")`,
    check: (policy, resource) => {
      if (resource.providerRegion === undefined || typeof policy !== "string") return undefined;
      const pinned = requestedRegions(policy);
      const elsewhere = pinned.filter((region) => region !== resource.providerRegion);
      return elsewhere.length > 0
        ? `allows publishing in ${elsewhere.join(", ")} while its AWS provider is in ${resource.providerRegion}`
        : undefined;
    },
  },
  {
    id: "iam-user-inline-policies-total-size",
    resourceType: T.iamUserPolicy,
    property: "policy",
    rule: "All inline policies of one user together stay within 2,048 characters without whitespace",
    source: `${IAM_QUOTAS} (aggregate inline policy size of a user)`,
    check: (_value, resource, context) => {
      const user = resource.inputs["user"];
      const total = context.resources
        .filter((other) => other.type === T.iamUserPolicy && other.inputs["user"] === user)
        .reduce(
          (sum, other) => sum + (typeof other.inputs["policy"] === "string" ? other.inputs["policy"].replace(/\s/g, "").length : 0),
          0,
        );
      return total > 2048 ? `the user's inline policies total ${total} characters without whitespace; the quota is 2,048` : undefined;
    },
  },

  // IAM access key
  reference(T.iamAccessKey, "user", iamName(64), "an IAM user name", `${IAM_API}/API_CreateAccessKey.html (UserName)`),
  {
    id: "iam-access-keys-per-user",
    resourceType: T.iamAccessKey,
    property: "user",
    rule: "At most 2 access keys per IAM user",
    source: `${IAM_QUOTAS} (access keys assigned to an IAM user: 2)`,
    check: (user, _resource, context) => {
      const keys = context.resources.filter((other) => other.type === T.iamAccessKey && other.inputs["user"] === user).length;
      return keys > 2 ? `${keys} access keys for user ${describe(user)}; IAM allows 2` : undefined;
    },
  },

  // IAM role (delivery-status logging)
  {
    id: "iam-role-name",
    resourceType: T.iamRole,
    property: "name",
    rule: "1-64 characters of letters, digits and + = , . @ _ - (autoname included)",
    source: `${IAM_API}/API_CreateRole.html (RoleName); ${PULUMI_AUTONAMING}`,
    value: (resource) => nameOrAutoname(resource),
    check: iamName(64),
  },
  simple(
    T.iamRole,
    "path",
    optional(IAM_PATH),
    "/ or /segments/ of printable ASCII, 1-512 characters",
    `${IAM_API}/API_CreateRole.html (Path)`,
  ),
  simple(
    T.iamRole,
    "description",
    optional(
      text({
        min: 0,
        max: 1000,
        pattern: new RegExp("^[\\t\\n\\r\\u0020-\\u007E\\u00A1-\\u00FF]*$"),
        patternText: "tab, newline and Latin-1 printable characters",
      }),
    ),
    "0-1000 Latin-1 printable characters",
    `${IAM_API}/API_CreateRole.html (Description)`,
  ),
  simple(
    T.iamRole,
    "assumeRolePolicy",
    required(iamPolicyDocument({ kind: "trust", maxCharacters: 2048 })),
    "A trust policy (Version 2012-10-17; Effect, Action, Principal per statement) of at most 2,048 characters without whitespace",
    `${IAM_API}/API_CreateRole.html (AssumeRolePolicyDocument); ${IAM_QUOTAS} (role trust policy length: 2,048 characters)`,
  ),
  awsTagRules(T.iamRole, `${IAM_API}/API_Tag.html; ${IAM_API}/API_CreateRole.html (Tags: at most 50)`),

  // IAM inline role policy
  {
    id: "iam-role-policy-name",
    resourceType: T.iamRolePolicy,
    property: "name",
    rule: "1-128 characters of letters, digits and + = , . @ _ - (autoname included)",
    source: `${IAM_API}/API_PutRolePolicy.html (PolicyName); ${PULUMI_AUTONAMING}`,
    value: (resource) => nameOrAutoname(resource),
    check: iamName(128),
  },
  reference(T.iamRolePolicy, "role", iamName(64), "an IAM role name", `${IAM_API}/API_PutRolePolicy.html (RoleName)`),
  simple(
    T.iamRolePolicy,
    "policy",
    required(iamPolicyDocument({ kind: "identity", maxCharacters: 10240 })),
    "An identity policy document of at most 10,240 characters without whitespace",
    `${IAM_API}/API_PutRolePolicy.html; ${IAM_QUOTAS} (role policy size: 10,240 characters)`,
  ),

  // SNS SMS preferences (SetSMSAttributes)
  simple(
    T.smsPreferences,
    "defaultSmsType",
    optional(oneOf(["Promotional", "Transactional"])),
    "Promotional or Transactional",
    `${TF_AWS}/internal/service/sns/sms_preferences.go (default_sms_type); ${SNS_API}/API_SetSMSAttributes.html (DefaultSMSType)`,
  ),
  simple(
    T.smsPreferences,
    "monthlySpendLimit",
    optional(integer({ min: 0 })),
    "A whole number of USD, 0 or more",
    `${TF_AWS}/internal/service/sns/sms_preferences.go (monthly_spend_limit: TypeInt, validateMonthlySpend >= 0); ${SNS_API}/API_SetSMSAttributes.html (MonthlySpendLimit)`,
  ),
  simple(
    T.smsPreferences,
    "deliveryStatusSuccessSamplingRate",
    optional(integer({ min: 0, max: 100, asString: true })),
    "The decimal text of an integer from 0 to 100 (the provider types it as a string)",
    `${TF_AWS}/internal/service/sns/sms_preferences.go (validateDeliverySamplingRate); ${SNS_API}/API_SetSMSAttributes.html (DeliveryStatusSuccessSamplingRate)`,
  ),
  simple(
    T.smsPreferences,
    "deliveryStatusIamRoleArn",
    optional(ARN),
    "An IAM role ARN",
    `${SNS_API}/API_SetSMSAttributes.html (DeliveryStatusIAMRole)`,
  ),
  simple(
    T.smsPreferences,
    "defaultSenderId",
    optional(
      text({
        min: 1,
        max: 11,
        pattern: /^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
        patternText: "1-11 letters, digits or hyphens with at least one letter, starting and ending with a letter or digit",
      }),
    ),
    "1-11 letters, digits or hyphens, at least one letter, no spaces, starting and ending alphanumeric",
    `${SNS_API}/API_SetSMSAttributes.html (DefaultSenderID)`,
  ),

  // SNS topic
  {
    id: "sns-topic-name",
    resourceType: T.snsTopic,
    property: "name",
    rule: "1-256 letters, digits, hyphens and underscores (autoname included; standard topic)",
    source: `${TF_AWS}/internal/service/sns/topic.go (resourceTopicCustomizeDiff: ^[0-9A-Za-z_-]{1,256}$); ${SNS_API}/API_CreateTopic.html (Name); ${PULUMI_AUTONAMING}`,
    value: (resource) => nameOrAutoname(resource),
    check: text({ min: 1, max: 256, pattern: /^[0-9A-Za-z_-]+$/, patternText: "[0-9A-Za-z_-]" }),
  },
  awsTagRules(T.snsTopic, `${SNS_API}/API_Tag.html; https://docs.aws.amazon.com/sns/latest/dg/sns-tags-configuring.html`),

  // SNS subscription
  reference(T.snsTopicSubscription, "topic", ARN, "A topic ARN", `${SNS_API}/API_Subscribe.html (TopicArn)`),
  simple(
    T.snsTopicSubscription,
    "protocol",
    required(oneOf(["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"])),
    "One of SNS's subscription protocols",
    `${SNS_API}/API_Subscribe.html (Protocol)`,
  ),
  {
    id: "sns-topic-subscription-endpoint",
    resourceType: T.snsTopicSubscription,
    property: "endpoint",
    rule: "An email address for the email and email-json protocols",
    source: `${SNS_API}/API_Subscribe.html (Endpoint)`,
    check: (endpoint, resource) => {
      const protocol = resource.inputs["protocol"];
      if (protocol === "email" || protocol === "email-json") return required(EMAIL)(endpoint);
      return required(isString)(endpoint);
    },
  },

  // CloudWatch metric alarm (PutMetricAlarm)
  {
    id: "cloudwatch-metric-alarm-name",
    resourceType: T.metricAlarm,
    property: "name",
    rule: "1-255 characters (autoname included)",
    source: `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (alarm_name: StringLenBetween(1, 255)); ${CW_API}/API_PutMetricAlarm.html (AlarmName); ${PULUMI_AUTONAMING}`,
    value: (resource) => nameOrAutoname(resource),
    check: text({ min: 1, max: 255 }),
  },
  simple(
    T.metricAlarm,
    "alarmDescription",
    optional(text({ min: 0, max: 1024 })),
    "0-1024 characters",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (alarm_description); ${CW_API}/API_PutMetricAlarm.html (AlarmDescription)`,
  ),
  simple(
    T.metricAlarm,
    "namespace",
    required(text({ min: 1, max: 255, pattern: /^[^:].*$/, patternText: "not starting with a colon" })),
    "1-255 characters, not starting with a colon",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (namespace); ${CW_API}/API_PutMetricAlarm.html (Namespace)`,
  ),
  simple(
    T.metricAlarm,
    "metricName",
    required(text({ min: 1, max: 255 })),
    "1-255 characters",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (metric_name); ${CW_API}/API_PutMetricAlarm.html (MetricName)`,
  ),
  simple(
    T.metricAlarm,
    "period",
    required((value) => {
      const problem = integer({ min: 10 })(value);
      if (problem !== undefined) return problem;
      return [10, 20, 30].includes(value as number) || (value as number) % 60 === 0
        ? undefined
        : `must be 10, 20, 30 or a multiple of 60 seconds (got ${describe(value)})`;
    }),
    "10, 20, 30 or a multiple of 60 seconds",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (period: IntInSlice(10, 20, 30) or IntDivisibleBy(60)); ${CW_API}/API_PutMetricAlarm.html (Period)`,
  ),
  {
    id: "cloudwatch-metric-alarm-evaluation-periods",
    resourceType: T.metricAlarm,
    property: "evaluationPeriods",
    rule: "At least 1; Period × EvaluationPeriods at most 86,400 s for periods under an hour, 604,800 s otherwise",
    source: `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (evaluation_periods: Required, IntAtLeast(1)); ${CW_API}/API_PutMetricAlarm.html (EvaluationPeriods, Period)`,
    check: (value, resource) => {
      const problem = required(integer({ min: 1 }))(value);
      if (problem !== undefined) return problem;
      const period = resource.inputs["period"];
      if (typeof period !== "number") return undefined;
      const window = period * (value as number);
      const limit = period < 3600 ? 86_400 : 604_800;
      return window > limit ? `period × evaluationPeriods = ${window} s; at most ${limit} s` : undefined;
    },
  },
  simple(
    T.metricAlarm,
    "comparisonOperator",
    required(
      oneOf([
        "GreaterThanOrEqualToThreshold",
        "GreaterThanThreshold",
        "LessThanThreshold",
        "LessThanOrEqualToThreshold",
        "LessThanLowerOrGreaterThanUpperThreshold",
        "LessThanLowerThreshold",
        "GreaterThanUpperThreshold",
      ]),
    ),
    "One of CloudWatch's comparison operators",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (comparison_operator: enum types.ComparisonOperator); ${CW_API}/API_PutMetricAlarm.html (ComparisonOperator)`,
  ),
  simple(
    T.metricAlarm,
    "statistic",
    required(oneOf(["SampleCount", "Average", "Sum", "Minimum", "Maximum"])),
    "SampleCount, Average, Sum, Minimum or Maximum (required with metricName, as extendedStatistic is not used)",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (statistic: enum types.Statistic; CustomizeDiff: one of statistic or extended_statistic); ${CW_API}/API_PutMetricAlarm.html (Statistic)`,
  ),
  simple(
    T.metricAlarm,
    "threshold",
    required(isFiniteNumber),
    "A number",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (threshold: TypeFloat)`,
  ),
  simple(
    T.metricAlarm,
    "treatMissingData",
    optional(oneOf(["breaching", "notBreaching", "ignore", "missing"])),
    "breaching, notBreaching, ignore or missing",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (treat_missing_data); ${CW_API}/API_PutMetricAlarm.html (TreatMissingData)`,
  ),
  simple(
    T.metricAlarm,
    "alarmActions",
    optional(list({ max: 5, item: ARN })),
    "At most 5 action ARNs",
    `${TF_AWS}/internal/service/cloudwatch/metric_alarm.go (alarm_actions: verify.ValidARN); ${CW_API}/API_PutMetricAlarm.html (AlarmActions: maximum 5 items)`,
  ),
  simple(
    T.metricAlarm,
    "dimensions",
    optional((value) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return `must be a map (got ${describe(value)})`;
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > 30) return `has ${entries.length} dimensions; at most 30`;
      for (const [name, dimension] of entries) {
        const nameProblem = text({ min: 1, max: 255 })(name);
        if (nameProblem !== undefined) return `dimension name ${nameProblem}`;
        const valueProblem = text({ min: 1, max: 1024 })(dimension);
        if (valueProblem !== undefined) return `dimension ${name} ${valueProblem}`;
      }
      return undefined;
    }),
    "At most 30 dimensions; names 1-255, values 1-1024 characters",
    `${CW_API}/API_PutMetricAlarm.html (Dimensions); ${CW_API}/API_Dimension.html`,
  ),
  awsTagRules(T.metricAlarm, `${CW_API}/API_Tag.html; ${CW_API}/API_PutMetricAlarm.html (Tags)`),

  // Auth0 Action
  simple(
    T.action,
    "name",
    required(text({ min: 1, max: Number.MAX_SAFE_INTEGER })),
    "A non-empty name",
    `${TF_AUTH0}/internal/auth0/action/resource.go (name: Required)`,
  ),
  simple(
    T.action,
    "runtime",
    optional(oneOf(AUTH0_ACTION_RUNTIMES)),
    `One of ${AUTH0_ACTION_RUNTIMES.join(", ")}`,
    `${TF_AUTH0}/internal/auth0/action/resource.go (runtime: StringInSlice)`,
  ),
  simple(
    T.action,
    "supportedTriggers",
    required(
      all(object({ id: required(oneOf(AUTH0_TRIGGER_IDS)), version: required(isString) }), (value) => {
        const { id, version } = value as { id: string; version: string };
        const current = CURRENT_TRIGGER_VERSIONS[id];
        return current === undefined || version === current
          ? undefined
          : `version of trigger ${id} must be ${current}, its current version (got ${describe(version)})`;
      }),
    ),
    "Exactly one trigger: a trigger id the provider knows, at the trigger's current version (send-phone-message v2, custom-phone-provider v1)",
    `${TF_AUTH0}/internal/auth0/action/resource.go (supported_triggers: MaxItems 1); ${TF_AUTH0}/internal/auth0/action/resource_trigger_actions.go (trigger ids); ${TF_AUTH0}/docs/guides/action_triggers.md (send-phone-message v2 CURRENT); ${TF_AUTH0}/examples/resources/auth0_phone_provider/resource.tf (custom-phone-provider v1)`,
    "auth0-action-trigger",
  ),
  {
    id: "auth0-action-trigger-change-replaces",
    resourceType: T.action,
    property: "supportedTriggers",
    rule: "A change of trigger replaces the Action: its logical name carries the trigger id, or replaceOnChanges names supportedTriggers",
    source: `${TF_AUTH0}/internal/auth0/action/resource.go (supported_triggers is not ForceNew: a trigger change is an in-place update, which the Management API refuses: "can't upgrade to this trigger")`,
    check: (_value, resource) => {
      const trigger = triggerOf(resource);
      if (typeof trigger === "string" && resource.name.includes(trigger)) return undefined;
      if (resource.replaceOnChanges.some((path) => path === "*" || path === "supportedTriggers" || path.startsWith("supportedTriggers.")))
        return undefined;
      return `logical name ${describe(resource.name)} does not carry the trigger ${describe(trigger)} and replaceOnChanges does not name supportedTriggers: switching the phone experience would update the trigger in place`;
    },
  },
  simple(
    T.action,
    "code",
    required((value) => {
      if (typeof value !== "string" || value === "") return `must be non-empty source code (got ${describe(value)})`;
      const bytes = Buffer.byteLength(value, "utf8");
      return bytes > MAX_ACTION_CODE_BYTES
        ? `is ${bytes} bytes; an Action may have at most 100 kB (${MAX_ACTION_CODE_BYTES} bytes)`
        : undefined;
    }),
    "Non-empty code of at most 100 kB (npm dependencies not counted)",
    `${TF_AUTH0}/internal/auth0/action/resource.go (code: Required); ${ACTIONS_LIMITS} (each Action should not exceed 100 kB)`,
  ),
  simple(
    T.action,
    "dependencies",
    optional(
      all(
        list({
          max: MAX_ACTION_DEPENDENCIES,
          item: object({ name: required(text({ min: 1, max: 214 })), version: required(text({ min: 1, max: 256 })) }),
        }),
        (value) => {
          const names = (value as { name: string }[]).map((dependency) => dependency.name);
          const repeated = names.find((name, index) => names.indexOf(name) !== index);
          return repeated === undefined ? undefined : `declares ${repeated} twice`;
        },
      ),
    ),
    `At most ${MAX_ACTION_DEPENDENCIES} npm modules, each with a name and a version, no name twice`,
    `${TF_AUTH0}/internal/auth0/action/resource.go (dependencies: name, version Required); ${ACTIONS_LIMITS} (at most 10 npm modules)`,
  ),
  simple(
    T.action,
    "secrets",
    optional(
      all(
        list({
          max: MAX_ACTION_SECRETS,
          item: object({ name: required(text({ min: 1, max: 128 })), value: required(text({ min: 0, max: 4096 })) }),
        }),
        (value) => {
          const names = (value as { name: string }[]).map((secret) => secret.name);
          const repeated = names.find((name, index) => names.indexOf(name) !== index);
          return repeated === undefined ? undefined : `has secret ${repeated} twice`;
        },
      ),
    ),
    `At most ${MAX_ACTION_SECRETS} secrets; names 1-128 characters, unique; values at most 4,096 characters`,
    `${TF_AUTH0}/internal/auth0/action/resource.go (secrets: name, value Required); ${ACTIONS_LIMITS} (at most 30 secrets; key 128, value 4096 characters)`,
  ),
  simple(
    T.action,
    "deploy",
    required((value) =>
      value === true ? undefined : `must be true: only a deployed Action can be bound to a trigger (got ${describe(value)})`,
    ),
    "true: the binding needs a deployed Action",
    `${TF_AUTH0}/internal/auth0/action/resource_trigger_actions.go ("Once actions are created and deployed, they can be attached (i.e. bound) to a trigger")`,
  ),

  // Auth0 trigger bindings
  simple(
    T.triggerActions,
    "trigger",
    required(oneOf(AUTH0_TRIGGER_IDS)),
    "A trigger id the provider knows",
    `${TF_AUTH0}/internal/auth0/action/resource_trigger_actions.go (trigger: StringInSlice)`,
  ),
  {
    id: "auth0-trigger-actions-actions",
    resourceType: T.triggerActions,
    property: "actions",
    rule: "1-20 bound Actions, each with an id and a display name, each an Action written for this trigger",
    source: `${TF_AUTH0}/internal/auth0/action/resource_trigger_actions.go (actions: id, display_name Required); ${ACTIONS_LIMITS} (at most 20 bound Actions per flow)`,
    check: (value, resource, context) => {
      const problem = required(
        list({
          min: 1,
          max: MAX_BOUND_ACTIONS_PER_TRIGGER,
          item: object({ id: required(text({ min: 1, max: 1024 })), displayName: required(text({ min: 1, max: 1024 })) }),
        }),
      )(value);
      if (problem !== undefined) return problem;
      const trigger = resource.inputs["trigger"];
      for (const bound of value as { displayName: string }[]) {
        const action = context.resources.find((other) => other.type === T.action && other.inputs["name"] === bound.displayName);
        if (action !== undefined && triggerOf(action) !== trigger) {
          return `binds ${describe(bound.displayName)}, an Action for trigger ${describe(triggerOf(action))}, to trigger ${describe(trigger)}`;
        }
      }
      return undefined;
    },
  },

  // Auth0 Guardian (tenant MFA settings)
  simple(
    T.guardian,
    "policy",
    required(oneOf(["all-applications", "confidence-score", "never"])),
    "all-applications, confidence-score or never",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (policy: StringInSlice)`,
  ),
  simple(
    T.guardian,
    "phone",
    optional(
      object({
        enabled: required(isBoolean),
        messageTypes: optional(list({ min: 1, max: 2, item: oneOf(["sms", "voice"]) })),
        provider: optional(oneOf(["auth0", "twilio", "phone-message-hook"])),
        options: optional(
          object({
            enrollmentMessage: optional(isString),
            verificationMessage: optional(isString),
            from: optional(isString),
            messagingServiceSid: optional(isString),
            authToken: optional(isString),
            sid: optional(isString),
          }),
        ),
      }),
    ),
    "enabled; message types sms and/or voice; provider auth0, twilio or phone-message-hook; options with the provider's fields",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (phone block); https://auth0.com/docs/api/management/v2/guardian/put-message-types (sms, voice)`,
  ),
  {
    id: "auth0-guardian-phone-provider-needs-message-types",
    resourceType: T.guardian,
    property: "phone.provider",
    rule: "phone.provider is set only together with phone.messageTypes",
    source: `${TF_AUTH0}/internal/auth0/guardian/resource.go (provider: RequiredWith phone.0.message_types)`,
    check: (provider, resource) =>
      provider !== undefined && valueAt(resource.inputs, "phone.messageTypes") === undefined
        ? "is set without phone.messageTypes"
        : undefined,
  },
  {
    id: "auth0-guardian-phone-provider-tenant-flag",
    resourceType: T.guardian,
    property: "phone",
    rule: "phone.provider and phone.options only when the tenant's phone_consolidated_experience is false (an unset flag counts as on)",
    source: `${TF_AUTH0}/internal/auth0/guardian/expand.go (configurePhone: "provider or options cannot be specified when phone consolidated experience is enabled for tenant"); ${TF_AUTH0}/internal/auth0/guardian/resource.go (isPhoneConsolidatedExperienceEnabled: nil = enabled)`,
    check: (phone, _resource, context) => {
      if (typeof phone !== "object" || phone === null) return undefined;
      const { provider, options } = phone as { provider?: unknown; options?: unknown };
      const hasOptions = options !== undefined && options !== null;
      if (provider === undefined && !hasOptions) return undefined;
      if (context.tenant.phoneConsolidatedExperience === false) return undefined;
      const flag = context.tenant.phoneConsolidatedExperience === undefined ? "unset (on, as on every new tenant)" : "on";
      return `sets ${[provider === undefined ? undefined : "provider", hasOptions ? "options" : undefined].filter(Boolean).join(" and ")} while the tenant's phone_consolidated_experience is ${flag}: the provider refuses`;
    },
  },
  {
    id: "auth0-guardian-phone-provider-tenant-flag-off",
    resourceType: T.guardian,
    property: "phone",
    rule: "An enabled phone factor names its phone.provider when the tenant's phone_consolidated_experience is off (Guardian then configures the classic provider from the block)",
    source: `${TF_AUTH0}/internal/auth0/guardian/expand.go (configurePhone: with the flag off, UpdateProvider with the block's provider, none when unset)`,
    check: (phone, _resource, context) => {
      if (context.tenant.phoneConsolidatedExperience !== false) return undefined;
      if (typeof phone !== "object" || phone === null) return undefined;
      const { enabled, provider } = phone as { enabled?: unknown; provider?: unknown };
      return enabled === true && provider === undefined
        ? "is enabled without a provider while the tenant's phone_consolidated_experience is off: Guardian sends a provider update with no provider"
        : undefined;
    },
  },
  simple(T.guardian, "otp", optional(isBoolean), "true or false", `${TF_AUTH0}/internal/auth0/guardian/resource.go (otp: TypeBool)`),
  simple(
    T.guardian,
    "recoveryCode",
    optional(isBoolean),
    "true or false",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (recovery_code: TypeBool)`,
  ),
  simple(T.guardian, "email", optional(isBoolean), "true or false", `${TF_AUTH0}/internal/auth0/guardian/resource.go (email: TypeBool)`),
  simple(
    T.guardian,
    "webauthnRoaming",
    optional(
      object({
        enabled: required(isBoolean),
        userVerification: optional(oneOf(["discouraged", "preferred", "required"])),
        overrideRelyingParty: optional(isBoolean),
        relyingPartyIdentifier: optional(isString),
      }),
    ),
    "enabled; user verification discouraged, preferred or required",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (webauthn_roaming)`,
  ),
  simple(
    T.guardian,
    "webauthnPlatform",
    optional(
      object({ enabled: required(isBoolean), overrideRelyingParty: optional(isBoolean), relyingPartyIdentifier: optional(isString) }),
    ),
    "enabled; relying party settings",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (webauthn_platform)`,
  ),
  simple(
    T.guardian,
    "duo",
    optional(
      all(
        object({
          enabled: required(isBoolean),
          integrationKey: optional(isString),
          secretKey: optional(isString),
          hostname: optional(isString),
        }),
        (value) => {
          const keys = ["integrationKey", "secretKey", "hostname"].filter((key) => (value as Record<string, unknown>)[key] !== undefined);
          return keys.length === 0 || keys.length === 3 ? undefined : `sets ${keys.join(", ")} without the others (RequiredWith)`;
        },
      ),
    ),
    "enabled; integration key, secret key and hostname all or none",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (duo: enabled Required; integration_key, secret_key, hostname RequiredWith each other)`,
  ),
  simple(
    T.guardian,
    "push",
    optional(
      all(
        (value) =>
          typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)["enabled"] === "boolean"
            ? undefined
            : "needs enabled: true or false",
        (value) => optional(oneOf(["direct", "guardian", "sns"]))((value as Record<string, unknown>)["provider"]),
      ),
    ),
    "enabled; provider direct, guardian or sns",
    `${TF_AUTH0}/internal/auth0/guardian/resource.go (push: enabled Required, provider StringInSlice)`,
  ),
  {
    id: "auth0-guardian-factors-explicit",
    resourceType: T.guardian,
    property: "webauthnRoaming",
    value: (resource) => Object.fromEntries(GUARDIAN_COMPUTED_FACTORS.map((block) => [block, resource.inputs[block]])),
    rule: "webauthnRoaming, webauthnPlatform, duo and push are each sent, an off factor as enabled: false: a block left out keeps whatever the tenant has",
    source: `${TF_AUTH0}/internal/auth0/guardian/resource.go (webauthn_roaming, webauthn_platform, duo, push: Optional + Computed); ${TF_AUTH0}/internal/auth0/guardian/expand.go (updateWebAuthnRoaming, updateWebAuthnPlatform, updateDUO, updatePush: nothing is written unless the block changed)`,
    check: (blocks) => {
      const missing = GUARDIAN_COMPUTED_FACTORS.filter((block) => (blocks as Record<string, unknown>)[block] === undefined);
      return missing.length > 0
        ? `leaves out ${missing.join(", ")}: the tenant keeps whatever it has for ${missing.length === 1 ? "it" : "them"}`
        : undefined;
    },
  },

  // Auth0 phone provider (Unified Phone Experience)
  simple(
    T.phoneProvider,
    "name",
    required(oneOf(["twilio", "custom"])),
    "twilio or custom",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_provider.go (name: StringInSlice)`,
  ),
  simple(
    T.phoneProvider,
    "disabled",
    optional(isBoolean),
    "true or false",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_provider.go (disabled: TypeBool)`,
  ),
  simple(
    T.phoneProvider,
    "configuration",
    required(
      object({
        deliveryMethods: required(list({ min: 1, max: 2, item: oneOf(["text", "voice"]) })),
        defaultFrom: optional(text({ min: 1, max: 1024 })),
        mssid: optional(text({ min: 1, max: 1024 })),
        sid: optional(text({ min: 1, max: 1024 })),
      }),
    ),
    "Required; 1-2 delivery methods of text and voice; Twilio fields non-empty when set",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_provider.go (configuration: Required; delivery_methods MinItems 1, MaxItems 2, text/voice)`,
  ),
  simple(
    T.phoneProvider,
    "credentials",
    required(object({ authToken: optional(text({ min: 1, max: 4096 })) })),
    "Required (one block); authToken non-empty when set",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_provider.go (credentials: Required, MaxItems 1; auth_token StringIsNotEmpty)`,
  ),
  {
    id: "auth0-phone-provider-custom-needs-action",
    resourceType: T.phoneProvider,
    property: "name",
    rule: "A custom phone provider comes after an Action for the custom-phone-provider trigger",
    source: `${TF_AUTH0}/docs/resources/phone_provider.md ("you must ensure an action is created first with custom-phone-provider as the supported_triggers")`,
    check: (name, resource, context) => {
      if (name !== "custom") return undefined;
      const action = context.resources.find((other) => other.type === T.action && triggerOf(other) === "custom-phone-provider");
      if (action === undefined) return "is custom, but the stack has no Action for the custom-phone-provider trigger";
      return resource.dependsOn.includes(action.urn)
        ? undefined
        : `is custom, but does not depend on the Action ${describe(action.name)}: it may be created first`;
    },
  },

  // Auth0 phone notification templates (Unified Phone Experience)
  {
    id: "auth0-branding-phone-notification-template-type",
    resourceType: T.phoneTemplate,
    property: "type",
    rule: "otp_verify, otp_enroll, change_password, blocked_account or password_breach; one template per type",
    source: `${TF_AUTH0}/internal/auth0/branding/resource_phone_template.go (type: StringInSlice, ForceNew)`,
    check: (type, resource, context) => {
      const problem = required(oneOf(["otp_verify", "otp_enroll", "change_password", "blocked_account", "password_breach"]))(type);
      if (problem !== undefined) return problem;
      const same = context.resources.filter(
        (other) => other.type === T.phoneTemplate && other.inputs["type"] === type && other.urn !== resource.urn,
      );
      return same.length > 0 ? `type ${describe(type)} is managed by ${same.length + 1} templates` : undefined;
    },
  },
  simple(
    T.phoneTemplate,
    "disabled",
    optional(isBoolean),
    "true or false",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_template.go (disabled: TypeBool)`,
  ),
  simple(
    T.phoneTemplate,
    "content",
    optional(
      object({
        syntax: optional(isString),
        from: optional(text({ min: 1, max: 1024 })),
        body: optional(object({ text: optional(text({ min: 1, max: Number.MAX_SAFE_INTEGER })), voice: optional(isString) })),
      }),
    ),
    "syntax, from (non-empty when set) and a body with text and/or voice",
    `${TF_AUTH0}/internal/auth0/branding/resource_phone_template.go (content: from StringIsNotEmpty; body: text, voice)`,
  ),
  ...PROTECT_CONFIGURATION_RULES,
];

// ---------------------------------------------------------------- running the rules

export interface RuleViolation {
  ruleId: string;
  resourceType: string;
  resourceName: string;
  property: string;
  problem: string;
  source: string;
}

export interface ConformanceReport {
  violations: RuleViolation[];
  /** Rule applications skipped because the value was hidden (secret or unknown in this run). */
  unchecked: { ruleId: string; resourceName: string }[];
  /** Custom resource types no rule covers. */
  typesWithoutRules: string[];
  /** Inputs of a covered type that no rule reads: `type input`. */
  inputsWithoutRules: string[];
}

export function rulesFor(resourceType: string, rules: readonly ProviderRule[] = PROVIDER_RULES): ProviderRule[] {
  return rules.filter((rule) => rule.resourceType === resourceType);
}

/**
 * Judges every resource against the rules of its type. `hidden` tells values the run cannot show
 * (the plan's secrets and unknowns); such a rule application is reported as unchecked, not passed.
 */
export function checkConformance(
  resources: readonly ResourceUnderTest[],
  tenant: TenantState,
  hidden: (value: unknown) => boolean,
  rules: readonly ProviderRule[] = PROVIDER_RULES,
): ConformanceReport {
  const report: ConformanceReport = { violations: [], unchecked: [], typesWithoutRules: [], inputsWithoutRules: [] };
  const context: RuleContext = { tenant, resources };
  for (const resource of resources) {
    const applicable = rulesFor(resource.type, rules);
    if (applicable.length === 0) {
      if (!report.typesWithoutRules.includes(resource.type)) report.typesWithoutRules.push(resource.type);
      continue;
    }
    const covered = new Set(applicable.map((rule) => rule.property.split(".")[0]));
    for (const input of Object.keys(resource.inputs)) {
      const key = `${resource.type} ${input}`;
      if (!covered.has(input) && !report.inputsWithoutRules.includes(key)) report.inputsWithoutRules.push(key);
    }
    for (const rule of applicable) {
      const value = rule.value === undefined ? valueAt(resource.inputs, rule.property) : rule.value(resource);
      if (hidden(value)) {
        report.unchecked.push({ ruleId: rule.id, resourceName: resource.name });
        continue;
      }
      const problem = rule.check(value, resource, context);
      if (problem !== undefined) {
        report.violations.push({
          ruleId: rule.id,
          resourceType: resource.type,
          resourceName: resource.name,
          property: rule.property,
          problem,
          source: rule.source,
        });
      }
    }
  }
  return report;
}

/** One line per violation: the resource, the input, the problem, and where the rule is published. */
export function formatViolation(violation: RuleViolation): string {
  return `${violation.resourceType} ${violation.resourceName}: ${violation.property} ${violation.problem} [${violation.ruleId}; ${violation.source}]`;
}
