/**
 * Hosts the resource monitor and the engine on one gRPC server bound to loopback on a free port:
 * the address the program is given for both --monitor and --engine.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import { createEngineService } from "./engine-service";
import type { MockContext } from "./mock-outputs";
import type { PlanRecorder } from "./plan-recorder";
import { createResourceMonitor } from "./resource-monitor";

export interface PlanServer {
  /** "127.0.0.1:<port>" */
  address: string;
  close(): Promise<void>;
}

export async function startPlanServer(recorder: PlanRecorder, mockContext: MockContext): Promise<PlanServer> {
  const server = new grpc.Server();
  server.addService(ResourceMonitorService, createResourceMonitor({ recorder, mockContext }));
  server.addService(EngineService, createEngineService(recorder));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) reject(error);
      else resolve(boundPort);
    });
  });
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // A program that died mid-call may leave a stream open; do not wait on it.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000).unref();
      }),
  };
}
