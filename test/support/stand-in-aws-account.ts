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
 */
import { startLocalSnsEndpoint, xmlText, type EndpointFault, type LocalAction, type LocalSnsEndpoint } from "./local-sns-endpoint";

export interface StandInPhoneNumber {
  PhoneNumber: string;
  IsoCountryCode: string;
  NumberType: "TOLL_FREE" | "TEN_DLC" | "SHORT_CODE" | "LONG_CODE" | "SIMULATOR";
  Status: "ACTIVE" | "PENDING" | "ASSOCIATING" | "DISASSOCIATING" | "DELETED";
  NumberCapabilities: ("SMS" | "VOICE" | "MMS")[];
}

export interface StandInAccountState {
  accountId: string;
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
  /** The account-default protect configuration's SMS rules (country → ALLOW|BLOCK|MONITOR|FILTER); undefined = none. */
  defaultProtectRules: Record<string, string> | undefined;
  /** Faults by action name (e.g. "DescribeSpendLimits" or "GetCallerIdentity"), answered instead of the data. */
  faults: Record<string, EndpointFault>;
}

export const STAND_IN_ACCOUNT_ID = "123456789012";

/** A healthy production account: out of the sandbox, 100 USD a month, an active registered US toll-free number. */
export function healthyAccount(overrides: Partial<StandInAccountState> = {}): StandInAccountState {
  return {
    accountId: STAND_IN_ACCOUNT_ID,
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
    GetCallerIdentity: faultOr(state, "GetCallerIdentity", () => ({
      xml: `<Arn>${xmlText(state.callerArn)}</Arn><UserId>AROAEXAMPLE:doctor</UserId><Account>${state.accountId}</Account>`,
    })),
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
const PROTECT_ID = "protect-0123456789abcdef0123456789abcdef";

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
    DescribeProtectConfigurations: () => ({
      json: {
        ProtectConfigurations:
          state.defaultProtectRules === undefined
            ? []
            : [
                {
                  ProtectConfigurationArn: `arn:aws:sms-voice:us-east-1:${state.accountId}:protect-configuration/${PROTECT_ID}`,
                  ProtectConfigurationId: PROTECT_ID,
                  CreatedTimestamp: created,
                  AccountDefault: true,
                  DeletionProtectionEnabled: false,
                },
              ],
      },
    }),
    GetProtectConfigurationCountryRuleSet: ({ input }) => {
      if (input.ProtectConfigurationId !== PROTECT_ID || state.defaultProtectRules === undefined) {
        return { fault: { status: 404, code: "ResourceNotFoundException", message: "Protect configuration not found" } };
      }
      const rules = Object.fromEntries(
        Object.entries(state.defaultProtectRules).map(([country, status]) => [country, { ProtectStatus: status }]),
      );
      return {
        json: {
          ProtectConfigurationArn: `arn:aws:sms-voice:us-east-1:${state.accountId}:protect-configuration/${PROTECT_ID}`,
          ProtectConfigurationId: PROTECT_ID,
          NumberCapability: input.NumberCapability,
          CountryRuleSet: rules,
        },
      };
    },
  };
  return Object.fromEntries(Object.entries(actions).map(([name, action]) => [`${SMS_PREFIX}${name}`, faultOr(state, name, action)]));
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
    receivedActions: () =>
      services.flatMap(([service, endpoint]) =>
        endpoint.actions.map((action) => `${service}:${action.startsWith(SMS_PREFIX) ? action.slice(SMS_PREFIX.length) : action}`),
      ),
    close: async () => {
      await Promise.all(services.map(([, endpoint]) => endpoint.close()));
    },
  };
}
