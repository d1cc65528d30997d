/**
 * The AWS regions an Auth0 log stream of type `eventbridge` can deliver to: those both the pinned
 * provider and the Management API accept. The provider's list is the ValidateFunc of `sink.aws_region`
 * (terraform-provider-auth0 v1.53.0, internal/auth0/logstream/resource.go, NewResource,
 * validation.StringInSlice; its Description omits `eu-central-2`, which the ValidateFunc accepts); the
 * API's is the `LogStreamEventBridgeSinkRegionEnum` of the auth0 SDK 7.1.0, generated from the
 * Management API's specification. The provider accepts `cn-north-1` and `cn-northwest-1`, which the
 * API's enum lacks; the API accepts regions the provider refuses at plan time (e.g. `ap-south-2`).
 * A stack whose `aws:region` is outside both is refused before anything is registered.
 */
import { Management } from "auth0";

/** terraform-provider-auth0 v1.53.0 internal/auth0/logstream/resource.go, `aws_region` ValidateFunc. */
export const PROVIDER_EVENTBRIDGE_REGIONS = [
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

const API_REGIONS: readonly string[] = Object.values(Management.LogStreamEventBridgeSinkRegionEnum);

/** The regions a stack with monitoringEnabled may use. */
export const EVENTBRIDGE_LOG_STREAM_REGIONS: readonly string[] = PROVIDER_EVENTBRIDGE_REGIONS.filter((region) =>
  API_REGIONS.includes(region),
);
