// One table per rule: a compliant resource, the violating shapes, and a resource whose deciding
// value is unknown at preview. Each table becomes the same three tests, run as the pack runs them
// (with the preview-unverified report), so every rule is held to the same standard.
import { expect } from "chai";
import { PackPolicy } from "../../policy/lib/rule";
import { EvaluatedResource } from "../../scripts/plan/evaluate";
import { judge, resource, unknownAtPreview, verdicts } from "./policy";

export type Props = Record<string, unknown>;

export interface RuleCases {
    rule: PackPolicy;
    /** Type token of the judged resource. */
    type: string;
    compliant: Props;
    /** Violating shapes by name; each is reported once or more, naming the resource. */
    violating: Record<string, Props>;
    /**
     * A compliant-looking resource whose deciding value is unknown at preview. Absent for rules that
     * decide on the resource's kind alone: then a resource with only unknown values is still reported.
     */
    unknown?: Props;
    /** Builds the judged resource with the resources a stack rule follows (default: the resource alone). */
    build?: (name: string, props: Props) => EvaluatedResource[];
}

export function describeRule(cases: RuleCases): void {
    const build = cases.build ?? ((name: string, props: Props) => [resource(cases.type, name, props)]);
    const level = cases.rule.enforcementLevel;
    describe(`policy: ${cases.rule.name}`, () => {
        it("passes the compliant resource", async () => {
            expect(verdicts(await judge([cases.rule], ...build("good", cases.compliant)))).to.deep.equal([]);
        });

        for (const [shape, props] of Object.entries(cases.violating)) {
            it(`reports ${shape} as ${level}, naming the resource`, async () => {
                const violations = await judge([cases.rule], ...build("bad", props));
                expect(violations.length, JSON.stringify(violations)).to.be.greaterThan(0);
                for (const violation of violations) {
                    expect(violation).to.include({ policy: cases.rule.name, level });
                    expect(violation.message).to.contain("bad");
                }
            });
        }

        const [firstShape] = Object.values(cases.violating);
        if (cases.unknown === undefined) {
            it("decides at preview: a resource whose every value is unknown is still reported", async () => {
                const unknownProps = Object.fromEntries(Object.keys(firstShape).map(key => [key, unknownAtPreview]));
                expect(verdicts(await judge([cases.rule], ...build("bad", unknownProps)))).to.deep.equal([
                    `${cases.rule.name} ${level} bad`,
                ]);
            });
            return;
        }
        const unknown = cases.unknown;
        it("leaves a resource whose deciding value is unknown at preview undecided, by name, and every other verdict stands", async () => {
            const violations = await judge(
                [cases.rule],
                ...build("pending", unknown),
                ...build("bad", firstShape),
                ...build("good", cases.compliant),
            );
            const pending = violations.filter(v => v.urn.endsWith("::pending"));
            expect(verdicts(pending)).to.deep.equal(["preview-unverified advisory pending"]);
            expect(pending[0].message).to.contain(`cannot be verified at preview by ${cases.rule.name}`);
            const others = violations.filter(v => !v.urn.endsWith("::pending"));
            expect(others.length).to.be.greaterThan(0);
            expect(others.every(v => v.policy === cases.rule.name && v.level === level && v.urn.endsWith("::bad"))).to.equal(true);
        });
    });
}
