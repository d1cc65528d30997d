/**
 * The monitoring rule judged by implementations that are not ours (moto 5's, through
 * test/support/moto_judge.py): its event pattern against events shaped like Auth0's EventBridge
 * envelope (`detail-type: "Auth0 log"`, the log under `detail.data`; https://auth0.com/docs/customize/log-streams/amazon-eventbridge),
 * the target's input transformer applied to each taken event, and the metric filters against the
 * message the target writes. Skipped, with the reason, when moto is not installed.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import {
  LOG_LINE_TRANSFORMER,
  logLineFilters,
  OUTCOME_METRICS,
  SMS_MFA_LOG_TYPES,
  smsMfaEventPattern,
} from "../../infra/aws/monitoring-definitions";

const SOURCE = "aws.partner/auth0.com/example-tenant-2f1d5c36-0c6a-4d5e-9a43-5f0e1d2c3b4a/auth0.logs";
const PHONE = "+14155550123";

/** An Auth0 log as Auth0 puts it on the partner event bus, with the phone number where Auth0 writes it. */
function auth0Event(type: string, details: Record<string, unknown> = {}, source = SOURCE): Record<string, unknown> {
  return {
    version: "0",
    id: `evt-${type}`,
    "detail-type": "Auth0 log",
    source,
    account: "123456789012",
    time: "2026-12-07T10:00:00Z",
    "ingestion-time": "2026-12-07T10:00:01Z",
    region: "us-east-1",
    resources: [],
    detail: {
      log_id: `9002026${type}`,
      data: {
        date: "2026-12-07T10:00:00.000Z",
        type,
        description: `${type} for ${PHONE}`,
        client_id: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww",
        client_name: "Example App",
        ip: "203.0.113.7",
        user_id: "auth0|5f7c8ec7c33c6c004bbafe82",
        details: { to: PHONE, phone_number: PHONE, ...details },
        log_id: `9002026${type}`,
      },
    },
  };
}

interface Judged {
  results: { matched: boolean; written: { timestamp: string; message: string } | null; filters: string[] }[];
  filterKinds: string[];
}

const filters = logLineFilters();

function judge(events: Record<string, unknown>[]): Judged | string {
  const request = JSON.stringify({
    pattern: smsMfaEventPattern(),
    transformer: LOG_LINE_TRANSFORMER,
    filters: filters.map((f) => f.pattern),
    events,
  });
  const run = spawnSync("python3", [path.join(__dirname, "..", "support", "moto_judge.py")], { input: request, encoding: "utf8" });
  if (run.error !== undefined || run.status === 3)
    return "moto (Python 3, pip install moto) is not installed: the moto judgement is skipped";
  if (run.status !== 0) throw new Error(`moto_judge.py exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Judged;
}

const TAKEN = Object.values(SMS_MFA_LOG_TYPES).flat();
const UNRELATED = ["s", "f", "seacft", "sapi", "ss", "gd_enrollment_complete"];
const events = [
  ...TAKEN.map((type) => auth0Event(type, type === "actions_execution_failed" ? { error_class: "action_error" } : {})),
  ...UNRELATED.map((type) => auth0Event(type)),
  auth0Event("gd_send_sms_failure", {}, "aws.partner/example.com/other/logs"),
];
const verdict = judge(events);

describe("moto's EventBridge and CloudWatch Logs matchers", () => {
  test("the rule takes every MFA SMS failure, send and rate limit, and nothing else", (context) => {
    if (typeof verdict === "string") return context.skip(verdict);
    const taken = events
      .filter((_, index) => verdict.results[index]?.matched)
      .map((event) => (event.detail as { data: { type: string } }).data.type);
    expect(taken).toEqual(TAKEN);
    for (const type of ["gd_send_sms_failure", "actions_execution_failed", "gd_otp_rate_limit_exceed", "limit_phone"])
      expect(taken).toContain(type);
  });

  test("the target writes one line per event with the type, error class, client and log id, and no phone number", (context) => {
    if (typeof verdict === "string") return context.skip(verdict);
    const written = verdict.results.flatMap((result) => (result.written === null ? [] : [result.written]));
    expect(written).toHaveLength(TAKEN.length);
    const digits = PHONE.slice(1);
    for (const line of written) {
      expect(JSON.stringify(line)).not.toContain(digits);
      expect(JSON.stringify(line)).not.toContain(digits.slice(-7));
      expect(line.timestamp).toBe("2026-12-07T10:00:00Z");
    }
    const actionFailure = written[TAKEN.indexOf("actions_execution_failed")];
    expect(actionFailure?.message).toBe(
      "auth0-log type=actions_execution_failed; error_class=action_error; client=AaiyAPdpYdesoKnqjj8HJqRn4T5titww; log_id=9002026actions_execution_failed;",
    );
  });

  test("each metric filter counts the lines of its outcome only (gd_send_sms never counts gd_send_sms_failure)", (context) => {
    if (typeof verdict === "string") return context.skip(verdict);
    // moto parsed every filter as a quoted term, which it matches as CloudWatch Logs does (not as "unsupported: matches all").
    expect(new Set(verdict.filterKinds)).toEqual(new Set(["QuotedTermFilterPattern"]));
    const metricOf = new Map(filters.map((filter) => [filter.pattern, filter.metricName]));
    const counted = TAKEN.map((type, index) => [type, (verdict.results[index]?.filters ?? []).map((pattern) => metricOf.get(pattern))]);
    expect(Object.fromEntries(counted)).toEqual({
      gd_send_sms: [OUTCOME_METRICS.sent],
      gd_send_sms_failure: [OUTCOME_METRICS.failed],
      actions_execution_failed: [OUTCOME_METRICS.failed],
      gd_start_enroll_failed: [OUTCOME_METRICS.failed],
      gd_otp_rate_limit_exceed: [OUTCOME_METRICS.rateLimited],
      limit_phone: [OUTCOME_METRICS.rateLimited],
      api_limit: [OUTCOME_METRICS.rateLimited],
      gd_auth_failed: [],
    });
  });
});
