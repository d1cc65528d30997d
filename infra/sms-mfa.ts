/**
 * SMS MFA for one Auth0 tenant through Amazon SNS, as one Pulumi component: the AWS side (SmsSender),
 * the tenant side (TenantSmsMfa) and, opted in, SmsMonitoring. Every child and provider function runs on
 * the instance's `providers`; children are named `<name>-<role>`, physical names derive from
 * `deploymentName`, which two instances of one program may not share (docs/component.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { buildAction, type ActionTrigger, type BuiltAction } from "./auth0/action-bundle";
import { actionTriggerFor, TenantSmsMfa } from "./auth0/tenant-sms-mfa";
import { iamNameProblems } from "./aws/aws-resource-names";
import { claimDeploymentName } from "./program-claims";
import { CONFIG_KEYS } from "./config/config-keys";
import { protectedCountries } from "./aws/protect-configuration-rules";
import { SmsSender } from "./aws/sms-sender";
import { DEFAULT_MESSAGE_TEMPLATES, localizedTemplates } from "./messages/message-templates";
import { SmsMonitoring } from "./sms-monitoring";
import { senderActionSecrets } from "./auth0/sender-action-secrets";
import type { SmsAlarmInputs } from "./aws/sms-account-opt-ins";
import { guardianFactors } from "./config/stack-config-types";
import type {
  GuardianFactors,
  LocalizedMessages,
  MfaPolicy,
  PhoneExperience,
  ProtectConfigurationSettings,
  SmsPreferencesSettings,
} from "./config/stack-config-types";

/** The arguments of SmsMfa. Each line: meaning. Default: … */
export interface SmsMfaArgs {
  /** Base of the physical names: IAM user `auth0-sms-sender-<d>`, IAM path `/auth0-sns-mfa/<d>/`, Action `sns-sms-sender-<d>-<trigger>`, the Stack tag. Default: the component's name. */
  deploymentName?: string;
  /** AWS region the sender publishes SMS in and the IAM policy allows publishing in. Default: none (required). */
  region: string;
  /** How the tenant sends MFA SMS: "classic" (Guardian phone factor, send-phone-message Action) or "unified" (custom phone provider). Default: none (required). */
  phoneExperience: PhoneExperience;
  /** When Auth0 asks for MFA: "all-applications", "confidence-score" or "never". Default: "all-applications". */
  mfaPolicy?: MfaPolicy;
  /** The other MFA factors the tenant-wide Guardian settings enable; each is sent, an off one as `enabled: false`, and Duo is always off. Default: otp and recoveryCode on, the others off. */
  factors?: GuardianFactors;
  /** The text sent when a phone is enrolled, with the `{{code}}` placeholder. Default: Auth0's own text for the experience. */
  enrollmentMessage?: string;
  /** The text sent at each MFA challenge, with the `{{code}}` placeholder. Default: Auth0's own text for the experience. */
  verificationMessage?: string;
  /** Texts for other languages by language tag (e.g. `fr`), picked by the request's locale. Default: none. */
  localizedMessages?: LocalizedMessages;
  /** ISO 3166-1 alpha-2 codes of the countries the sender may text; empty allows all. Default: []. */
  allowedCountries?: string[];
  /** Alphanumeric sender ID shown on the phone (at most 11 letters and digits, where the country supports it). Default: none. */
  senderId?: pulumi.Input<string>;
  /** E.164 number to send from (registered in AWS End User Messaging). Default: none (AWS chooses). */
  originationNumber?: string;
  /** Highest price in USD SNS may pay for one SMS (a decimal string, e.g. "0.50"). Default: no cap. */
  maxPriceUsd?: string;
  /** Generation of the sender's access key; raising it rotates the key without a gap. Default: 1. */
  accessKeyGeneration?: number;
  /** Protect the IAM user, its policy, the Action, its binding and the MFA settings from deletion. Default: false. */
  protect?: boolean;
  /** Manage the AWS account's SMS preferences in `region` (one set per account and region: one instance only). Default: not managed. */
  smsPreferences?: SmsPreferencesSettings;
  /** CloudWatch alarms on failed SMS and month-to-date spend, emailed to `email`. Default: no alarms. */
  alarms?: SmsAlarmInputs;
  /** Manage the account-default protect configuration of AWS End User Messaging SMS in `region`: allowedCountries get `allowedCountryStatus`, every other country BLOCK, for every SMS the account sends there (one instance per account and region). Default: not managed. */
  protectConfiguration?: ProtectConfigurationSettings;
  /** Stream the tenant's MFA SMS log events into the AWS account and `region` (Auth0 log stream, EventBridge, CloudWatch Logs), count them, alarm on Auth0-side failures with `alarms`, and draw one dashboard of both sides; one instance per tenant. Default: false. */
  monitoring?: boolean;
  /** Builds the sender Action's code for a trigger. Default: the esbuild bundle of hook/. */
  buildAction?: (trigger: ActionTrigger) => Promise<BuiltAction>;
}

export class SmsMfa extends pulumi.ComponentResource {
  /** ARN of the sender IAM user. */
  readonly senderUserArn: pulumi.Output<string>;
  /** Name of the sender IAM user. */
  readonly senderUserName: pulumi.Output<string>;
  /** ID of the sender's current access key. */
  readonly accessKeyId: pulumi.Output<string>;
  /** Secret access key of the sender's current key (a secret output). */
  readonly senderSecretAccessKey: pulumi.Output<string>;
  /** ID of the sender Action in the tenant. */
  readonly actionId: pulumi.Output<string>;
  /** Name of the sender Action in the tenant. */
  readonly actionName: pulumi.Output<string>;
  /** ID of the account-default protect configuration, when `protectConfiguration` is set (undefined otherwise). */
  readonly protectConfigurationId: pulumi.Output<string> | undefined;
  /** Console URL of the monitoring dashboard, when `monitoring` is on (undefined otherwise). */
  readonly dashboardUrl: pulumi.Output<string> | undefined;
  /** The partner event source of the tenant's log stream, which the monitoring bus is named after, when `monitoring` is on. */
  readonly logEventSourceName: pulumi.Output<string> | undefined;

  /** An argument left out means what its unset configuration key means (config-keys.ts); deploymentName's default is `name`. */
  constructor(name: string, args: SmsMfaArgs, opts?: pulumi.ComponentResourceOptions) {
    const deploymentName = args.deploymentName ?? name;
    // Every way the names break AWS's rules, before anything is registered.
    const problems = iamNameProblems(deploymentName, args.deploymentName === undefined ? `SmsMfa "${name}"` : "deploymentName");
    if (problems.length > 0) throw new Error(`SmsMfa "${name}": ${problems.join("; ")}`);
    // Before anything is registered: a second instance with this deploymentName would collide on every physical name.
    const duplicate = claimDeploymentName(deploymentName, name);
    if (duplicate !== undefined) throw new Error(duplicate);
    const allowedCountries = args.allowedCountries ?? [...CONFIG_KEYS.allowedCountries.default];
    // The protect configuration's rules compare countries as the Action reads them (uppercase); refused before anything is registered.
    const protectRules = args.protectConfiguration && protectedCountries(allowedCountries, args.protectConfiguration.allowedCountryStatus);
    if (protectRules && protectRules.problems.length > 0) throw new Error(`SmsMfa "${name}": ${protectRules.problems.join("; ")}`);
    super("auth0-sns-mfa:index:SmsMfa", name, {}, opts);
    const common = { instanceName: name, deploymentName };
    const protect = args.protect ?? CONFIG_KEYS.protect.default;
    const defaults = DEFAULT_MESSAGE_TEMPLATES[args.phoneExperience];
    const templates = localizedTemplates(
      {
        enrollmentMessage: args.enrollmentMessage ?? defaults.enrollmentMessage,
        verificationMessage: args.verificationMessage ?? defaults.verificationMessage,
      },
      args.localizedMessages ?? {},
    );

    const aws = new SmsSender(
      `${name}-aws`,
      {
        ...common,
        region: args.region,
        accessKeyGeneration: args.accessKeyGeneration ?? CONFIG_KEYS.accessKeyGeneration.default,
        protect,
        smsPreferences: args.smsPreferences,
        alarms: args.alarms,
        senderId: args.senderId,
        protectConfiguration: args.protectConfiguration,
        allowedCountries: protectRules ? protectRules.countries : allowedCountries,
      },
      { parent: this },
    );
    const auth0 = new TenantSmsMfa(
      `${name}-auth0`,
      {
        ...common,
        phoneExperience: args.phoneExperience,
        mfaPolicy: args.mfaPolicy ?? CONFIG_KEYS.mfaPolicy.default,
        factors: args.factors ?? guardianFactors((key) => CONFIG_KEYS[key].default === true),
        enrollmentMessage: templates.enrollmentMessage,
        verificationMessage: templates.verificationMessage,
        action: (args.buildAction ?? buildAction)(actionTriggerFor(args.phoneExperience)),
        secrets: senderActionSecrets({
          region: args.region,
          accessKeyId: aws.accessKeyId,
          secretAccessKey: aws.secretAccessKey,
          sender: {
            allowedCountries,
            senderId: args.senderId,
            originationNumber: args.originationNumber,
            maxPriceUsd: args.maxPriceUsd,
          },
        }),
        protect,
      },
      { parent: this },
    );

    if (args.monitoring ?? CONFIG_KEYS.monitoringEnabled.default) {
      const alarms = aws.alarms && args.alarms && { ...aws.alarms, failedSmsThreshold: args.alarms.failedSmsThreshold };
      const monthlySpendLimitUsd = args.smsPreferences?.monthlySpendLimitUsd;
      const monitoring = new SmsMonitoring(
        `${name}-monitoring`,
        { ...common, region: args.region, protect, alarms, monthlySpendLimitUsd },
        { parent: this },
      );
      this.dashboardUrl = monitoring.dashboardUrl;
      this.logEventSourceName = monitoring.eventBusName;
    }

    this.senderUserArn = aws.userArn;
    this.senderUserName = aws.userName;
    this.accessKeyId = aws.accessKeyId;
    this.senderSecretAccessKey = aws.secretAccessKey;
    this.actionId = auth0.actionId;
    this.actionName = auth0.actionName;
    this.protectConfigurationId = aws.protectConfigurationId;
    this.registerOutputs({
      senderUserArn: this.senderUserArn,
      senderUserName: this.senderUserName,
      accessKeyId: this.accessKeyId,
      senderSecretAccessKey: this.senderSecretAccessKey,
      actionId: this.actionId,
      actionName: this.actionName,
      protectConfigurationId: this.protectConfigurationId,
      dashboardUrl: this.dashboardUrl,
      logEventSourceName: this.logEventSourceName,
    });
  }
}
