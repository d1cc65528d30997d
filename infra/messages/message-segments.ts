/**
 * The one-segment rule, checked before anything is created: every MFA text, rendered with the longest
 * code Auth0 sends and the tenant's friendly name, must fit one SMS segment (160 GSM-7 septets, or
 * 70 UCS-2 code units once any character is outside GSM-7). A text whose length cannot be known
 * before sending (Liquid markup other than the code and the friendly name) is refused too.
 */
import { SEGMENT_CAPACITY, segmentSms } from "../../hook/sms-segments";
import { LONGEST_CODE, renderForMeasure, unmeasurableMarkup } from "./message-templates";
import type { MessageKind, PhoneExperience, StackConfig } from "../config/stack-config-types";
import { HIDDEN_SECRET_VALUE, StackConfigError } from "../config/validate-config";

/**
 * Stand-in for the tenant's friendly name until the program reads it from the tenant: texts are
 * measured with this 30-character name. A longer real name leaves less room in each text.
 */
export const FRIENDLY_NAME_STAND_IN = "Example Corporation Sign-In US";

/** The parts of a StackConfig the rule reads. */
export type MeasuredConfig = Pick<
  StackConfig,
  "phoneExperience" | "enrollmentMessage" | "verificationMessage" | "localizedMessages" | "secretKeys"
>;

interface MeasuredText {
  /** The config key that holds the text, e.g. `enrollmentMessage` or `localizedMessages`. */
  key: string;
  /** `default` or the language tag. */
  language: string;
  kind: MessageKind;
  text: string;
}

function textsOf(config: Pick<StackConfig, "enrollmentMessage" | "verificationMessage" | "localizedMessages">): MeasuredText[] {
  const texts: MeasuredText[] = [
    { key: "enrollmentMessage", language: "default", kind: "enrollment", text: config.enrollmentMessage },
    { key: "verificationMessage", language: "default", kind: "verification", text: config.verificationMessage },
  ];
  for (const [language, messages] of Object.entries(config.localizedMessages)) {
    texts.push({ key: "localizedMessages", language, kind: "enrollment", text: messages.enrollment });
    texts.push({ key: "localizedMessages", language, kind: "verification", text: messages.verification });
  }
  return texts;
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Problems of one text, each naming its key, language and message; empty when it fits one segment. */
function problemsOf(measured: MeasuredText, experience: PhoneExperience, friendlyName: string, secret: boolean): string[] {
  const where = `${measured.key}: ${measured.language} ${measured.kind} message`;
  const unknown = unmeasurableMarkup(measured.text, experience);
  if (unknown.length > 0) {
    return unknown.map(
      ({ markup, hint }) =>
        `${where} uses ${secret ? "Liquid markup" : markup}, whose length is unknown before sending; only {{code}} and the tenant's friendly name can be measured` +
        (hint === undefined ? "" : ` (${hint})`),
    );
  }
  const rendered = renderForMeasure(measured.text, experience, friendlyName);
  const { encoding, length, segments, forcedBy } = segmentSms(rendered);
  const limit = SEGMENT_CAPACITY[encoding].single;
  if (segments === 1) return [];
  const unit = encoding === "GSM-7" ? "septets" : "UTF-16 code units";
  const inText = forcedBy !== undefined && measured.text.includes(forcedBy);
  const culprit = forcedBy === undefined ? "" : secret && inText ? HIDDEN_SECRET_VALUE : `"${forcedBy}" (${codePoint(forcedBy)})`;
  const cause =
    forcedBy === undefined
      ? ""
      : `; UCS-2 because of ${culprit}${inText ? "" : " in the tenant's friendly name"}, without it the limit is 160`;
  return [
    `${where} is ${length} ${unit} in ${encoding} with a ${friendlyName.length}-character friendly name and a ${LONGEST_CODE.length}-digit code, ` +
      `over the ${limit} of one SMS segment (it would be ${segments} SMS)${cause}`,
  ];
}

/** Every one-segment problem of the stack's texts (default and localized), for `experience`. */
export function oneSegmentProblems(config: MeasuredConfig, friendlyName: string): string[] {
  const secret = new Set<string>(config.secretKeys);
  return textsOf(config).flatMap((measured) => problemsOf(measured, config.phoneExperience, friendlyName, secret.has(measured.key)));
}

/** Throws a StackConfigError listing every text that does not fit one SMS segment. */
export function assertMessagesFitOneSegment(config: MeasuredConfig, friendlyName: string): void {
  const problems = oneSegmentProblems(config, friendlyName);
  if (problems.length > 0) throw new StackConfigError(problems);
}
