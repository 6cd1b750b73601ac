// The e-mail extractor against real MIME messages built by nodemailer's MailComposer, stored in
// moto S3 the way SES's receipt rule stores them.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";

import { EmailConfig, extractMessage, senderAllowed } from "../../../functions/sources/email-extractor";
import { motoBucketsPerTest } from "../../support/moto-buckets";

const receipts = "ses-receipts";
const zones = "warehouse-zones";
const csv = "sku,qty\nA-1,3\nB-2,5\n";
const config: EmailConfig = {
    source: "supplier_mail",
    allowedSenders: ["reports@supplier.example", "@partner.example"],
    zonesBucket: zones,
    rawPrefix: "raw/supplier/",
    rejectedPrefix: "rejected/supplier_mail/",
    maxAttachmentBytes: 10_000,
    format: "csv",
    mapping: { sku: { from: "sku", type: "string", required: true }, qty: { from: "qty", type: "integer", required: true } },
};

function message(options: Partial<Mail.Options>): Promise<Buffer> {
    return new MailComposer({ from: "reports@supplier.example", to: "data@in.example", subject: "daily", text: "see attached", ...options })
        .compile()
        .build();
}

describe("functions/sources: e-mail extractor (MIME messages, moto S3)", () => {
    const moto = motoBucketsPerTest(receipts, zones);

    async function receive(id: string, raw: Buffer) {
        const key = `inbound/supplier_mail/${id}`;
        await moto.s3.send(new PutObjectCommand({ Bucket: receipts, Key: key, Body: raw }));
        return extractMessage(moto.s3, config, { bucket: receipts, key, size: raw.length });
    }
    const read = (key: string) => moto.text(zones, key);
    const zoneKeys = () => moto.keys(zones);

    it("multipart with a base64 CSV attachment: the file lands in raw under the message id, byte for byte", async () => {
        const raw = await message({
            attachments: [
                { filename: "stock.csv", content: csv, contentType: "text/csv", encoding: "utf8", contentTransferEncoding: "base64" },
            ],
        });
        expect(raw.toString()).to.match(/Content-Transfer-Encoding: base64/);
        const outcome = await receive("msg-1", raw);
        expect(outcome).to.deep.include({ sender: "reports@supplier.example", accepted: true });
        expect(outcome.attachments).to.deep.equal([
            { filename: "stock.csv", accepted: true, destination: "raw/supplier/msg-1/stock.csv", records: 2 },
        ]);
        expect(await read("raw/supplier/msg-1/stock.csv")).to.equal(csv);
    });

    it("a quoted-printable attachment is decoded; a bad and an off-format attachment go to rejected with reasons", async () => {
        const accented = "sku,qty\nCAFÉ=1,7\n";
        const raw = await message({
            from: "Ops <ops@partner.example>",
            attachments: [
                {
                    filename: "qp.csv",
                    content: accented,
                    contentType: "text/csv; charset=utf-8",
                    contentTransferEncoding: "quoted-printable",
                },
                { filename: "broken.csv", content: "sku,qty\nC-3,many\n", contentType: "text/csv" },
                { filename: "logo.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: "image/png" },
            ],
        });
        expect(raw.toString()).to.match(/Content-Transfer-Encoding: quoted-printable/);
        const outcome = await receive("msg-2", raw);
        expect(outcome.attachments.map(a => [a.filename, a.accepted, a.reason])).to.deep.equal([
            ["qp.csv", true, undefined],
            ["broken.csv", false, 'record 1: qty is not a integer ("many")'],
            ["logo.png", false, "not a csv attachment (image/png)"],
        ]);
        // A quoted-printable text part keeps its text, not necessarily its final line break.
        expect((await read("raw/supplier/msg-2/qp.csv")).trimEnd()).to.equal(accented.trimEnd());
        expect(outcome.attachments[0].records).to.equal(1);
        expect(JSON.parse(await read("rejected/supplier_mail/msg-2/broken.csv.reason.json")).reason).to.contain("qty is not a integer");
    });

    it("a message with no attachment is recorded, not lost", async () => {
        const outcome = await receive("msg-3", await message({}));
        expect(outcome).to.include({ accepted: true, reason: "the message has no attachments" });
        expect(await zoneKeys()).to.deep.equal(["rejected/supplier_mail/msg-3/message.reason.json"]);
    });

    it("a sender not on the allow-list: nothing reaches raw, the reason is recorded", async () => {
        const raw = await message({ from: "someone@elsewhere.example", attachments: [{ filename: "stock.csv", content: csv }] });
        const outcome = await receive("msg-4", raw);
        expect(outcome).to.include({ accepted: false, reason: "sender someone@elsewhere.example is not in the source's allowedSenders" });
        expect(await zoneKeys()).to.deep.equal(["rejected/supplier_mail/msg-4/message.reason.json"]);
    });

    it("SES's virus verdict FAIL refuses an allowed sender's message", async () => {
        const raw = await message({ headers: { "X-SES-Virus-Verdict": "FAIL" }, attachments: [{ filename: "stock.csv", content: csv }] });
        expect((await receive("msg-5", raw)).reason).to.equal("SES found a virus");
    });

    it("allow-list entries match whole addresses or whole domains, ignoring case", () => {
        expect(senderAllowed("Reports@Supplier.example", config.allowedSenders)).to.equal(true);
        expect(senderAllowed("x@partner.example", config.allowedSenders)).to.equal(true);
        expect(senderAllowed("x@evilpartner.example", config.allowedSenders)).to.equal(false);
        expect(senderAllowed("reports@supplier.example.evil", config.allowedSenders)).to.equal(false);
    });
});
