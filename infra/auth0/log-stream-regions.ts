/**
 * The AWS regions an Auth0 log stream of type `eventbridge` can deliver to: the values the pinned
 * provider accepts for `sink.aws_region` (terraform-provider-auth0 v1.53.0,
 * internal/auth0/logstream/resource.go, NewResource, `aws_region` ValidateFunc
 * validation.StringInSlice). The provider refuses any other region at plan time, so a stack whose
 * `aws:region` is missing here is refused before anything is registered. The schema's Description
 * omits `eu-central-2`, which its ValidateFunc accepts: the list below follows the ValidateFunc.
 */
export const EVENTBRIDGE_LOG_STREAM_REGIONS = [
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
