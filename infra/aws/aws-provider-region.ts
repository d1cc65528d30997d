/**
 * An SmsMfa instance's `region` must be the region of its AWS provider: the sender's IAM policy
 * allows publishing only in `region` and the Action publishes there, while the regional opt-ins (the
 * SMS preferences with their spend limit and delivery-status logging, the alarms and their topic) are
 * made where the provider points ("Defaults to the Region set in the provider configuration",
 * @pulumi/aws 7.48.0 sns/smsPreferences.d.ts, region). With the two apart, the spend limit, the logs
 * and the alarms cover a region the sender never uses.
 *
 * The provider's region is read with `aws.getRegion` on the instance's provider (an invoke, so it runs
 * in previews too). With no argument it describes the region configured on the provider, without
 * calling AWS (so the deploy role needs no permission for it), and @pulumi/aws 7 returns it as `region`
 * (`name` is deprecated): terraform-provider-aws v6.46.0 internal/service/meta/region_data_source.go
 * (Read: "Default to provider current Region", d.Meta().Region(ctx); name DeprecationMessage).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The message of a refused instance. */
export function providerRegionMismatchMessage(instanceName: string, region: string, providerRegion: string | undefined): string {
  const where = providerRegion === undefined || providerRegion === "" ? "no region aws.getRegion could read" : providerRegion;
  return (
    `region: SmsMfa "${instanceName}" has region ${region} but its AWS provider is in ${where}; the sender's IAM policy and the ` +
    `Action would publish in ${region} while the SMS preferences and alarms are made in the provider's region: give the instance ` +
    `an AWS provider in ${region} (providers option, or aws:region for the default provider), or set region to the provider's`
  );
}

/**
 * No resources, once the AWS provider `scope` runs on is confirmed in `region`; fails when it is
 * elsewhere, and so fails every resource that waits on it (`dependsOn`) before it is registered.
 */
export function awsProviderInRegion(scope: pulumi.Resource, region: string, instanceName: string): pulumi.Output<pulumi.Resource[]> {
  return aws.getRegionOutput({}, { parent: scope }).apply((answer) => {
    if (answer.region !== region) throw new pulumi.ResourceError(providerRegionMismatchMessage(instanceName, region, answer.region), scope);
    return [];
  });
}
