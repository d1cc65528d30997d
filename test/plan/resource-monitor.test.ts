// The plan's monitor and engine over real gRPC on loopback, spoken to with the SDK's own generated clients.
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import { ResourceMonitorClient } from "@pulumi/pulumi/proto/resource_grpc_pb";
import type { InvokeResponse } from "@pulumi/pulumi/proto/provider_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { afterEach, describe, expect, it } from "vitest";
import { PlanRecorder } from "../../plan/plan-recorder";
import { startPlanServer, type PlanServer } from "../../plan/plan-server";
import { SECRET_SIG, SIG_KEY, UNKNOWN_VALUE } from "../../plan/property-values";
import { SECRET_PLACEHOLDER_PREFIX } from "../../infra/config/validate-config";

let server: PlanServer | undefined;
const clients: grpc.Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

async function connect(): Promise<{ recorder: PlanRecorder; monitor: ResourceMonitorClient; engine: EngineClient }> {
  const recorder = new PlanRecorder("demo", "dev");
  server = await startPlanServer(recorder, { region: "eu-west-1" });
  const monitor = new ResourceMonitorClient(server.address, grpc.credentials.createInsecure());
  const engine = new EngineClient(server.address, grpc.credentials.createInsecure());
  clients.push(monitor, engine);
  return { recorder, monitor, engine };
}

function call<Response>(start: (done: (error: grpc.ServiceError | null, response: Response) => void) => unknown): Promise<Response> {
  return new Promise((resolve, reject) => start((error, response) => (error ? reject(error) : resolve(response))));
}

function register(monitor: ResourceMonitorClient, request: resproto.RegisterResourceRequest): Promise<resproto.RegisterResourceResponse> {
  return call<resproto.RegisterResourceResponse>((done) => monitor.registerResource(request, done));
}

function registration(type: string, name: string, inputs: Record<string, unknown>, parent = ""): resproto.RegisterResourceRequest {
  const request = new resproto.RegisterResourceRequest();
  request.setType(type);
  request.setName(name);
  request.setParent(parent);
  request.setCustom(!type.includes("Stack") && !type.startsWith("demo:"));
  request.setObject(Struct.fromJavaScript(inputs as Parameters<typeof Struct.fromJavaScript>[0]));
  return request;
}

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("plan monitor over gRPC", () => {
  it("answers the SDK's feature questions: secrets and hooks yes, transforms no", async () => {
    const { monitor } = await connect();
    const ask = async (feature: string) => {
      const request = new resproto.SupportsFeatureRequest();
      request.setId(feature);
      return (await call<resproto.SupportsFeatureResponse>((done) => monitor.supportsFeature(request, done))).getHassupport();
    };
    expect(await ask("secrets")).toBe(true);
    expect(await ask("resourceReferences")).toBe(true);
    expect(await ask("resourceHooks")).toBe(true);
    expect(await ask("transforms")).toBe(false);
    expect(await ask("no-such-feature")).toBe(false);
  });

  it("records a registration with engine URNs, echoes inputs, keeps secrets wrapped and wraps secret outputs", async () => {
    const { recorder, monitor } = await connect();
    const stack = await register(monitor, registration("pulumi:pulumi:Stack", "demo-dev", {}));
    const component = await register(monitor, registration("demo:index:Sender", "sender", {}, stack.getUrn()));
    const userRequest = registration("aws:iam/user:User", "user", { path: "/demo/", note: secret("TOP-SECRET") }, component.getUrn());
    userRequest.setProtect(true);
    const user = await register(monitor, userRequest);
    expect(stack.getUrn()).toBe("urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev");
    expect(component.getUrn()).toBe("urn:pulumi:dev::demo::demo:index:Sender::sender");
    expect(user.getUrn()).toBe("urn:pulumi:dev::demo::demo:index:Sender$aws:iam/user:User::user");
    const echoed = user.getObject()?.toJavaScript() ?? {};
    expect(echoed["note"]).toEqual(secret("TOP-SECRET"));
    expect(user.getId()).toMatch(/^user-[0-9a-f]{7}$/);
    expect(echoed["arn"]).toBe(`arn:aws:iam::123456789012:user/demo/${user.getId()}`);

    const keyRequest = registration("aws:iam/accessKey:AccessKey", "key", { user: user.getId() }, component.getUrn());
    keyRequest.setAdditionalsecretoutputsList(["secret", "sesSmtpPasswordV4"]);
    const userReference = new resproto.RegisterResourceRequest.PropertyDependencies();
    userReference.setUrnsList([user.getUrn()]);
    keyRequest.getPropertydependenciesMap().set("user", userReference);
    keyRequest.setDependenciesList([user.getUrn(), stack.getUrn()]);
    const key = (await register(monitor, keyRequest)).getObject()?.toJavaScript() ?? {};
    expect(key["secret"]).toEqual(secret(expect.stringContaining(SECRET_PLACEHOLDER_PREFIX)));
    expect(key["sesSmtpPasswordV4"]).toEqual(secret(UNKNOWN_VALUE));

    const plan = recorder.plan("Pulumi.dev.yaml", { directory: ".", entryPoint: ".", typescript: { enabled: true, typeCheck: true } });
    const recorded = plan.resources.find((resource) => resource.name === "user");
    expect(recorded?.options.protect).toBe(true);
    expect(recorded?.parent).toBe(component.getUrn());
    expect(recorded?.inputs).toEqual({ path: "/demo/", note: { $plan: "secret" } });
    expect(recorded?.inputDependencies).toBeUndefined();
    const recordedKey = plan.resources.find((resource) => resource.name === "key");
    expect(recordedKey?.inputDependencies).toEqual([user.getUrn()]);
    expect(recordedKey?.options.dependsOn).toEqual([stack.getUrn()]);
    expect(JSON.stringify(plan)).not.toContain("TOP-SECRET");
  });

  it("refuses a second resource with the same URN, as the engine does", async () => {
    const { monitor } = await connect();
    await register(monitor, registration("aws:iam/user:User", "same", {}));
    await expect(register(monitor, registration("aws:iam/user:User", "same", {}))).rejects.toThrow(
      "Duplicate resource URN 'urn:pulumi:dev::demo::aws:iam/user:User::same'; try giving it a unique name",
    );
  });

  it("answers known provider functions and names the ones it cannot answer offline", async () => {
    const { monitor } = await connect();
    const invoke = (token: string) => {
      const request = new resproto.ResourceInvokeRequest();
      request.setTok(token);
      request.setArgs(Struct.fromJavaScript({}));
      return call<InvokeResponse>((done) => monitor.invoke(request, done));
    };
    const region = await invoke("aws:index/getRegion:getRegion");
    expect(region.getReturn()?.toJavaScript()).toMatchObject({ region: "eu-west-1", name: "eu-west-1" });
    await expect(invoke("aws:ec2/getAmi:getAmi")).rejects.toThrow("cannot answer the provider function 'aws:ec2/getAmi:getAmi'");
  });

  it("answers aws.getRegion with the region of the provider the call runs on, as the AWS provider does", async () => {
    const { monitor } = await connect();
    const provider = await register(monitor, registration("pulumi:providers:aws", "us-aws", { region: "us-west-2" }));
    const getRegion = (providerReference: string, args: Record<string, string> = {}) => {
      const request = new resproto.ResourceInvokeRequest();
      request.setTok("aws:index/getRegion:getRegion");
      request.setArgs(Struct.fromJavaScript(args));
      request.setProvider(providerReference);
      return call<InvokeResponse>((done) => monitor.invoke(request, done)).then((response) => response.getReturn()?.toJavaScript());
    };
    expect(await getRegion(`${provider.getUrn()}::${provider.getId()}`)).toMatchObject({ region: "us-west-2" });
    expect(await getRegion("")).toMatchObject({ region: "eu-west-1" });
    expect(await getRegion("", { region: "ap-southeast-2" })).toMatchObject({ region: "ap-southeast-2" });
  });

  it("collects the program's log messages as diagnostics, leaving out ephemeral and debug lines", async () => {
    const { recorder, engine } = await connect();
    const log = (severity: engproto.LogSeverity, message: string, ephemeral = false) => {
      const request = new engproto.LogRequest();
      request.setSeverity(severity);
      request.setMessage(message);
      request.setEphemeral(ephemeral);
      return call<unknown>((done) => engine.log(request, done));
    };
    await log(engproto.LogSeverity.WARNING, "careful");
    await log(engproto.LogSeverity.ERROR, "broken");
    await log(engproto.LogSeverity.DEBUG, "noise");
    await log(engproto.LogSeverity.INFO, "progress", true);
    expect(recorder.plan("x", { directory: ".", entryPoint: ".", typescript: { enabled: false, typeCheck: false } }).diagnostics).toEqual([
      { severity: "warning", message: "careful" },
      { severity: "error", message: "broken" },
    ]);
    expect(recorder.errors()).toEqual([{ severity: "error", message: "broken" }]);
  });
});
