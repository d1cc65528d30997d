/**
 * Finds secrets the program let out of their wrapping. Every secret the plan hands the program
 * (a `secure:` config value, a provider's secret output) is a placeholder starting with
 * SECRET_PLACEHOLDER_PREFIX; wherever that text shows up as plain data, the program would have
 * written the real secret in plain text into state, a resource or a log.
 */
import { SECRET_PLACEHOLDER_PREFIX } from "../infra/config/validate-config";
import { isPlanMarker, type Plan, type PlanDiagnostic, type PlanValue } from "./plan-model";

function leakedPaths(value: PlanValue, path: string): string[] {
  if (typeof value === "string") return value.includes(SECRET_PLACEHOLDER_PREFIX) ? [path] : [];
  if (value === null || typeof value !== "object" || isPlanMarker(value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => leakedPaths(item, `${path}[${index}]`));
  return Object.entries(value).flatMap(([key, item]) => leakedPaths(item, path === "" ? key : `${path}.${key}`));
}

/** One warning per place a secret appears unwrapped. */
export function findPlaintextSecrets(plan: Plan): PlanDiagnostic[] {
  const warnings: PlanDiagnostic[] = [];
  const warn = (where: string, urn?: string): void => {
    warnings.push({
      severity: "warning",
      message: `a secret reaches ${where} as plain text: the program unwraps a secret (pulumi.secret/getSecret keep it wrapped)`,
      ...(urn === undefined ? {} : { urn }),
    });
  };
  for (const resource of plan.resources) {
    for (const path of leakedPaths(resource.inputs, "")) warn(`input ${path} of ${resource.name}`, resource.urn);
    for (const path of leakedPaths(resource.outputs ?? {}, "")) warn(`output ${path} of ${resource.name}`, resource.urn);
  }
  for (const path of leakedPaths(plan.outputs, "")) warn(`stack output ${path}`);
  for (const diagnostic of plan.diagnostics) {
    if (diagnostic.message.includes(SECRET_PLACEHOLDER_PREFIX)) warn(`a ${diagnostic.severity} message the program logged`);
  }
  return warnings;
}
