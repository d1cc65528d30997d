/**
 * The account's SMS preferences and the alarms opt-in (infra/aws/sms-account-opt-ins.ts): the calls
 * terraform-provider-aws v6 makes for them, read in internal/service/sns/sms_preferences.go,
 * topic.go, topic_subscription.go, internal/service/cloudwatch/metric_alarm.go and
 * internal/provider/sdkv2/tags_interceptor.go.
 */
import type { ProviderCallRow } from "./provider-call-row";

const SMS_PREFERENCES = "aws:sns/smsPreferences:SmsPreferences";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

export const SMS_OPT_IN_CALLS: readonly ProviderCallRow[] = [
  {
    type: SMS_PREFERENCES,
    operations: ["create", "update", "delete"],
    actions: ["sns:SetSMSAttributes"],
    on: "inStackRegion",
    why: "writes the account's SMS attributes; the delete resets every one of them to its default",
    source: "internal/service/sns/sms_preferences.go resourceSMSPreferencesSet, resourceSMSPreferencesDelete",
  },
  {
    type: SMS_PREFERENCES,
    operations: ["read"],
    actions: ["sns:GetSMSAttributes"],
    on: "inStackRegion",
    why: "reads them",
    source: "internal/service/sns/sms_preferences.go resourceSMSPreferencesGet",
  },
  {
    type: SMS_PREFERENCES,
    operations: ["create", "update"],
    actions: ["iam:PassRole"],
    on: "deliveryStatusRole",
    when: { input: "deliveryStatusIamRoleArn", set: true },
    condition: { sid: "ToSnsOnly", test: { StringEquals: { "iam:PassedToService": "sns.amazonaws.com" } } },
    why: "SNS is handed the delivery-status role's ARN (AWS documents no PassRole check for SetSMSAttributes; allowed to SNS only, so a stricter check would not break a deploy)",
    source: "internal/service/sns/sms_preferences.go resourceSMSPreferencesSet (DeliveryStatusIAMRole)",
  },
  {
    type: TOPIC,
    operations: ["create"],
    actions: ["sns:CreateTopic"],
    on: "alarmTopic",
    why: "creates the topic, its tags in the same call",
    source: "internal/service/sns/topic.go resourceTopicCreate",
  },
  {
    type: TOPIC,
    operations: ["create", "update"],
    actions: ["sns:SetTopicAttributes"],
    on: "alarmTopic",
    why: "each attribute is one SetTopicAttributes call, on create as on update",
    source: "internal/service/sns/topic.go putTopicAttributes, putTopicAttribute",
  },
  {
    type: TOPIC,
    operations: ["create", "read", "update"],
    actions: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
    on: "alarmTopic",
    why: "the read; it sets no tags, so the tags interceptor lists them",
    source:
      "internal/service/sns/topic.go resourceTopicRead, findTopicAttributesByARN; internal/provider/sdkv2/tags_interceptor.go run (After Read: ListTags)",
  },
  {
    type: TOPIC,
    operations: ["update"],
    actions: ["sns:TagResource", "sns:UntagResource"],
    on: "alarmTopic",
    why: "tags changed in the program, or by hand (drift)",
    source: "internal/provider/sdkv2/tags_interceptor.go run (Before Update: UpdateTags); internal/service/sns/tags_gen.go",
  },
  {
    type: TOPIC,
    operations: ["delete"],
    actions: ["sns:DeleteTopic"],
    on: "alarmTopic",
    why: "deletes the topic",
    source: "internal/service/sns/topic.go resourceTopicDelete",
  },
  {
    type: SUBSCRIPTION,
    operations: ["create"],
    actions: ["sns:Subscribe"],
    on: "alarmTopic",
    why: "subscribes the address to the topic (email: no wait for its confirmation)",
    source: "internal/service/sns/topic_subscription.go resourceTopicSubscriptionCreate",
  },
  {
    type: SUBSCRIPTION,
    operations: ["create", "read", "update", "delete"],
    actions: ["sns:GetSubscriptionAttributes"],
    on: "alarmTopic",
    why: "the read, and the wait after Unsubscribe until the subscription is gone",
    source:
      "internal/service/sns/topic_subscription.go resourceTopicSubscriptionRead, waitSubscriptionDeleted, findSubscriptionAttributesByARN",
  },
  {
    type: SUBSCRIPTION,
    operations: ["update"],
    actions: ["sns:SetSubscriptionAttributes"],
    on: "alarmTopic",
    why: "one call per changed attribute",
    source: "internal/service/sns/topic_subscription.go resourceTopicSubscriptionUpdate, putSubscriptionAttribute",
  },
  {
    type: SUBSCRIPTION,
    operations: ["delete"],
    actions: ["sns:Unsubscribe"],
    on: "alarmTopic",
    why: "removes the subscription (one still pending confirmation cannot be removed and is left to expire)",
    source: "internal/service/sns/topic_subscription.go resourceTopicSubscriptionDelete",
  },
  {
    type: ALARM,
    operations: ["create", "update"],
    actions: ["cloudwatch:PutMetricAlarm"],
    on: "smsAlarms",
    why: "creates or rewrites the alarm, its tags in the create call",
    source: "internal/service/cloudwatch/metric_alarm.go resourceMetricAlarmCreate, resourceMetricAlarmUpdate",
  },
  {
    type: ALARM,
    operations: ["create", "read", "update"],
    actions: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    on: "smsAlarms",
    why: "the read; it sets no tags, so the tags interceptor lists them",
    source:
      "internal/service/cloudwatch/metric_alarm.go resourceMetricAlarmRead, findMetricAlarmByName; internal/provider/sdkv2/tags_interceptor.go run (After Read: ListTags)",
  },
  {
    type: ALARM,
    operations: ["update"],
    actions: ["cloudwatch:TagResource", "cloudwatch:UntagResource"],
    on: "smsAlarms",
    why: "tags changed in the program, or by hand (drift)",
    source: "internal/provider/sdkv2/tags_interceptor.go run (Before Update: UpdateTags); internal/service/cloudwatch/tags_gen.go",
  },
  {
    type: ALARM,
    operations: ["delete"],
    actions: ["cloudwatch:DeleteAlarms"],
    on: "smsAlarms",
    why: "deletes the alarm",
    source: "internal/service/cloudwatch/metric_alarm.go resourceMetricAlarmDelete",
  },
];
