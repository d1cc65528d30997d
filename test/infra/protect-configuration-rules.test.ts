/**
 * The protect configuration's country rules (infra/aws/protect-configuration-rules.ts): the rule of each
 * country, what an update writes, the 300-country batches of UpdateProtectConfigurationCountryRuleSet
 * (https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_UpdateProtectConfigurationCountryRuleSet.html:
 * "Map Entries: Maximum number of 300 items"), and the refusal of a default the stack does not own.
 */
import { describe, expect, it } from "vitest";
import {
  countryRule,
  countryRules,
  foreignDefaultProblem,
  MAX_COUNTRY_RULE_UPDATES,
  ruleSetUpdates,
  updateBatches,
} from "../../infra/aws/protect-configuration-rules";

describe("countryRule / countryRules", () => {
  it("gives the allowed countries the chosen status and every other country BLOCK", () => {
    expect(countryRules(["US", "NG", "CA", "GB"], ["US", "CA"], "MONITOR")).toEqual({
      CA: "MONITOR",
      GB: "BLOCK",
      NG: "BLOCK",
      US: "MONITOR",
    });
    expect(Object.keys(countryRules(["US", "NG", "CA"], ["US"], "ALLOW"))).toEqual(["CA", "NG", "US"]);
  });

  it("with no allowed country (no restriction) gives every country the chosen status", () => {
    expect(countryRule("NG", [], "FILTER")).toBe("FILTER");
    expect(countryRules(["US", "NG"], [], "ALLOW")).toEqual({ NG: "ALLOW", US: "ALLOW" });
  });
});

describe("ruleSetUpdates", () => {
  it("writes only the countries whose rule differs, over the countries the configuration lists", () => {
    const current = { CA: "ALLOW", GB: "ALLOW", NG: "BLOCK", US: "ALLOW" };
    expect(ruleSetUpdates(current, ["US", "CA"], "ALLOW")).toEqual({ GB: "BLOCK" });
    expect(ruleSetUpdates(current, ["US", "CA"], "MONITOR")).toEqual({ CA: "MONITOR", GB: "BLOCK", US: "MONITOR" });
    // A country the stack allows that the configuration does not list is not written (the API would refuse it).
    expect(ruleSetUpdates({ US: "ALLOW" }, ["US", "ZZ"], "ALLOW")).toEqual({});
  });
});

describe("updateBatches", () => {
  it("splits into calls of at most 300 countries, alphabetically; none when nothing changes", () => {
    expect(MAX_COUNTRY_RULE_UPDATES).toBe(300);
    const updates = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`C${String(i).padStart(3, "0")}`, "BLOCK" as const]));
    const batches = updateBatches(updates);
    expect(batches.map((batch) => Object.keys(batch).length)).toEqual([300, 1]);
    expect(Object.keys(batches[1] ?? {})).toEqual(["C300"]);
    expect(updateBatches({})).toEqual([]);
    expect(updateBatches({ US: "BLOCK", CA: "ALLOW", GB: "BLOCK" }, 2)).toEqual([{ CA: "ALLOW", GB: "BLOCK" }, { US: "BLOCK" }]);
    expect(() => updateBatches({ US: "BLOCK" }, 0)).toThrow(/max must be a positive integer/);
  });
});

describe("foreignDefaultProblem", () => {
  it("accepts no default or the stack's own, and refuses any other naming it and the way out", () => {
    expect(foreignDefaultProblem(undefined, undefined, "us-east-1")).toBeUndefined();
    expect(foreignDefaultProblem("protect-own", "protect-own", "us-east-1")).toBeUndefined();
    const problem = foreignDefaultProblem("protect-other", "protect-own", "eu-west-1") ?? "";
    expect(problem).toMatch(/^protectConfigurationEnabled: the account's default protect configuration in eu-west-1 is protect-other, /);
    expect(problem).toContain("delete-account-default-protect-configuration --region eu-west-1");
    expect(problem).toContain("set protectConfigurationEnabled to false");
    expect(foreignDefaultProblem("protect-other", undefined, "eu-west-1")).toBe(problem);
  });
});
