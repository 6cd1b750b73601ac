// Tier 4: the e-mail extractor as the email source uploads it (built from sources/
// supplier_stock_mail.json), loaded in a fresh process with only its archive's packages and invoked
// with S3's ObjectCreated notifications for messages stored as SES stores them (raw MIME with SES's
// verdict headers under messages/), against moto S3.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { receivedMailPrefix } from "../../../components/defaults/ses-defaults";
import { createEmailIngestion } from "../../../components/sources/email-source";
import type { MessageOutcome } from "../../../functions/sources/email-extractor";
import { sesSetupObject } from "../../../functions/sources/lambda";
import { objectCreatedEvent } from "../../fixtures/events/s3";
import { mocked } from "../../support/pulumi";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../../support/serialized-lambda";
import { motoEnvironment, requireService, resetMoto, s3ClientConfig } from "../../support/services";
import { exampleSource, ingestionFixture } from "../../support/source-ingestion";

const receipts = "t4-mail-receipts";
const zones = "t4-mail-zones";
const stock = "sku,qty\nA-1,3\nB-2,5\n";

/** A message as SES stores it: the MIME text with the verdict headers SES adds on receipt. */
function sesMessage(options: Partial<Mail.Options>, verdicts: { spam?: string; virus?: string } = {}): Promise<Buffer> {
    return new MailComposer({
        from: "reports@supplier.example",
        to: "stock@data.example.com",
        subject: "stock levels",
        text: "attached",
        headers: { "X-SES-Spam-Verdict": verdicts.spam ?? "PASS", "X-SES-Virus-Verdict": verdicts.virus ?? "PASS" },
        ...options,
    })
        .compile()
        .build();
}

describe("email source extractor as uploaded (tier 4)", function () {
    this.timeout(180_000);
    const s3 = new S3Client(s3ClientConfig());
    let archive: LambdaArchive;
    let environment: Record<string, string>;

    const receive = async (id: string, raw: Buffer): Promise<MessageOutcome[]> => {
        const key = `${receivedMailPrefix}${id}`;
        await s3.send(new PutObjectCommand({ Bucket: receipts, Key: key, Body: raw }));
        const invocation = await invokeInFreshProcess<MessageOutcome[]>(archive, await objectCreatedEvent(s3, receipts, key), environment);
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        return invocation.result!;
    };
    const zoneKeys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: zones }))).Contents ?? []).map(o => o.Key!).sort();
    const read = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: zones, Key: key }))).Body!.transformToString();

    before(async () => {
        await requireService("moto");
        await mocked();
        const { parent, args } = ingestionFixture("t4-mail", exampleSource("supplier_stock_mail.json"));
        archive = await materialize(createEmailIngestion("t4-mail-source", args, parent).extractor);
        environment = { ...archive.environment, SOURCE_ZONES_BUCKET: zones, ...motoEnvironment(), POWERTOOLS_LOG_LEVEL: "SILENT" };
    });
    beforeEach(async () => {
        await resetMoto();
        await s3.send(new CreateBucketCommand({ Bucket: receipts }));
        await s3.send(new CreateBucketCommand({ Bucket: zones }));
    });

    it("ships the MIME parser and the S3 client, and names the zone bucket in its environment", () => {
        expect(archive.packages).to.include.members(["postal-mime", "@aws-sdk/client-s3"]);
        expect(archive.packages).not.to.include.members(["nodemailer", "@pulumi/pulumi"]);
        expect(archive.environment).to.have.property("SOURCE_ZONES_BUCKET");
    });

    it("writes the CSV attachment of an allowed sender to raw/suppliers/stock/<message id>/, byte for byte", async () => {
        const raw = await sesMessage({
            attachments: [{ filename: "stock 2026-12-01.csv", content: stock, contentType: "text/csv", contentTransferEncoding: "base64" }],
        });
        const [outcome] = await receive("o1abc2def3", raw);
        expect(outcome).to.deep.include({ sender: "reports@supplier.example", accepted: true });
        expect(outcome.attachments).to.deep.equal([
            {
                filename: "stock_2026-12-01.csv",
                accepted: true,
                destination: "raw/suppliers/stock/o1abc2def3/stock_2026-12-01.csv",
                records: 2,
            },
        ]);
        expect(await read("raw/suppliers/stock/o1abc2def3/stock_2026-12-01.csv")).to.equal(stock);
    });

    it("accepts a whole allowed domain, and a quoted-printable attachment", async () => {
        const raw = await sesMessage({
            from: "Night Shift <night@warehouse.supplier.example>",
            attachments: [{ filename: "stock.csv", content: stock, contentType: "text/csv", contentTransferEncoding: "quoted-printable" }],
        });
        const [outcome] = await receive("qp1", raw);
        expect(outcome).to.deep.include({ sender: "night@warehouse.supplier.example", accepted: true });
        expect(outcome.attachments[0].records).to.equal(2);
        // A quoted-printable text part keeps its text, not necessarily its final line break.
        expect((await read("raw/suppliers/stock/qp1/stock.csv")).trimEnd()).to.equal(stock.trimEnd());
    });

    it("records a sender not on the allow-list, and a message SES found a virus in, with the reason and nothing in raw", async () => {
        const attachments = [{ filename: "stock.csv", content: stock, contentType: "text/csv" }];
        const [stranger] = await receive("m-stranger", await sesMessage({ from: "someone@elsewhere.example", attachments }));
        expect(stranger).to.include({ accepted: false, reason: "sender someone@elsewhere.example is not in the source's allowedSenders" });
        const [infected] = await receive("m-virus", await sesMessage({ attachments }, { virus: "FAIL" }));
        expect(infected).to.include({ accepted: false, reason: "SES found a virus" });
        expect(await zoneKeys()).to.deep.equal([
            "rejected/supplier_stock_mail/m-stranger/message.reason.json",
            "rejected/supplier_stock_mail/m-virus/message.reason.json",
        ]);
        expect(JSON.parse(await read("rejected/supplier_stock_mail/m-stranger/message.reason.json"))).to.include({
            source: "supplier_stock_mail",
            message: `${receivedMailPrefix}m-stranger`,
        });
    });

    it("rejects a non-CSV attachment and a CSV missing a required column, keeping each file with its reason", async () => {
        const raw = await sesMessage({
            attachments: [
                { filename: "notes.pdf", content: Buffer.from("%PDF-1.4"), contentType: "application/pdf" },
                { filename: "short.csv", content: "sku\nA-1\n", contentType: "text/csv" },
            ],
        });
        const [outcome] = await receive("m-bad", raw);
        expect(outcome.attachments.map(a => [a.filename, a.accepted])).to.deep.equal([
            ["notes.pdf", false],
            ["short.csv", false],
        ]);
        expect(await zoneKeys()).to.deep.equal([
            "rejected/supplier_stock_mail/m-bad/notes.pdf",
            "rejected/supplier_stock_mail/m-bad/notes.pdf.reason.json",
            "rejected/supplier_stock_mail/m-bad/short.csv",
            "rejected/supplier_stock_mail/m-bad/short.csv.reason.json",
        ]);
    });

    it("skips the object SES writes when the rule is created, writing nothing", async () => {
        const outcomes = await receive(sesSetupObject, Buffer.from("Amazon SES setup notification"));
        expect(outcomes).to.deep.equal([]);
        expect(await zoneKeys()).to.deep.equal([]);
    });
});
