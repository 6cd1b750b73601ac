// The CrossGuard pack: `pulumi preview --policy-pack policy`.
// Policies live in policies.ts so they can be tested without starting the pack's server.
import { PolicyPack } from "@pulumi/policy";
import { policies, policyPackName } from "./policies";

new PolicyPack(policyPackName, { policies });
