/**
 * The ResourceMonitor gRPC service the Pulumi engine offers a program (pulumi/resource.proto), answered
 * offline: every registration is recorded for the plan and answered like Pulumi's mocks answer it
 * (outputs echo the inputs, plus a plausible id and ARN). Secrets stay wrapped as secrets in both
 * directions; additionalSecretOutputs are wrapped as the engine wraps them.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { IResourceMonitorServer } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Alias } from "@pulumi/pulumi/proto/alias_pb";
import { INVOKE_ANSWERS } from "./invoke-answers";
import { mockAnswer, type MockContext } from "./mock-outputs";
import type { PlannedResource, PlannedResourceOptions } from "./plan-model";
import type { PlanRecorder } from "./plan-recorder";
import { isWireSecret, toPlanObject, UNKNOWN_VALUE, wireSecret, wireString, type WireObject } from "./property-values";

/** Features the SDK asks about (settings.awaitFeatureSupport) and what this monitor answers. */
export const SUPPORTED_FEATURES: Readonly<Record<string, boolean>> = {
  secrets: true,
  resourceReferences: true,
  outputValues: true,
  deletedWith: true,
  replaceWith: true,
  aliasSpecs: true,
  // Transforms run as callbacks into the program; this monitor does not call back, so the SDK
  // reports "does not support transforms" instead of a plan that silently skipped them.
  transforms: false,
  invokeTransforms: false,
  parameterization: true,
  // Hooks are recorded and shown; none runs, as nothing is created.
  resourceHooks: true,
  errorHooks: true,
};

const FEATURE_IDS: Readonly<Record<string, resproto.ResourceMonitorFeature>> = {
  secrets: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
  resourceReferences: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
  outputValues: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES,
  deletedWith: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
  replaceWith: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_REPLACE_WITH,
  aliasSpecs: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
  transforms: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_TRANSFORMS,
  invokeTransforms: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS,
  parameterization: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
  resourceHooks: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_HOOKS,
  errorHooks: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ERROR_HOOKS,
};

/**
 * SUPPORTED_FEATURES as GetDeploymentInfo advertises them: current SDKs read the set from there and
 * probe SupportsFeature only when a monitor does not implement GetDeploymentInfo. Features not listed
 * (byte strings, output values in invokes...) stay off, so the SDK keeps the wire format above.
 */
export function advertisedFeatures(): resproto.ResourceMonitorFeature[] {
  return Object.entries(SUPPORTED_FEATURES).flatMap(([id, supported]) => {
    const feature = FEATURE_IDS[id];
    if (feature === undefined) throw new Error(`plan/resource-monitor.ts: no ResourceMonitorFeature for feature ${id}`);
    return supported ? [feature] : [];
  });
}

interface StoredState {
  urn: string;
  id: string;
  state: WireObject;
}

function wireObject(struct: Struct | undefined): WireObject {
  return (struct?.toJavaScript() ?? {}) as WireObject;
}

function toStruct(object: WireObject): Struct {
  return Struct.fromJavaScript(object as Parameters<typeof Struct.fromJavaScript>[0]);
}

function grpcError(code: grpc.status, error: unknown): Partial<grpc.ServiceError> {
  return { code, details: error instanceof Error ? error.message : String(error) };
}

/**
 * Echoed inputs + computed outputs, with the requested outputs marked secret. An output the plan
 * cannot know (an access key's secret) is answered as a secret unknown, as the engine marks it.
 */
function mockOutputs(inputs: WireObject, computed: WireObject, additionalSecretOutputs: string[]): WireObject {
  const outputs: WireObject = { ...inputs, ...computed };
  for (const key of additionalSecretOutputs) {
    const value = outputs[key];
    if (!isWireSecret(value)) outputs[key] = wireSecret(value ?? UNKNOWN_VALUE);
  }
  return outputs;
}

function describeAlias(alias: Alias): string {
  if (alias.hasUrn()) return alias.getUrn();
  const spec = alias.getSpec();
  if (spec === undefined) return "";
  const parts = [
    spec.getName() && `name=${spec.getName()}`,
    spec.getType() && `type=${spec.getType()}`,
    spec.getStack() && `stack=${spec.getStack()}`,
    spec.getProject() && `project=${spec.getProject()}`,
    spec.hasParenturn() && `parent=${spec.getParenturn()}`,
    spec.hasNoparent() && spec.getNoparent() && "noParent",
  ];
  return parts.filter((part): part is string => typeof part === "string" && part !== "").join(", ");
}

function hookBindings(request: resproto.RegisterResourceRequest): Record<string, string[]> {
  const binding = request.getHooks();
  if (binding === undefined) return {};
  const events: Record<string, string[]> = {
    beforeCreate: binding.getBeforeCreateList(),
    afterCreate: binding.getAfterCreateList(),
    beforeUpdate: binding.getBeforeUpdateList(),
    afterUpdate: binding.getAfterUpdateList(),
    beforeDelete: binding.getBeforeDeleteList(),
    afterDelete: binding.getAfterDeleteList(),
    onError: binding.getOnErrorList(),
  };
  return Object.fromEntries(Object.entries(events).filter(([, names]) => names.length > 0));
}

/** The provider reference is "<provider urn>::<provider id>"; the plan shows the URN. */
function providerUrn(reference: string): string | undefined {
  if (reference === "") return undefined;
  const separator = reference.lastIndexOf("::");
  return separator > 0 ? reference.slice(0, separator) : reference;
}

/** The resources a registration's inputs refer to: the union of its property dependencies, in order. */
export function inputDependencies(request: resproto.RegisterResourceRequest): string[] {
  const propertyDependencies = new Set<string>();
  request.getPropertydependenciesMap().forEach((dependencies) => {
    for (const urn of dependencies.getUrnsList()) propertyDependencies.add(urn);
  });
  return [...propertyDependencies];
}

/** The resource options a registration carries, as the plan shows them. */
export function registrationOptions(request: resproto.RegisterResourceRequest): PlannedResourceOptions {
  const propertyDependencies = new Set(inputDependencies(request));
  const options: PlannedResourceOptions = {
    dependsOn: request.getDependenciesList().filter((urn) => !propertyDependencies.has(urn)),
    ignoreChanges: request.getIgnorechangesList(),
    replaceOnChanges: request.getReplaceonchangesList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    aliases: [...request.getAliasurnsList(), ...request.getAliasesList().map(describeAlias)].filter((alias) => alias !== ""),
    hooks: hookBindings(request),
  };
  if (request.hasProtect()) options.protect = request.getProtect() === true;
  if (request.getDeletebeforereplacedefined()) options.deleteBeforeReplace = request.getDeletebeforereplace();
  if (request.hasRetainondelete()) options.retainOnDelete = request.getRetainondelete() === true;
  if (request.getDeletedwith() !== "") options.deletedWith = request.getDeletedwith();
  const provider = providerUrn(request.getProvider());
  if (provider !== undefined) options.provider = provider;
  if (request.getImportid() !== "") options.importId = request.getImportid();
  const timeouts = request.getCustomtimeouts();
  if (timeouts !== undefined) {
    const entries = { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() };
    const set = Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== ""));
    if (Object.keys(set).length > 0) options.customTimeouts = set;
  }
  return options;
}

export interface ResourceMonitorDependencies {
  recorder: PlanRecorder;
  mockContext: MockContext;
}

/** Builds the service implementation; register it on a grpc.Server with ResourceMonitorService. */
export function createResourceMonitor({ recorder, mockContext }: ResourceMonitorDependencies): IResourceMonitorServer {
  const states = new Map<string, StoredState>();
  const hooks = new Set<string>();

  function register(request: resproto.RegisterResourceRequest): resproto.RegisterResourceResponse {
    const type = request.getType();
    const name = request.getName();
    const parent = request.getParent();
    const urn = recorder.resourceUrn(type, name, parent);
    const inputs = wireObject(request.getObject());
    const resource: PlannedResource = {
      urn,
      type,
      name,
      custom: request.getCustom(),
      operation: "create",
      inputs: toPlanObject(inputs),
      options: registrationOptions(request),
    };
    if (parent !== "") resource.parent = parent;
    const referenced = inputDependencies(request);
    if (referenced.length > 0) resource.inputDependencies = referenced;
    for (const hookNames of Object.values(resource.options.hooks)) {
      for (const hookName of hookNames) {
        if (!hooks.has(hookName)) throw new Error(`resource ${urn} names hook '${hookName}', which was never registered`);
      }
    }
    const response = new resproto.RegisterResourceResponse();
    response.setUrn(urn);
    if (request.getCustom()) {
      const answer = mockAnswer(type, name, urn, inputs, mockContext);
      const outputs = mockOutputs(inputs, answer.computed, request.getAdditionalsecretoutputsList());
      resource.id = answer.id;
      states.set(urn, { urn, id: answer.id, state: outputs });
      response.setId(answer.id);
      response.setObject(toStruct(outputs));
    } else {
      states.set(urn, { urn, id: "", state: {} });
      response.setObject(toStruct({}));
    }
    recorder.record(resource);
    return response;
  }

  function read(request: resproto.ReadResourceRequest): resproto.ReadResourceResponse {
    const type = request.getType();
    const name = request.getName();
    const urn = recorder.resourceUrn(type, name, request.getParent());
    const inputs = wireObject(request.getProperties());
    const answer = mockAnswer(type, name, urn, inputs, mockContext);
    const id = request.getId() || answer.id;
    const outputs = mockOutputs(inputs, answer.computed, request.getAdditionalsecretoutputsList());
    const resource: PlannedResource = {
      urn,
      type,
      name,
      custom: true,
      operation: "read",
      id,
      inputs: toPlanObject(inputs),
      options: {
        dependsOn: request.getDependenciesList(),
        ignoreChanges: [],
        replaceOnChanges: [],
        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        aliases: [],
        hooks: {},
      },
    };
    if (request.getParent() !== "") resource.parent = request.getParent();
    const provider = providerUrn(request.getProvider());
    if (provider !== undefined) resource.options.provider = provider;
    recorder.record(resource);
    states.set(urn, { urn, id, state: outputs });
    const response = new resproto.ReadResourceResponse();
    response.setUrn(urn);
    response.setProperties(toStruct(outputs));
    return response;
  }

  /**
   * The context a provider function runs in: the region of the explicit AWS provider the call names
   * (its registered `region`), else the default provider's (the stack's aws:region).
   */
  function invokeContext(providerReference: string): MockContext {
    const urn = providerUrn(providerReference);
    const region = urn === undefined ? undefined : wireString(states.get(urn)?.state["region"]);
    return region === undefined ? mockContext : { ...mockContext, region };
  }

  function invoke(request: resproto.ResourceInvokeRequest): resproto.ResourceInvokeResponse {
    const token = request.getTok();
    const args = wireObject(request.getArgs());
    let result: WireObject;
    if (token === "pulumi:pulumi:getResource") {
      const state = states.get(String(args["urn"]));
      if (state === undefined) throw new Error(`unknown resource ${String(args["urn"])}`);
      result = { urn: state.urn, id: state.id, state: state.state };
    } else {
      const answer = INVOKE_ANSWERS[token];
      if (answer === undefined) {
        throw new Error(
          `the offline plan cannot answer the provider function '${token}' (it would need the cloud); add an answer in plan/invoke-answers.ts`,
        );
      }
      result = answer(args, invokeContext(request.getProvider()));
    }
    const response = new resproto.ResourceInvokeResponse();
    response.setReturn(toStruct(result));
    return response;
  }

  function unary<Request, Response>(
    handler: (request: Request) => Response,
    errorCode: grpc.status = grpc.status.INVALID_ARGUMENT,
  ): grpc.handleUnaryCall<Request, Response> {
    return (call, callback) => {
      let response: Response;
      try {
        response = handler(call.request);
      } catch (error) {
        callback(grpcError(errorCode, error), null);
        return;
      }
      callback(null, response);
    };
  }

  return {
    getDeploymentInfo: unary<Empty, resproto.DeploymentInfo>(() => {
      const info = new resproto.DeploymentInfo();
      info.setProject(recorder.project);
      info.setStack(recorder.stack);
      info.setDryrun(true);
      info.setSupportedfeaturesList(advertisedFeatures());
      return info;
    }),
    supportsFeature: unary<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse>((request) => {
      const response = new resproto.SupportsFeatureResponse();
      response.setHassupport(SUPPORTED_FEATURES[request.getId()] === true);
      return response;
    }),
    invoke: unary(invoke, grpc.status.UNKNOWN),
    call: (_call, callback) => {
      callback(grpcError(grpc.status.UNIMPLEMENTED, new Error("the offline plan cannot call methods on resources")), null);
    },
    readResource: unary(read),
    existsResource: (_call, callback) => {
      callback(grpcError(grpc.status.UNIMPLEMENTED, new Error("the offline plan cannot ask the cloud whether a resource exists")), null);
    },
    registerResource: unary(register, grpc.status.ALREADY_EXISTS),
    registerResourceOutputs: unary<resproto.RegisterResourceOutputsRequest, Empty>((request) => {
      recorder.recordOutputs(request.getUrn(), toPlanObject(wireObject(request.getOutputs())));
      return new Empty();
    }),
    registerStackTransform: (_call, callback) => {
      callback(grpcError(grpc.status.UNIMPLEMENTED, new Error("the offline plan does not run transforms")), null);
    },
    registerStackInvokeTransform: (_call, callback) => {
      callback(grpcError(grpc.status.UNIMPLEMENTED, new Error("the offline plan does not run invoke transforms")), null);
    },
    registerResourceHook: unary<resproto.RegisterResourceHookRequest, Empty>((request) => {
      hooks.add(request.getName());
      return new Empty();
    }),
    registerErrorHook: unary<resproto.RegisterErrorHookRequest, Empty>(() => new Empty()),
    registerPackage: unary<resproto.RegisterPackageRequest, resproto.RegisterPackageResponse>((request) => {
      const response = new resproto.RegisterPackageResponse();
      response.setRef(`plan-package-${request.getName()}-${request.getVersion()}`);
      return response;
    }),
    signalAndWaitForShutdown: unary<Empty, Empty>(() => new Empty()),
  };
}
