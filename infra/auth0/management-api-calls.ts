/**
 * Every Auth0 Management API call `pulumi up`, `pulumi refresh` and `pulumi destroy` make for the
 * program's Auth0 resources, per resource type and operation, with the scope each call needs.
 *
 * Calls: terraform-provider-auth0 v1.53.0 (bridged by @pulumi/auth0 3.49.0), through the client it
 * builds (internal/config/config.go GetAPI: github.com/auth0/go-auth0 v1.45.0 `management`), whose
 * methods give the HTTP method and path (management/actions.go, guardian.go, branding.go,
 * log_stream.go, tenant.go). Each row names the provider file and function that makes the call.
 * Scopes: the Management API reference page of each endpoint (https://auth0.com/docs/api/management/v2);
 * GET /api/v2/prompts/mfa-push is not in the reference: it belongs to the prompts endpoints, which
 * need read:prompts / update:prompts.
 *
 * `read` is what `pulumi refresh` runs, and what every create and update runs after writing (each
 * provider function ends by calling its read). `when` says when a call happens, if not always: the
 * required scopes still include it, because the tenant decides (a factor turned on in the Dashboard is
 * read on the next refresh).
 */

export type Operation = "create" | "read" | "update" | "delete";
export const OPERATIONS: readonly Operation[] = ["create", "read", "update", "delete"];

export interface ManagementApiCall {
  /** The Pulumi type token, or the program's own read (`program:` prefix). */
  resource: string;
  operation: Operation;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under https://DOMAIN; `{…}` for an id. */
  path: string;
  /** The Management API scope the endpoint requires. */
  scope: string;
  /** When the call happens, if not on every run of the operation. */
  when?: string;
  /** The provider (or program) source that makes the call: file (function). */
  source: string;
}

export const AUTH0_TYPES = {
  getTenant: "auth0:index/getTenant:getTenant",
  tenantFlagRead: "program:tenant-phone-flag",
  action: "auth0:index/action:Action",
  triggerActions: "auth0:index/triggerActions:TriggerActions",
  guardian: "auth0:index/guardian:Guardian",
  phoneProvider: "auth0:index/phoneProvider:PhoneProvider",
  phoneTemplate: "auth0:index/brandingPhoneNotificationTemplate:BrandingPhoneNotificationTemplate",
  logStream: "auth0:index/logStream:LogStream",
} as const;
const T = AUTH0_TYPES;

const ACTION = "internal/auth0/action/resource.go";
const BINDINGS = "internal/auth0/action/resource_trigger_actions.go";
const GUARDIAN = "internal/auth0/guardian/resource.go";
const GUARDIAN_EXPAND = "internal/auth0/guardian/expand.go";
const GUARDIAN_FLATTEN = "internal/auth0/guardian/flatten.go";
const PHONE_PROVIDER = "internal/auth0/branding/resource_phone_provider.go";
const PHONE_TEMPLATE = "internal/auth0/branding/resource_phone_template.go";
const LOG_STREAM = "internal/auth0/logstream/resource.go";

type Row = Omit<ManagementApiCall, "resource" | "operation">;
const rows = (resource: string, operation: Operation, calls: Row[]): ManagementApiCall[] =>
  calls.map((call) => ({ resource, operation, ...call }));

/** Guardian's read (readGuardian), run by refresh and at the end of every create and update. */
const GUARDIAN_READ: Row[] = [
  {
    method: "GET",
    path: "/api/v2/guardian/policies",
    scope: "read:mfa_policies",
    source: `${GUARDIAN_FLATTEN} (flattenMultiFactorPolicy)`,
  },
  { method: "GET", path: "/api/v2/guardian/factors", scope: "read:guardian_factors", source: `${GUARDIAN} (readGuardian)` },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/phone/message-types",
    scope: "read:guardian_factors",
    when: "phone factor on",
    source: `${GUARDIAN_FLATTEN} (flattenPhone)`,
  },
  {
    method: "GET",
    path: "/api/v2/tenants/settings",
    scope: "read:tenant_settings",
    when: "phone factor on",
    source: `${GUARDIAN_FLATTEN} (flattenPhone → isPhoneConsolidatedExperienceEnabled)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/phone/selected-provider",
    scope: "read:guardian_factors",
    when: "phone factor on, tenant flag off (classic)",
    source: `${GUARDIAN_FLATTEN} (flattenPhone)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/sms/templates",
    scope: "read:guardian_factors",
    when: "classic, provider phone-message-hook, auth0 or twilio",
    source: `${GUARDIAN_FLATTEN} (flattenAuth0Options, flattenTwilioOptions)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/sms/providers/twilio",
    scope: "read:guardian_factors",
    when: "classic, provider twilio (set by hand)",
    source: `${GUARDIAN_FLATTEN} (flattenTwilioOptions)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/webauthn-roaming/settings",
    scope: "read:guardian_factors",
    when: "WebAuthn roaming on",
    source: `${GUARDIAN_FLATTEN} (flattenWebAuthnRoaming)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/webauthn-platform/settings",
    scope: "read:guardian_factors",
    when: "WebAuthn platform on",
    source: `${GUARDIAN_FLATTEN} (flattenWebAuthnPlatform)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/duo/settings",
    scope: "read:guardian_factors",
    when: "Duo on (set by hand)",
    source: `${GUARDIAN_FLATTEN} (flattenDUO)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/push-notification/selected-provider",
    scope: "read:guardian_factors",
    when: "push on (factorPush, or the Dashboard)",
    source: `${GUARDIAN_FLATTEN} (flattenPush)`,
  },
  {
    method: "GET",
    path: "/api/v2/prompts/mfa-push",
    scope: "read:prompts",
    when: "push on (factorPush, or the Dashboard)",
    source: `${GUARDIAN_FLATTEN} (flattenPush: Push.CustomApp)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/push-notification/providers/apns",
    scope: "read:guardian_factors",
    when: "push on (factorPush, or the Dashboard)",
    source: `${GUARDIAN_FLATTEN} (flattenPush: Push.DirectAPNS)`,
  },
  {
    method: "GET",
    path: "/api/v2/guardian/factors/push-notification/providers/sns",
    scope: "read:guardian_factors",
    when: "push on with provider sns (set by hand)",
    source: `${GUARDIAN_FLATTEN} (flattenPush: Push.AmazonSNS)`,
  },
];

/** Guardian's writes (updateGuardian; createGuardian is updateGuardian), each only when its field changed. */
const GUARDIAN_WRITE: Row[] = [
  {
    method: "PUT",
    path: "/api/v2/guardian/policies",
    scope: "update:mfa_policies",
    when: "policy changed",
    source: `${GUARDIAN_EXPAND} (updatePolicy)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/{email|otp|recovery-code}",
    scope: "update:guardian_factors",
    when: "email / otp / recovery_code changed (on create: only a factor turned on)",
    source: `${GUARDIAN_EXPAND} (updateEmailFactor, updateOTPFactor, updateRecoveryCodeFactor)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/sms",
    scope: "update:guardian_factors",
    when: "phone block changed",
    source: `${GUARDIAN_EXPAND} (updatePhoneFactor)`,
  },
  {
    method: "GET",
    path: "/api/v2/tenants/settings",
    scope: "read:tenant_settings",
    when: "phone block changed, phone on",
    source: `${GUARDIAN_EXPAND} (configurePhone → isPhoneConsolidatedExperienceEnabled)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/phone/selected-provider",
    scope: "update:guardian_factors",
    when: "classic, phone block changed",
    source: `${GUARDIAN_EXPAND} (configurePhone)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/sms/templates",
    scope: "update:guardian_factors",
    when: "classic, phone block changed",
    source: `${GUARDIAN_EXPAND} (updateAuth0Options)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/phone/message-types",
    scope: "update:guardian_factors",
    when: "phone block changed, phone on",
    source: `${GUARDIAN_EXPAND} (configurePhone)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/{webauthn-roaming|webauthn-platform|duo}",
    scope: "update:guardian_factors",
    when: "block changed",
    source: `${GUARDIAN_EXPAND} (updateWebAuthnRoaming, updateWebAuthnPlatform, updateDUO)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/push-notification",
    scope: "update:guardian_factors",
    when: "push block changed",
    source: `${GUARDIAN_EXPAND} (updatePush)`,
  },
  {
    method: "PUT",
    path: "/api/v2/guardian/factors/push-notification/selected-provider",
    scope: "update:guardian_factors",
    when: "push block changed, push on",
    source: `${GUARDIAN_EXPAND} (updatePush)`,
  },
];

/** Reading an Action (readAction; deployAction polls it until built, waitForActionDeployed until deployed). */
const ACTION_READ: Row = {
  method: "GET",
  path: "/api/v2/actions/actions/{id}",
  scope: "read:actions",
  source: `${ACTION} (readAction, deployAction, waitForActionDeployed)`,
};
const ACTION_DEPLOY: Row = {
  method: "POST",
  path: "/api/v2/actions/actions/{id}/deploy",
  scope: "create:actions",
  source: `${ACTION} (deployAction)`,
};
const BINDINGS_READ: Row = {
  method: "GET",
  path: "/api/v2/actions/triggers/{trigger}/bindings",
  scope: "read:actions",
  source: `${BINDINGS} (readTriggerBinding)`,
};
const PROVIDER_READ: Row = {
  method: "GET",
  path: "/api/v2/branding/phone/providers/{id}",
  scope: "read:phone_providers",
  source: `${PHONE_PROVIDER} (readPhoneProvider)`,
};
const PROVIDER_UPDATE: Row = {
  method: "PATCH",
  path: "/api/v2/branding/phone/providers/{id}",
  scope: "update:phone_providers",
  source: `${PHONE_PROVIDER} (updatePhoneProvider)`,
};
const TEMPLATE_READ: Row = {
  method: "GET",
  path: "/api/v2/branding/phone/templates/{id}",
  scope: "read:phone_templates",
  source: `${PHONE_TEMPLATE} (readPhoneNotificationTemplate)`,
};
const LOG_STREAM_READ: Row = {
  method: "GET",
  path: "/api/v2/log-streams/{id}",
  scope: "read:log_streams",
  source: `${LOG_STREAM} (readLogStream)`,
};

export const MANAGEMENT_API_CALLS: readonly ManagementApiCall[] = [
  // The program's own reads of the tenant (previews included).
  ...rows(T.getTenant, "read", [
    {
      method: "GET",
      path: "/api/v2/tenants/settings",
      scope: "read:tenant_settings",
      source: "internal/auth0/tenant/data_source.go (readTenantForDataSource)",
    },
  ]),
  ...rows(T.tenantFlagRead, "read", [
    {
      method: "GET",
      path: "/api/v2/tenants/settings",
      scope: "read:tenant_settings",
      when: "getTenant read the flag as false",
      source: "infra/auth0/tenant-phone-flag.ts (the raw phone_consolidated_experience)",
    },
  ]),

  ...rows(T.action, "create", [
    { method: "POST", path: "/api/v2/actions/actions", scope: "create:actions", source: `${ACTION} (createAction)` },
    ACTION_READ,
    ACTION_DEPLOY,
  ]),
  ...rows(T.action, "read", [ACTION_READ]),
  ...rows(T.action, "update", [
    { ...ACTION_READ, source: `${ACTION} (updateAction → preventErasingUnmanagedSecrets, internal/auth0/action/expand.go)` },
    { method: "PATCH", path: "/api/v2/actions/actions/{id}", scope: "update:actions", source: `${ACTION} (updateAction)` },
    ACTION_DEPLOY,
  ]),
  ...rows(T.action, "delete", [
    { method: "DELETE", path: "/api/v2/actions/actions/{id}", scope: "delete:actions", source: `${ACTION} (deleteAction)` },
  ]),

  ...rows(T.triggerActions, "create", [
    {
      method: "PATCH",
      path: "/api/v2/actions/triggers/{trigger}/bindings",
      scope: "update:actions",
      source: `${BINDINGS} (createTriggerBinding)`,
    },
    BINDINGS_READ,
  ]),
  ...rows(T.triggerActions, "read", [BINDINGS_READ]),
  ...rows(T.triggerActions, "update", [
    {
      method: "PATCH",
      path: "/api/v2/actions/triggers/{trigger}/bindings",
      scope: "update:actions",
      source: `${BINDINGS} (updateTriggerBinding)`,
    },
    BINDINGS_READ,
  ]),
  ...rows(T.triggerActions, "delete", [
    {
      method: "PATCH",
      path: "/api/v2/actions/triggers/{trigger}/bindings",
      scope: "update:actions",
      source: `${BINDINGS} (deleteTriggerBinding: an empty list)`,
    },
  ]),

  ...rows(T.guardian, "create", [...GUARDIAN_WRITE, ...GUARDIAN_READ]),
  ...rows(T.guardian, "read", GUARDIAN_READ),
  ...rows(T.guardian, "update", [...GUARDIAN_WRITE, ...GUARDIAN_READ]),
  ...rows(T.guardian, "delete", [
    {
      method: "PUT",
      path: "/api/v2/guardian/policies",
      scope: "update:mfa_policies",
      source: `${GUARDIAN} (deleteGuardian: policy never)`,
    },
    {
      method: "PUT",
      path: "/api/v2/guardian/factors/{sms|email|otp|recovery-code|webauthn-roaming|webauthn-platform|duo|push-notification}",
      scope: "update:guardian_factors",
      source: `${GUARDIAN} (deleteGuardian: every factor off)`,
    },
  ]),

  ...rows(T.phoneProvider, "create", [
    {
      method: "GET",
      path: "/api/v2/branding/phone/providers",
      scope: "read:phone_providers",
      source: `${PHONE_PROVIDER} (createPhoneProvider: ListPhoneProviders)`,
    },
    {
      method: "POST",
      path: "/api/v2/branding/phone/providers",
      scope: "create:phone_providers",
      when: "the tenant has no provider",
      source: `${PHONE_PROVIDER} (createPhoneProvider)`,
    },
    {
      ...PROVIDER_UPDATE,
      when: "the tenant has a provider (adopted and rewritten)",
      source: `${PHONE_PROVIDER} (createPhoneProvider → updatePhoneProvider)`,
    },
    PROVIDER_READ,
  ]),
  ...rows(T.phoneProvider, "read", [PROVIDER_READ]),
  ...rows(T.phoneProvider, "update", [PROVIDER_UPDATE, PROVIDER_READ]),
  ...rows(T.phoneProvider, "delete", [
    {
      method: "DELETE",
      path: "/api/v2/branding/phone/providers/{id}",
      scope: "delete:phone_providers",
      source: `${PHONE_PROVIDER} (deletePhoneProvider)`,
    },
  ]),

  ...rows(T.phoneTemplate, "create", [
    {
      method: "POST",
      path: "/api/v2/branding/phone/templates",
      scope: "create:phone_templates",
      source: `${PHONE_TEMPLATE} (createPhoneNotificationTemplate)`,
    },
    TEMPLATE_READ,
  ]),
  ...rows(T.phoneTemplate, "read", [TEMPLATE_READ]),
  ...rows(T.phoneTemplate, "update", [
    {
      method: "PATCH",
      path: "/api/v2/branding/phone/templates/{id}",
      scope: "update:phone_templates",
      source: `${PHONE_TEMPLATE} (updatePhoneNotificationTemplate)`,
    },
    TEMPLATE_READ,
  ]),
  ...rows(T.phoneTemplate, "delete", [
    {
      method: "DELETE",
      path: "/api/v2/branding/phone/templates/{id}",
      scope: "delete:phone_templates",
      source: `${PHONE_TEMPLATE} (deletePhoneNotificationTemplate)`,
    },
  ]),

  ...rows(T.logStream, "create", [
    { method: "POST", path: "/api/v2/log-streams", scope: "create:log_streams", source: `${LOG_STREAM} (createLogStream)` },
    {
      method: "PATCH",
      path: "/api/v2/log-streams/{id}",
      scope: "update:log_streams",
      when: "status set and not the created one",
      source: `${LOG_STREAM} (createLogStream)`,
    },
    LOG_STREAM_READ,
  ]),
  ...rows(T.logStream, "read", [LOG_STREAM_READ]),
  ...rows(T.logStream, "update", [
    { method: "PATCH", path: "/api/v2/log-streams/{id}", scope: "update:log_streams", source: `${LOG_STREAM} (updateLogStream)` },
    LOG_STREAM_READ,
  ]),
  ...rows(T.logStream, "delete", [
    { method: "DELETE", path: "/api/v2/log-streams/{id}", scope: "delete:log_streams", source: `${LOG_STREAM} (deleteLogStream)` },
  ]),
];
