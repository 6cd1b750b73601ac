// EBS: every volume, attached or standalone, is encrypted with a KMS key.
import { isKind } from "../lib/resource-types";
import { resourceRule } from "../lib/rule";
import { isRecord, listOf } from "../lib/values";

/** Each EBS volume a resource declares, with a label that says where it is declared. */
function volumesOf(type: string, props: Record<string, unknown>): [string, Record<string, unknown>][] {
    if (isKind(type, "ebsVolume")) {
        return [["", props]];
    }
    if (isKind(type, "launchTemplate")) {
        return listOf(props.blockDeviceMappings)
            .filter(isRecord)
            .filter(mapping => isRecord(mapping.ebs))
            .map(mapping => [`blockDeviceMappings ${String(mapping.deviceName)} `, mapping.ebs as Record<string, unknown>]);
    }
    const root: [string, Record<string, unknown>][] = [["rootBlockDevice ", isRecord(props.rootBlockDevice) ? props.rootBlockDevice : {}]];
    const attached = listOf(props.ebsBlockDevices)
        .filter(isRecord)
        .map((device): [string, Record<string, unknown>] => [`ebsBlockDevices ${String(device.deviceName)} `, device]);
    return [...root, ...attached];
}

export const ebsEncrypted = resourceRule({
    name: "ebs-encrypted",
    description: "EBS volumes, instance root and data volumes and launch-template volumes are encrypted (Security Hub EC2.3, EC2.7).",
    enforcementLevel: "mandatory",
    anchors: ["EC2.3"],
    kinds: ["ebsVolume", "ec2Instance", "launchTemplate"],
    check: (holder, report) => {
        for (const [where, volume] of volumesOf(holder.type, holder.props)) {
            if (String(volume.encrypted) !== "true") {
                report(
                    `${holder.type} ${holder.name}: ${where}volume is not encrypted: set encrypted to true with kmsKeyId (the stack key)`,
                );
            }
        }
    },
});
