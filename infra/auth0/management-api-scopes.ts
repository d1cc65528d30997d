/**
 * The Management API scopes a stack needs so that no `pulumi up`, `pulumi refresh` or `pulumi destroy`
 * stops on a missing scope, derived from the calls of management-api-calls.ts: every scope of every
 * call of every operation Pulumi may run on each resource type the stack holds or may still hold.
 */
import { AUTH0_TYPES as T, MANAGEMENT_API_CALLS, OPERATIONS, type ManagementApiCall, type Operation } from "./management-api-calls";

/** What changes the set: the phone experience the stack deploys, and the monitoring opt-in (an Auth0 log stream). */
export interface ScopeVariant {
  experience: "classic" | "unified";
  /** The monitoring opt-in is on (the stack manages an auth0.LogStream). Default off. */
  monitoring?: boolean;
}

export interface PlannedResource {
  resource: string;
  operations: readonly Operation[];
  /** Why a stack of this variant runs these operations on it. */
  why: string;
}

const READ_AND_DELETE: readonly Operation[] = ["read", "delete"];

/**
 * The resource types a stack of this variant holds, or may still hold from an earlier configuration,
 * and the operations Pulumi may run on each. A classic stack may have been unified: its update deletes
 * the phone provider and templates (after a refresh reads them), so it keeps their read and delete; so
 * does every stack for the log stream, which turning monitoring off deletes.
 * Push is not part of the variant: push turned on in the Dashboard makes Guardian read it too.
 */
export function plannedResources(variant: ScopeVariant): PlannedResource[] {
  const planned: PlannedResource[] = [
    { resource: T.getTenant, operations: ["read"], why: "every run, previews too" },
    { resource: T.tenantFlagRead, operations: ["read"], why: "every run where getTenant reads the flag as false" },
    { resource: T.action, operations: OPERATIONS, why: "the sender" },
    { resource: T.triggerActions, operations: OPERATIONS, why: "its binding" },
    { resource: T.guardian, operations: OPERATIONS, why: "the MFA switch and every factor" },
  ];
  const unified = variant.experience === "unified";
  for (const resource of [T.phoneProvider, T.phoneTemplate]) {
    planned.push(
      unified
        ? { resource, operations: OPERATIONS, why: "unified" }
        : { resource, operations: READ_AND_DELETE, why: "a unified stack switching to classic deletes them" },
    );
  }
  planned.push(
    variant.monitoring === true
      ? { resource: T.logStream, operations: OPERATIONS, why: "monitoring" }
      : { resource: T.logStream, operations: READ_AND_DELETE, why: "turning monitoring off deletes the stream" },
  );
  return planned;
}

/** The calls a stack of this variant may make: every call of every planned operation. */
export function plannedCalls(variant: ScopeVariant): ManagementApiCall[] {
  return plannedResources(variant).flatMap(({ resource, operations }) =>
    MANAGEMENT_API_CALLS.filter((call) => call.resource === resource && operations.includes(call.operation)),
  );
}

/** The scopes `pulumi up`, `refresh` and `destroy` need for a stack of this variant, sorted. */
export function requiredScopes(variant: ScopeVariant): string[] {
  return [...new Set(plannedCalls(variant).map((call) => call.scope))].sort();
}
