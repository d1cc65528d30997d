/**
 * The Engine gRPC service (pulumi/engine.proto) a program talks to besides the monitor: it receives
 * the program's log messages (pulumi.log.*, and the SDK's report of an unhandled error) and keeps
 * the root stack resource's URN.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { IEngineServer } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import type { PlanDiagnostic } from "./plan-model";
import type { PlanRecorder } from "./plan-recorder";

const SEVERITIES: Record<engproto.LogSeverity, PlanDiagnostic["severity"]> = {
  [engproto.LogSeverity.DEBUG]: "debug",
  [engproto.LogSeverity.INFO]: "info",
  [engproto.LogSeverity.WARNING]: "warning",
  [engproto.LogSeverity.ERROR]: "error",
};

export function createEngineService(recorder: PlanRecorder): IEngineServer {
  let rootUrn = "";
  return {
    log: (call, callback) => {
      const request = call.request;
      const severity = SEVERITIES[request.getSeverity()];
      // Ephemeral messages are progress lines the CLI overwrites; debug lines only show with -v.
      if (!request.getEphemeral() && severity !== "debug") {
        const diagnostic: PlanDiagnostic = { severity, message: request.getMessage() };
        if (request.getUrn() !== "") diagnostic.urn = request.getUrn();
        recorder.recordDiagnostic(diagnostic);
      }
      callback(null, new Empty());
    },
    getRootResource: (_call, callback) => {
      const response = new engproto.GetRootResourceResponse();
      response.setUrn(rootUrn);
      callback(null, response);
    },
    setRootResource: (call, callback) => {
      rootUrn = call.request.getUrn();
      callback(null, new engproto.SetRootResourceResponse());
    },
    startDebugging: (_call, callback) => {
      callback({ code: grpc.status.UNIMPLEMENTED, details: "the offline plan cannot attach a debugger" }, null);
    },
    requirePulumiVersion: (call, callback) => {
      // There is no CLI here to compare with: accept, and tell the reader what the program demands.
      recorder.recordDiagnostic({
        severity: "info",
        message: `the program requires a Pulumi CLI version ${call.request.getPulumiVersionRange()} (not checked by the offline plan)`,
      });
      callback(null, new engproto.RequirePulumiVersionResponse());
    },
  };
}
