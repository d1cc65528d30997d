/**
 * One AWS account as the doctor sees it, served by local endpoints (local-sns-endpoint.ts) that the
 * real SDK clients reach through the SDK's standard AWS_ENDPOINT_URL_<SERVICE> variables: STS, IAM
 * and SNS speak the Query protocol (form POST, XML), AWS End User Messaging SMS speaks JSON 1.0 with
 * X-Amz-Target "PinpointSMSVoiceV2.<Action>". Only the read actions the doctor calls are answered;
 * anything else is refused as an unknown action and recorded, so a test can assert that nothing
 * the doctor sent could change the account.
 *
 * Shapes follow the API references: sts GetCallerIdentity, iam ListAccessKeys (NoSuchEntity for a
 * missing user), sns GetSMSSandboxAccountStatus / ListSMSSandboxPhoneNumbers / GetSMSAttributes /
 * CheckIfPhoneNumberIsOptedOut, and sms-voice DescribePhoneNumbers / DescribeSenderIds /
 * DescribeSpendLimits / DescribeProtectConfigurations / GetProtectConfigurationCountryRuleSet
 * (https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/).
 *
 * End User Messaging also answers the calls that manage protect configurations and the account default
 * (the stack's dynamic resource, infra/aws/protect-configuration-calls.ts), as the API reference describes
 * them: DescribeAccountAttributes (DEFAULT_PROTECT_CONFIGURATION_ID), CreateProtectConfiguration (every
 * listed country starts ALLOW), UpdateProtectConfigurationCountryRuleSet (1-300 countries, keys
 * `[A-Z]{2}`), SetAccountDefaultProtectConfiguration, DeleteAccountDefaultProtectConfiguration (no id:
 * it removes whichever default there is and answers its id) and DeleteProtectConfiguration (refused for
 * the account default and for a configuration with deletion protection). An unknown id is a
 * ResourceNotFoundException. Assumed, not documented: an update naming a country the configuration does
 * not list is a ValidationException. Every request and its input is kept (smsVoiceRequests).
 */
import { getCountries } from "libphonenumber-js";
import {
  startLocalSnsEndpoint,
  xmlText,
  type EndpointFault,
  type LocalAction,
  type LocalActionAnswer,
  type LocalSnsEndpoint,
} from "../../tools/kit/local-sns-endpoint";

export interface StandInPhoneNumber {
  PhoneNumber: string;
  IsoCountryCode: string;
  NumberType: "TOLL_FREE" | "TEN_DLC" | "SHORT_CODE" | "LONG_CODE" | "SIMULATOR";
  Status: "ACTIVE" | "PENDING" | "ASSOCIATING" | "DISASSOCIATING" | "DELETED";
  NumberCapabilities: ("SMS" | "VOICE" | "MMS")[];
}

export interface StandInAccountState {
  accountId: string;
  /** STS GetCallerIdentity answers these accounts for requests signed with these access key ids (others: accountId). */
  accessKeyAccounts: Record<string, string>;
  callerArn: string;
  inSandbox: boolean;
  sandboxNumbers: { PhoneNumber: string; Status: "Pending" | "Verified" }[];
  /** SNS MonthlySpendLimit attribute; undefined = never set. */
  snsMonthlySpendLimit: string | undefined;
  textSpendLimit: { enforced: number; max: number };
  phoneNumbers: StandInPhoneNumber[];
  senderIds: { SenderId: string; IsoCountryCode: string; Registered: boolean }[];
  optedOut: string[];
  /** IAM users by name → their access keys. */
  users: Record<string, { AccessKeyId: string; Status: "Active" | "Inactive" }[]>;
  /**
   * A default protect configuration made by hand (id PROTECT_ID) with these SMS rules (country →
   * ALLOW|BLOCK|MONITOR|FILTER); undefined = none. On the first End User Messaging request it joins
   * protectConfigurations as the account default.
   */
  defaultProtectRules: Record<string, string> | undefined;
  /** Protect configurations by id. */
  protectConfigurations: Record<string, StandInProtectConfiguration>;
  /** The account default's id; undefined = the account has none. */
  accountDefaultProtectConfigurationId: string | undefined;
  /** The countries End User Messaging lists in a new configuration's SMS rule set (each starts ALLOW). */
  smsCountries: string[];
  /** Faults by action name (e.g. "DescribeSpendLimits" or "GetCallerIdentity"), answered instead of the data. */
  faults: Record<string, EndpointFault>;
}

export interface StandInProtectConfiguration {
  /** SMS rules: every listed country → ALLOW|BLOCK|MONITOR|FILTER. */
  rules: Record<string, string>;
  tags: { Key: string; Value: string }[];
  /** DeletionProtectionEnabled (UpdateProtectConfiguration, by hand); absent = false. */
  deletionProtection?: boolean;
}

/** One End User Messaging request as received: the action (without the target prefix) and its JSON input. */
export interface SmsVoiceRequest {
  action: string;
  input: Record<string, unknown>;
}

export const STAND_IN_ACCOUNT_ID = "123456789012";

/** A healthy production account: out of the sandbox, 100 USD a month, an active registered US toll-free number. */
export function healthyAccount(overrides: Partial<StandInAccountState> = {}): StandInAccountState {
  return {
    accountId: STAND_IN_ACCOUNT_ID,
    accessKeyAccounts: {},
    callerArn: `arn:aws:iam::${STAND_IN_ACCOUNT_ID}:role/github-deploy`,
    inSandbox: false,
    sandboxNumbers: [],
    snsMonthlySpendLimit: "100",
    textSpendLimit: { enforced: 100, max: 1000 },
    phoneNumbers: [
      { PhoneNumber: "+18885550142", IsoCountryCode: "US", NumberType: "TOLL_FREE", Status: "ACTIVE", NumberCapabilities: ["SMS"] },
    ],
    senderIds: [],
    optedOut: [],
    users: {},
    defaultProtectRules: undefined,
    protectConfigurations: {},
    accountDefaultProtectConfigurationId: undefined,
    smsCountries: [...getCountries()].sort(),
    faults: {},
    ...overrides,
  };
}

export interface StandInAccount {
  state: StandInAccountState;
  /** AWS_ENDPOINT_URL_<SERVICE> for each service, plus test credentials and no shared config files. */
  env: Record<string, string>;
  /** Every action received, as "service:Action" (IAM's naming), in order per service. */
  receivedActions(): string[];
  /** Every End User Messaging request with its input, in order. */
  smsVoiceRequests(): SmsVoiceRequest[];
  close(): Promise<void>;
}

const NAMESPACES = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sns: "http://sns.amazonaws.com/doc/2010-03-31/",
};

function faultOr(state: StandInAccountState, action: string, answer: LocalAction): LocalAction {
  return (request) => {
    const fault = state.faults[action];
    return fault === undefined ? answer(request) : { fault };
  };
}

function stsActions(state: StandInAccountState): Record<string, LocalAction> {
  return {
    GetCallerIdentity: faultOr(state, "GetCallerIdentity", ({ accessKeyId }) => {
      const account = state.accessKeyAccounts[accessKeyId ?? ""] ?? state.accountId;
      const arn = account === state.accountId ? state.callerArn : `arn:aws:iam::${account}:user/deployer`;
      return { xml: `<Arn>${xmlText(arn)}</Arn><UserId>AROAEXAMPLE:doctor</UserId><Account>${account}</Account>` };
    }),
  };
}

function iamActions(state: StandInAccountState): Record<string, LocalAction> {
  return {
    ListAccessKeys: faultOr(state, "ListAccessKeys", ({ params }) => {
      const name = params.UserName ?? "";
      const keys = state.users[name];
      if (keys === undefined)
        return { fault: { status: 404, code: "NoSuchEntity", message: `The user with name ${name} cannot be found.` } };
      const members = keys
        .map(
          (key) =>
            `<member><UserName>${xmlText(name)}</UserName><AccessKeyId>${key.AccessKeyId}</AccessKeyId><Status>${key.Status}</Status><CreateDate>2026-01-05T10:00:00Z</CreateDate></member>`,
        )
        .join("");
      return { xml: `<AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>` };
    }),
  };
}

function snsActions(state: StandInAccountState): Record<string, LocalAction> {
  return {
    GetSMSSandboxAccountStatus: faultOr(state, "GetSMSSandboxAccountStatus", () => ({
      xml: `<IsInSandbox>${String(state.inSandbox)}</IsInSandbox>`,
    })),
    ListSMSSandboxPhoneNumbers: faultOr(state, "ListSMSSandboxPhoneNumbers", () => ({
      xml: `<PhoneNumbers>${state.sandboxNumbers.map((n) => `<member><PhoneNumber>${n.PhoneNumber}</PhoneNumber><Status>${n.Status}</Status></member>`).join("")}</PhoneNumbers>`,
    })),
    GetSMSAttributes: faultOr(state, "GetSMSAttributes", () => ({
      xml:
        state.snsMonthlySpendLimit === undefined
          ? "<attributes/>"
          : `<attributes><entry><key>MonthlySpendLimit</key><value>${state.snsMonthlySpendLimit}</value></entry></attributes>`,
    })),
    CheckIfPhoneNumberIsOptedOut: faultOr(state, "CheckIfPhoneNumberIsOptedOut", ({ params }) => ({
      xml: `<isOptedOut>${String(state.optedOut.includes(params.phoneNumber ?? ""))}</isOptedOut>`,
    })),
  };
}

const SMS_PREFIX = "PinpointSMSVoiceV2.";
/** The id of the default protect configuration made by hand (defaultProtectRules). */
export const PROTECT_ID = "protect-0123456789abcdef0123456789abcdef";
const PROTECT_STATUSES = ["ALLOW", "BLOCK", "MONITOR", "FILTER"];

function smsFault(status: number, code: string, message: string): LocalActionAnswer {
  return { fault: { status, code, message } };
}

/** defaultProtectRules, when set, becomes the account's default configuration (made by hand). */
function adoptHandMadeDefault(state: StandInAccountState): void {
  if (state.defaultProtectRules === undefined || state.protectConfigurations[PROTECT_ID] !== undefined) return;
  state.protectConfigurations[PROTECT_ID] = { rules: { ...state.defaultProtectRules }, tags: [] };
  state.accountDefaultProtectConfigurationId = PROTECT_ID;
}

function protectActions(state: StandInAccountState, created: number): Record<string, LocalAction> {
  const arn = (id: string) => `arn:aws:sms-voice:us-east-1:${state.accountId}:protect-configuration/${id}`;
  const notFound = (id: unknown) => smsFault(404, "ResourceNotFoundException", `Protect configuration ${String(id)} not found`);
  const information = (id: string) => ({
    ProtectConfigurationArn: arn(id),
    ProtectConfigurationId: id,
    CreatedTimestamp: created,
    AccountDefault: state.accountDefaultProtectConfigurationId === id,
    DeletionProtectionEnabled: state.protectConfigurations[id]?.deletionProtection === true,
  });
  const ruleSet = (rules: Record<string, string>) =>
    Object.fromEntries(Object.entries(rules).map(([country, status]) => [country, { ProtectStatus: status }]));
  let next = Object.keys(state.protectConfigurations).length;
  return {
    DescribeAccountAttributes: () => ({
      json: {
        AccountAttributes: [
          { Name: "ACCOUNT_TIER", Value: "PRODUCTION" },
          ...(state.accountDefaultProtectConfigurationId === undefined
            ? []
            : [{ Name: "DEFAULT_PROTECT_CONFIGURATION_ID", Value: state.accountDefaultProtectConfigurationId }]),
        ],
      },
    }),
    DescribeProtectConfigurations: ({ input }) => {
      const ids = Array.isArray(input.ProtectConfigurationIds) ? input.ProtectConfigurationIds.map(String) : undefined;
      const missing = ids?.find((id) => state.protectConfigurations[id] === undefined);
      if (missing !== undefined) return notFound(missing);
      const filters = Array.isArray(input.Filters) ? (input.Filters as { Name?: string; Values?: string[] }[]) : [];
      const onlyDefault = filters.some((filter) => filter.Name === "account-default" && (filter.Values ?? []).includes("true"));
      const listed = (ids ?? Object.keys(state.protectConfigurations)).filter(
        (id) => !onlyDefault || id === state.accountDefaultProtectConfigurationId,
      );
      return { json: { ProtectConfigurations: listed.map(information) } };
    },
    GetProtectConfigurationCountryRuleSet: ({ input }) => {
      const configuration = state.protectConfigurations[String(input.ProtectConfigurationId)];
      if (configuration === undefined) return notFound(input.ProtectConfigurationId);
      const id = String(input.ProtectConfigurationId);
      return {
        json: {
          ProtectConfigurationArn: arn(id),
          ProtectConfigurationId: id,
          NumberCapability: input.NumberCapability,
          CountryRuleSet: ruleSet(configuration.rules),
        },
      };
    },
    CreateProtectConfiguration: ({ input }) => {
      next += 1;
      const id = `protect-${next.toString(16).padStart(32, "a")}`;
      const tags = Array.isArray(input.Tags) ? (input.Tags as { Key: string; Value: string }[]) : [];
      state.protectConfigurations[id] = { rules: Object.fromEntries(state.smsCountries.map((country) => [country, "ALLOW"])), tags };
      return { json: { ...information(id), Tags: tags } };
    },
    UpdateProtectConfigurationCountryRuleSet: ({ input }) => {
      const id = String(input.ProtectConfigurationId);
      const configuration = state.protectConfigurations[id];
      if (configuration === undefined) return notFound(id);
      if (input.NumberCapability !== "SMS")
        return smsFault(400, "ValidationException", "The stand-in keeps SMS rules only: NumberCapability must be SMS");
      const updates =
        typeof input.CountryRuleSetUpdates === "object" && input.CountryRuleSetUpdates !== null ? input.CountryRuleSetUpdates : {};
      const entries = Object.entries(updates as Record<string, { ProtectStatus?: string }>);
      if (entries.length < 1 || entries.length > 300)
        return smsFault(400, "ValidationException", `CountryRuleSetUpdates must have 1-300 entries (got ${entries.length})`);
      for (const [country, rule] of entries) {
        if (!/^[A-Z]{2}$/.test(country) || configuration.rules[country] === undefined)
          return smsFault(400, "ValidationException", `${country} is not a supported country`);
        if (!PROTECT_STATUSES.includes(rule.ProtectStatus ?? ""))
          return smsFault(400, "ValidationException", `${String(rule.ProtectStatus)} is not a ProtectStatus`);
      }
      for (const [country, rule] of entries) configuration.rules[country] = rule.ProtectStatus ?? "";
      return {
        json: {
          ProtectConfigurationArn: arn(id),
          ProtectConfigurationId: id,
          NumberCapability: "SMS",
          CountryRuleSet: ruleSet(configuration.rules),
        },
      };
    },
    SetAccountDefaultProtectConfiguration: ({ input }) => {
      const id = String(input.ProtectConfigurationId);
      if (state.protectConfigurations[id] === undefined) return notFound(id);
      state.accountDefaultProtectConfigurationId = id;
      return { json: { DefaultProtectConfigurationArn: arn(id), DefaultProtectConfigurationId: id } };
    },
    DeleteAccountDefaultProtectConfiguration: () => {
      const id = state.accountDefaultProtectConfigurationId;
      if (id === undefined) return smsFault(404, "ResourceNotFoundException", "The account has no default protect configuration");
      state.accountDefaultProtectConfigurationId = undefined;
      return { json: { DefaultProtectConfigurationArn: arn(id), DefaultProtectConfigurationId: id } };
    },
    DeleteProtectConfiguration: ({ input }) => {
      const id = String(input.ProtectConfigurationId);
      if (state.protectConfigurations[id] === undefined) return notFound(id);
      if (state.accountDefaultProtectConfigurationId === id)
        return smsFault(400, "ConflictException", `Protect configuration ${id} is the account default`);
      if (state.protectConfigurations[id]?.deletionProtection === true)
        return smsFault(400, "ConflictException", `Protect configuration ${id} has deletion protection enabled`);
      const answer = information(id);
      state.protectConfigurations = Object.fromEntries(Object.entries(state.protectConfigurations).filter(([other]) => other !== id));
      return { json: answer };
    },
  };
}

function smsActions(state: StandInAccountState): Record<string, LocalAction> {
  const created = 1767607200;
  const actions: Record<string, LocalAction> = {
    DescribePhoneNumbers: () => ({
      json: {
        PhoneNumbers: state.phoneNumbers.map((number, index) => ({
          ...number,
          PhoneNumberArn: `arn:aws:sms-voice:us-east-1:${state.accountId}:phone-number/phone-${index}`,
          PhoneNumberId: `phone-${index}`,
          MessageType: "TRANSACTIONAL",
          MonthlyLeasingPrice: "2.00",
          TwoWayEnabled: false,
          SelfManagedOptOutsEnabled: false,
          OptOutListName: "Default",
          DeletionProtectionEnabled: false,
          CreatedTimestamp: created,
        })),
      },
    }),
    DescribeSenderIds: () => ({
      json: {
        SenderIds: state.senderIds.map((entry) => ({
          ...entry,
          SenderIdArn: `arn:aws:sms-voice:us-east-1:${state.accountId}:sender-id/${entry.SenderId}/${entry.IsoCountryCode}`,
          MessageTypes: ["TRANSACTIONAL"],
          MonthlyLeasingPrice: "0.00",
          DeletionProtectionEnabled: false,
        })),
      },
    }),
    DescribeSpendLimits: () => ({
      json: {
        SpendLimits: [
          {
            Name: "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT",
            EnforcedLimit: state.textSpendLimit.enforced,
            MaxLimit: state.textSpendLimit.max,
            Overridden: state.textSpendLimit.enforced !== state.textSpendLimit.max,
          },
          { Name: "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT", EnforcedLimit: 1, MaxLimit: 1, Overridden: false },
        ],
      },
    }),
    ...protectActions(state, created),
  };
  const adopting =
    (action: LocalAction): LocalAction =>
    (request) => {
      adoptHandMadeDefault(state);
      return action(request);
    };
  return Object.fromEntries(
    Object.entries(actions).map(([name, action]) => [`${SMS_PREFIX}${name}`, adopting(faultOr(state, name, action))]),
  );
}

/** Starts the four services for `state` (which tests may change between runs). */
export async function startStandInAccount(state: StandInAccountState): Promise<StandInAccount> {
  const [sts, iam, sns, sms] = await Promise.all([
    startLocalSnsEndpoint({ actions: stsActions(state), xmlNamespace: NAMESPACES.sts }),
    startLocalSnsEndpoint({ actions: iamActions(state), xmlNamespace: NAMESPACES.iam }),
    startLocalSnsEndpoint({ actions: snsActions(state), xmlNamespace: NAMESPACES.sns }),
    startLocalSnsEndpoint({ actions: smsActions(state) }),
  ]);
  const services: [string, LocalSnsEndpoint][] = [
    ["sts", sts],
    ["iam", iam],
    ["sns", sns],
    ["sms-voice", sms],
  ];
  return {
    state,
    env: {
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ENDPOINT_URL_IAM: iam.url,
      AWS_ENDPOINT_URL_SNS: sns.url,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sms.url,
      AWS_ACCESS_KEY_ID: "AKIASTANDINDOCTOR01",
      AWS_SECRET_ACCESS_KEY: "stand-in-secret-access-key",
      AWS_CONFIG_FILE: "/nonexistent/aws-config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    smsVoiceRequests: () =>
      sms.actionRequests.map((request) => ({
        action: request.action.startsWith(SMS_PREFIX) ? request.action.slice(SMS_PREFIX.length) : request.action,
        input: request.input,
      })),
    receivedActions: () =>
      services.flatMap(([service, endpoint]) =>
        endpoint.actions.map((action) => `${service}:${action.startsWith(SMS_PREFIX) ? action.slice(SMS_PREFIX.length) : action}`),
      ),
    close: async () => {
      await Promise.all(services.map(([, endpoint]) => endpoint.close()));
    },
  };
}
