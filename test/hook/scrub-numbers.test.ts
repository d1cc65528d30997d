import { describe, expect, it } from "vitest";
import { SCRUBBED_MARK, scrubPhoneNumbers } from "../../hook/scrub-numbers";

describe("scrubPhoneNumbers", () => {
  it.each([
    ["E.164 with +", "Invalid parameter: PhoneNumber Reason: +442071234567 is not valid", "442071234567"],
    ["digits only", "number 442071234567 opted out", "442071234567"],
    ["national, punctuated", "call (207) 123-4567 now", "123-4567"],
    ["dotted like an address but with +", "to +44.207.123.45", "+44.207.123.45"],
    ["dotted, too long for an address", "to 44.207.123.4567", "4567"],
    ["shortest number the sender accepts (calling code + 4 digits)", "to +2991234", "2991234"],
    ["five digits", "to 29912", "29912"],
  ])("hides a phone number: %s", (_case, text, hidden) => {
    const scrubbed = scrubPhoneNumbers(text);
    expect(scrubbed).toContain(SCRUBBED_MARK);
    expect(scrubbed).not.toContain(hidden);
  });

  it("hides every number of a message, not just the first", () => {
    expect(scrubPhoneNumbers("+14165550123 and +12125551234 opted out")).toBe(`${SCRUBBED_MARK} and ${SCRUBBED_MARK} opted out`);
  });

  it.each([
    ["IPv4 address and port", "connect ECONNREFUSED 127.0.0.1:9"],
    ["IPv4 address with a 5-digit port", "connect ECONNREFUSED 10.20.30.40:54321"],
    ["host name and port", "getaddrinfo ENOTFOUND sns.eu-west-2.amazonaws.com:443"],
    ["localhost and a 5-digit port", "connect ECONNREFUSED localhost:54321"],
    ["IPv6 loopback and port", "connect ECONNREFUSED [::1]:54321"],
    ["short numbers", "HTTP 400 after 3 attempt(s), 4500 ms"],
    ["a short dotted version", "SDK 3.1.2 failed"],
  ])("keeps what an operator needs: %s", (_case, text) => {
    expect(scrubPhoneNumbers(text)).toBe(text);
  });
});
