// asl-validator 4 ships no type declarations.
declare module "asl-validator" {
    interface AslError {
        "Error code": string;
        Message: string;
    }
    function validator(
        definition: unknown,
        options?: { checkPaths?: boolean; checkArn?: boolean },
    ): { isValid: boolean; errors: AslError[] };
    export = validator;
}
