/**
 * Pulumi's wire format for resource properties (the JSON inside a protobuf Struct) and its reduction
 * to plan values. The signatures are those of @pulumi/pulumi runtime/rpc: a secret is
 * `{ [sigKey]: secretSig, value }`, an unknown is the unknownValue string, and so on.
 */
import type { PlanObject, PlanValue } from "./plan-model";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A property value as it travels over gRPC. */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };
export type WireObject = Record<string, WireValue>;

function isWireObject(value: WireValue | undefined): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Wraps a value as a secret, as the engine does for additionalSecretOutputs. */
export function wireSecret(value: WireValue): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isWireSecret(value: WireValue | undefined): boolean {
  return isWireObject(value) && value[SIG_KEY] === SECRET_SIG;
}

function describeAsset(value: WireObject, kind: "asset" | "archive"): string {
  if (typeof value["path"] === "string") return `${kind}(file ${value["path"]})`;
  if (typeof value["uri"] === "string") return `${kind}(uri ${value["uri"]})`;
  if (typeof value["text"] === "string") return `${kind}(text, ${value["text"].length} chars)`;
  if (isWireObject(value["assets"])) return `${kind}(${Object.keys(value["assets"]).length} entries)`;
  return kind;
}

/**
 * Reduces a wire value to a plan value. A secret becomes a bare marker: its content is dropped here
 * and never reaches the plan.
 */
export function toPlanValue(value: WireValue | undefined): PlanValue {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN_VALUE) return { $plan: "unknown" };
  if (Array.isArray(value)) return value.map((item) => toPlanValue(item));
  if (!isWireObject(value)) return value;
  switch (value[SIG_KEY]) {
    case SECRET_SIG:
      return { $plan: "secret" };
    case RESOURCE_SIG:
      return { $plan: "resource", urn: typeof value["urn"] === "string" ? value["urn"] : "" };
    case OUTPUT_VALUE_SIG:
      if (value["secret"] === true) return { $plan: "secret" };
      return "value" in value ? toPlanValue(value["value"]) : { $plan: "unknown" };
    case ASSET_SIG:
      return { $plan: "asset", description: describeAsset(value, "asset") };
    case ARCHIVE_SIG:
      return { $plan: "archive", description: describeAsset(value, "archive") };
    default:
      return toPlanObject(value);
  }
}

export function toPlanObject(value: WireObject | undefined): PlanObject {
  const result: PlanObject = {};
  for (const [key, item] of Object.entries(value ?? {})) result[key] = toPlanValue(item);
  return result;
}

/** The plain string inside a wire value, looking through secrets; undefined if not a known string. */
export function wireString(value: WireValue | undefined): string | undefined {
  if (typeof value === "string") return value === UNKNOWN_VALUE ? undefined : value;
  if (isWireObject(value) && value[SIG_KEY] === SECRET_SIG) return wireString(value["value"]);
  return undefined;
}
