import { expect } from "chai";
import { integerVariable, readEnvironment, stringVariable } from "../../../functions/runtime/environment";

const contract = { host: stringVariable("DB_HOST"), port: integerVariable("DB_PORT") };

describe("runtime: environment contract", () => {
    it("reads strings as strings and integers as numbers", () => {
        const values = readEnvironment(contract, { DB_HOST: "db.internal", DB_PORT: "5432" });
        expect(values).to.deep.equal({ host: "db.internal", port: 5432 });
    });

    it("names the variable that is missing or malformed", () => {
        expect(() => readEnvironment(contract, { DB_PORT: "5432" })).to.throw("environment variable DB_HOST is not set");
        expect(() => readEnvironment(contract, { DB_HOST: "h", DB_PORT: "54x" })).to.throw(/DB_PORT must be an integer \(got "54x"\)/);
        expect(() => readEnvironment(contract, { DB_HOST: "h", DB_PORT: "" })).to.throw("DB_PORT is not set");
    });
});
